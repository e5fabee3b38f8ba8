import type { Decision, EvaluationResult, PortCallRecord, Reason, RuleOutcome, RuleSetReference, RuleStatus, Timings } from '../evaluate/decision.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import { builtInMessages, type Messages } from '../messages/messages.js';
import { operationIn } from './operation-in.js';

/**
 * The outcome as the contributor sees it: `IN_LAVORAZIONE` while a technical failure before the verdict
 * is being handled; `ACCOLTA_IN_ESECUZIONE` when the request is accepted and its operations are still
 * being completed (a failure after the verdict).
 */
export type ContributorOutcome = 'ACCOLTA' | 'ACCOLTA_IN_ESECUZIONE' | 'NON_ACCOLTA' | 'IN_LAVORAZIONE';

/** What the contributor (azienda, intermediario, dipendente delegato) sees of an istruttoria. */
export interface ContributorView {
  readonly requestId: string;
  readonly task: { readonly id: string; readonly title: string };
  readonly outcome: ContributorOutcome;
  readonly outcomeLabel: string;
  /** A sentence that says what happened and what to do next. */
  readonly summary: string;
  readonly checks: readonly { readonly id: string; readonly description: string; readonly result: RuleStatus }[];
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly operations: readonly { readonly description: string }[];
}

/** What an INPS operator sees (Fascicolo elettronico): the contributor view plus the full trace. */
export interface OperatorView extends Omit<ContributorView, 'checks'> {
  readonly ruleSet: RuleSetReference | undefined;
  readonly subject: EvaluationResult['subject'];
  readonly request: EvaluationResult['request'];
  readonly submittedAt: string;
  readonly referenceDate: string;
  readonly evaluatedAt: string;
  readonly checks: readonly (RuleOutcome & { readonly descriptionText: string; readonly messageText?: string })[];
  readonly operations: readonly {
    readonly id: string;
    readonly action: string;
    readonly description: string;
    readonly params: Readonly<Record<string, unknown>>;
    readonly idempotencyKey: string;
    readonly status: string;
    readonly durationMs: number;
  }[];
  readonly facts: EvaluationResult['facts'];
  readonly portCalls: readonly PortCallRecord[];
  readonly timings: Timings;
  readonly technicalFailure?: { readonly code: string; readonly message: string; readonly retryable: boolean };
  /** After a failure while performing: the operations of the decision still to perform (resume them, never evaluate again). */
  readonly pendingOperations?: readonly { readonly id: string; readonly action: string; readonly params: Readonly<Record<string, unknown>>; readonly idempotencyKey: string }[];
}

function outcomeOf(result: EvaluationResult): ContributorOutcome {
  if (result.kind === 'decision') return result.verdict;
  return result.decision ? 'ACCOLTA_IN_ESECUZIONE' : 'IN_LAVORAZIONE';
}

/** The decision behind a result: itself, or the one a failure while performing carries. */
function decisionOf(result: EvaluationResult): Decision | undefined {
  return result.kind === 'decision' ? result : result.decision;
}

/** The requester-facing name of an outcome (message `outcome.<OUTCOME>.label`): the one source of "Accolta" / "Non accolta" / "In lavorazione". */
function outcomeLabelOf(outcome: ContributorOutcome, locale: MessageLocale, messages: Messages): string {
  return messages.format(`outcome.${outcome}.label`, undefined, locale);
}

/** What both views start with: request, task, outcome and a sentence that says what to do next. */
function header(result: EvaluationResult, locale: MessageLocale, messages: Messages) {
  const outcome = outcomeOf(result);
  return {
    requestId: result.requestId,
    task: { id: result.taskId, title: textIn(result.title, locale) },
    outcome,
    outcomeLabel: outcomeLabelOf(outcome, locale, messages),
    summary: messages.format(`outcome.${outcome}.summary`, undefined, locale),
  };
}

/** Reasons as the views show them: code and message in one language. */
function reasonsIn(reasons: readonly Reason[], locale: MessageLocale) {
  return reasons.map((reason) => ({ code: reason.code, message: textIn(reason.message, locale) }));
}

/**
 * The contributor view: outcome, checks with descriptions and results, reasons and operations, in one
 * language. It holds nothing internal: no fact values, port calls, parameters, hashes or timings. The
 * outcome label and summary come from `messages` (default: the built-in table; pass `engine.messages`
 * for the host's wording); catalog texts in a locale the catalog lacks are Italian.
 */
export function toContributorView(result: EvaluationResult, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): ContributorView {
  const decision = decisionOf(result);
  return {
    ...header(result, locale, messages),
    checks: decision ? [...decision.gates, ...decision.checks].map((rule) => ({ id: rule.id, description: textIn(rule.description, locale), result: rule.status })) : [],
    reasons: decision ? reasonsIn(decision.reasons, locale) : [],
    warnings: decision ? reasonsIn(decision.warnings, locale) : [],
    operations: decision ? result.operations.map((operation) => ({ description: textIn(operation.description, locale) })) : [],
  };
}

/** The operator view (Fascicolo elettronico): everything, including data used, versions, timings and port calls; labels from `messages` as in {@link toContributorView}. */
export function toOperatorView(result: EvaluationResult, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): OperatorView {
  return {
    ...header(result, locale, messages),
    ruleSet: result.ruleSet,
    subject: result.subject,
    request: result.request,
    submittedAt: result.submittedAt,
    referenceDate: result.referenceDate,
    evaluatedAt: result.evaluatedAt,
    checks: [...result.gates, ...result.checks].map((rule) => ({
      ...rule,
      descriptionText: textIn(rule.description, locale),
      ...(rule.message && { messageText: textIn(rule.message, locale) }),
    })),
    reasons: reasonsIn(decisionOf(result)?.reasons ?? [], locale),
    warnings: reasonsIn(decisionOf(result)?.warnings ?? [], locale),
    operations: result.operations.map((operation) => ({ ...operationIn(operation, locale), durationMs: operation.durationMs })),
    facts: result.facts,
    portCalls: result.portCalls,
    timings: result.timings,
    ...(result.kind === 'technical-failure' && { technicalFailure: { code: result.error.code, message: result.error.message, retryable: result.retryable } }),
    ...(result.kind === 'technical-failure' &&
      result.decision && {
        pendingOperations: result.decision.plannedOperations.filter((planned) => !result.operations.some((operation) => operation.id === planned.id)).map(({ id, action, params, idempotencyKey }) => ({ id, action, params, idempotencyKey })),
      }),
  };
}
