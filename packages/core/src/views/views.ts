import type { Locale } from '@smart-task/schemas';
import type { Decision, EvaluationResult, PortCallRecord, Reason, RuleOutcome, RuleSetReference, RuleStatus, Timings } from '../evaluate/decision.js';

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
  readonly operations: readonly { readonly id: string; readonly action: string; readonly description: string; readonly params: Readonly<Record<string, unknown>>; readonly idempotencyKey: string; readonly status: string; readonly durationMs: number }[];
  readonly facts: EvaluationResult['facts'];
  readonly portCalls: readonly PortCallRecord[];
  readonly timings: Timings;
  readonly technicalFailure?: { readonly code: string; readonly message: string; readonly retryable: boolean };
  /** After a failure while performing: the operations of the decision still to perform (resume them, never evaluate again). */
  readonly pendingOperations?: readonly { readonly id: string; readonly action: string; readonly params: Readonly<Record<string, unknown>>; readonly idempotencyKey: string }[];
}

/** The requester-facing name of each outcome, by language: the one source of "Accolta" / "Non accolta" / "In lavorazione". */
export const OUTCOME_LABELS: Readonly<Record<Locale, Readonly<Record<ContributorOutcome, string>>>> = {
  it: { ACCOLTA: 'Accolta', ACCOLTA_IN_ESECUZIONE: 'Accolta, operazioni in corso', NON_ACCOLTA: 'Non accolta', IN_LAVORAZIONE: 'In lavorazione' },
  en: { ACCOLTA: 'Accepted', ACCOLTA_IN_ESECUZIONE: 'Accepted, operations in progress', NON_ACCOLTA: 'Not accepted', IN_LAVORAZIONE: 'In progress' },
};

const SUMMARIES: Readonly<Record<Locale, Readonly<Record<ContributorOutcome, string>>>> = {
  it: {
    ACCOLTA: 'La richiesta è stata accolta: le operazioni elencate sono state eseguite.',
    ACCOLTA_IN_ESECUZIONE: 'La richiesta è stata accolta: le operazioni elencate sono state eseguite e le altre saranno completate a breve, senza che tu debba fare nulla.',
    NON_ACCOLTA: 'La richiesta non è stata accolta per i motivi elencati. Puoi presentarne una nuova dopo aver sistemato quanto indicato.',
    IN_LAVORAZIONE: 'La richiesta è in lavorazione: non è stato possibile completare la verifica automatica e riceverai l\'esito appena disponibile.',
  },
  en: {
    ACCOLTA: 'The request was accepted: the operations listed were performed.',
    ACCOLTA_IN_ESECUZIONE: 'The request was accepted: the operations listed were performed and the others will be completed shortly, with nothing for you to do.',
    NON_ACCOLTA: 'The request was not accepted for the reasons listed. You can file a new one once you have dealt with them.',
    IN_LAVORAZIONE: 'The request is being processed: the automatic review could not be completed and you will be told the outcome as soon as it is available.',
  },
};

function outcomeOf(result: EvaluationResult): ContributorOutcome {
  if (result.kind === 'decision') return result.verdict;
  return result.decision ? 'ACCOLTA_IN_ESECUZIONE' : 'IN_LAVORAZIONE';
}

/** The decision behind a result: itself, or the one a failure while performing carries. */
function decisionOf(result: EvaluationResult): Decision | undefined {
  return result.kind === 'decision' ? result : result.decision;
}

/** What both views start with: request, task, outcome and a sentence that says what to do next. */
function header(result: EvaluationResult, locale: Locale) {
  const outcome = outcomeOf(result);
  return {
    requestId: result.requestId,
    task: { id: result.taskId, title: result.title[locale] },
    outcome,
    outcomeLabel: OUTCOME_LABELS[locale][outcome],
    summary: SUMMARIES[locale][outcome],
  };
}

/** Reasons as the views show them: code and message in one language. */
function reasonsIn(reasons: readonly Reason[], locale: Locale) {
  return reasons.map((reason) => ({ code: reason.code, message: reason.message[locale] }));
}

/**
 * The contributor view: outcome, checks with descriptions and results, reasons and operations, in one
 * language. It holds nothing internal: no fact values, port calls, parameters, hashes or timings.
 */
export function toContributorView(result: EvaluationResult, locale: Locale = 'it'): ContributorView {
  const decision = decisionOf(result);
  return {
    ...header(result, locale),
    checks: decision ? [...decision.gates, ...decision.checks].map((rule) => ({ id: rule.id, description: rule.description[locale], result: rule.status })) : [],
    reasons: decision ? reasonsIn(decision.reasons, locale) : [],
    warnings: decision ? reasonsIn(decision.warnings, locale) : [],
    operations: decision ? result.operations.map((operation) => ({ description: operation.description[locale] })) : [],
  };
}

/** The operator view (Fascicolo elettronico): everything, including data used, versions, timings and port calls. */
export function toOperatorView(result: EvaluationResult, locale: Locale = 'it'): OperatorView {
  return {
    ...header(result, locale),
    ruleSet: result.ruleSet,
    subject: result.subject,
    request: result.request,
    submittedAt: result.submittedAt,
    referenceDate: result.referenceDate,
    evaluatedAt: result.evaluatedAt,
    checks: [...result.gates, ...result.checks].map((rule) => ({
      ...rule,
      descriptionText: rule.description[locale],
      ...(rule.message && { messageText: rule.message[locale] }),
    })),
    reasons: reasonsIn(decisionOf(result)?.reasons ?? [], locale),
    warnings: reasonsIn(decisionOf(result)?.warnings ?? [], locale),
    operations: result.operations.map((operation) => ({
      id: operation.id,
      action: operation.action,
      description: operation.description[locale],
      params: operation.params,
      idempotencyKey: operation.idempotencyKey,
      status: operation.status,
      durationMs: operation.durationMs,
    })),
    facts: result.facts,
    portCalls: result.portCalls,
    timings: result.timings,
    ...(result.kind === 'technical-failure' && { technicalFailure: { code: result.error.code, message: result.error.message, retryable: result.retryable } }),
    ...(result.kind === 'technical-failure' &&
      result.decision && {
        pendingOperations: result.decision.plannedOperations
          .filter((planned) => !result.operations.some((operation) => operation.id === planned.id))
          .map(({ id, action, params, idempotencyKey }) => ({ id, action, params, idempotencyKey })),
      }),
  };
}
