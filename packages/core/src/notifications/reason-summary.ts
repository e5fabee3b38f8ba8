import type { RuleSetDocument } from '@smart-task/schemas';
import { dependencyClosure, isBuiltInFact, type BuiltInFact } from '../compile/fact-graph.js';
import type { Decision, Reason } from '../evaluate/decision.js';
import type { OutcomeReason } from '../requests/request-state.js';
import { builtInMessages, type Messages } from '../messages/messages.js';
import { placeholdersOf, renderTemplate } from '../text/template.js';

/**
 * Short, data-minimal summaries of the reasons of a decision, for notices that leave the Cassetto
 * (e-mail, PEC, SMS). A summary is the first clause of the reason's message template, filled only with
 * what the requester gave (the request, their own identity and position, and values computed from
 * those alone); every value read from INPS archives is withheld as `…`, and any codice fiscale or
 * partita IVA other than the requester's and the soggetto's is withheld too.
 */

/** What replaces a withheld value. */
export const WITHHELD = '…';

/**
 * Codici fiscali of natural persons (omocodia letters allowed) and 11-digit codes (legal persons,
 * partita IVA, also with the `IT` prefix of a VAT number), not inside a longer run of letters and
 * digits; `_` and other punctuation count as separators (`CF_…`).
 */
const TAX_CODES = /(?<![A-Z0-9])(?:[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]|(?:IT)?\d{11})(?![A-Z0-9])/gi;

/** Replaces every codice fiscale or partita IVA in `text` except those in `keep` (compared case-insensitively, `IT` prefix ignored). */
export function withholdOtherTaxCodes(text: string, keep: readonly string[]): string {
  const kept = new Set(keep.map((code) => code.toUpperCase()));
  return text.replace(TAX_CODES, (code) => (kept.has(code.toUpperCase().replace(/^IT(?=\d{11}$)/, '')) ? code : WITHHELD));
}

/** The text up to the first `:`, `;` or sentence end outside parentheses, ending with a full stop (or the `…` of a withheld value). */
export function firstClause(text: string): string {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (char === ':' || char === ';' || char === '.') && (index + 1 === text.length || text[index + 1] === ' ')) return withFullStop(text.slice(0, index));
  }
  return withFullStop(text);
}

function withFullStop(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** True when a fact holds only what the requester gave: it is built-in, or no port fact is among its dependencies. */
function isRequesterData(fact: string, ruleSet: RuleSetDocument): boolean {
  if (isBuiltInFact(fact)) return true;
  if (!ruleSet.facts[fact]) return false;
  return [...dependencyClosure([fact], ruleSet.facts)].every((name) => isBuiltInFact(name) || (ruleSet.facts[name] !== undefined && !('port' in (ruleSet.facts[name] as object))));
}

/** The value of a fact as the decision's messages saw it: the built-ins the decision keeps in fields of their own, else the fact values read. */
function factValueOf(fact: string, decision: Decision, ruleSet: RuleSetDocument): unknown {
  if (!isBuiltInFact(fact)) return Object.prototype.hasOwnProperty.call(decision.facts, fact) ? decision.facts[fact] : undefined;
  const builtIns: { readonly [F in BuiltInFact]: unknown } = {
    request: decision.request,
    subject: decision.subject,
    today: decision.today,
    submittedOn: decision.referenceDate,
    requestId: decision.requestId,
    task: decision.taskId,
    requesters: ruleSet.requesters,
  };
  return builtIns[fact];
}

function summarize(template: string, decision: Decision, ruleSet: RuleSetDocument): string {
  let redacted = template;
  for (const placeholder of placeholdersOf(template)) if (!isRequesterData(placeholder.fact, ruleSet)) redacted = redacted.split(placeholder.raw).join(WITHHELD);
  const lookup = (fact: string): unknown => factValueOf(fact, decision, ruleSet);
  return withholdOtherTaxCodes(firstClause(renderTemplate(redacted, lookup)), [decision.subject.cf, decision.subject.soggettoCf]);
}

/**
 * Turns the reasons (or warnings) of a decision into the {@link OutcomeReason}s the lifecycle keeps:
 * the contributor-facing message plus a summary safe for notices. `ruleSet` is the version that
 * decided; without it (or when the rule is not in it) the summary is the generic sentence
 * `reason.genericSummary` of `messages` (default: the built-in table), in each of its locales.
 */
export function summarizeReasons(reasons: readonly Reason[], decision: Decision, ruleSet: RuleSetDocument | undefined, messages: Messages = builtInMessages()): OutcomeReason[] {
  return reasons.map((reason) => {
    const rule = ruleSet && [...ruleSet.gates, ...ruleSet.checks].find((candidate) => candidate.id === reason.ruleId);
    const summary = rule && ruleSet ? { it: summarize(rule.message.it, decision, ruleSet), en: summarize(rule.message.en, decision, ruleSet) } : messages.localized('reason.genericSummary');
    return { code: reason.code, ruleId: reason.ruleId, message: reason.message, summary };
  });
}
