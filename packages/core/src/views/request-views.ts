import type { Locale } from '@smart-task/schemas';
import type { Verdict } from '../evaluate/decision.js';
import { describePerformed } from '../evaluate/perform-operations.js';
import type { LifecycleRequest, RequestState } from '../lifecycle/request-state.js';
import { stateLabel } from '../lifecycle/state-labels.js';

/** An operation of a request's decision as the operator sees it. */
export interface OperatorOperation {
  readonly id: string;
  readonly action: string;
  readonly description: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  /** For performed operations: what the action port answered. */
  readonly status?: 'PERFORMED' | 'ALREADY_PERFORMED';
}

/**
 * A request as the Sede operator sees it in the Fascicolo elettronico: its state, the verdict recorded
 * (by the istruttoria or an operator), which operations of the decision were performed and which are
 * still pending, and the last technical failure — what a request handed over after its operations
 * failed needs to be completed by hand.
 */
export interface OperatorRequestView {
  readonly protocollo: string;
  readonly task: { readonly id: string; readonly title: string };
  readonly state: RequestState;
  readonly stateLabel: string;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Istruttoria attempts, and attempts at performing the decision's operations. */
  readonly attempts: number;
  readonly operationAttempts: number;
  readonly decision?: { readonly verdict: Verdict; readonly decidedBy: 'istruttoria' | 'operator'; readonly at: string; readonly reasons: readonly { readonly code: string; readonly message: string }[] };
  readonly operationsPerformed: readonly OperatorOperation[];
  readonly operationsPending: readonly OperatorOperation[];
  readonly lastFailure?: { readonly code: string; readonly message: string; readonly retryable: boolean; readonly at: string };
  /** One paragraph: what was decided, what was done, what is left, why it stopped. */
  readonly summary: string;
}

const TEXTS = {
  it: {
    none: 'Nessun esito registrato.',
    decided: (verdict: string, by: string, at: string) => `Esito ${verdict} registrato ${by === 'operator' ? 'da un operatore' : "dall'istruttoria automatizzata"} il ${at}.`,
    operations: (done: number, all: number) => `${done} di ${all} operazioni eseguite.`,
    pending: (ids: string) => `Da completare: ${ids}.`,
    failure: (code: string, message: string) => `Ultimo errore tecnico: ${code} — ${message}`,
  },
  en: {
    none: 'No outcome recorded.',
    decided: (verdict: string, by: string, at: string) => `Outcome ${verdict} recorded by ${by === 'operator' ? 'an operator' : 'the automated istruttoria'} on ${at}.`,
    operations: (done: number, all: number) => `${done} of ${all} operation(s) performed.`,
    pending: (ids: string) => `Still to do: ${ids}.`,
    failure: (code: string, message: string) => `Last technical failure: ${code} — ${message}`,
  },
} as const;

/**
 * The operator view of a lifecycle request: for a request in the Sede's charge after its operations
 * failed, the recorded decision, the operations performed and those pending.
 *
 * @example
 * const view = toOperatorRequestView(await repository.get(protocollo), 'it');
 * console.log(view.summary); // "Esito ACCOLTA registrato … 1 di 3 operazioni eseguite. Da completare: …"
 */
export function toOperatorRequestView(request: LifecycleRequest, locale: Locale = 'it'): OperatorRequestView {
  const texts = TEXTS[locale];
  const performedIds = new Set(request.operations.map((operation) => operation.id));
  const performed = request.operations.map((operation) => ({ id: operation.id, action: operation.action, description: operation.description[locale], params: operation.params, idempotencyKey: operation.idempotencyKey, status: operation.status }));
  const pending = request.plannedOperations
    .filter((operation) => !performedIds.has(operation.id))
    .map((operation) => ({ id: operation.id, action: operation.action, description: describePerformed(operation, undefined)[locale], params: operation.params, idempotencyKey: operation.idempotencyKey }));
  const outcome = request.outcome;
  const summary = [
    outcome ? texts.decided(outcome.verdict, outcome.decidedBy, outcome.at) : texts.none,
    ...(request.plannedOperations.length > 0 ? [texts.operations(performed.length, request.plannedOperations.length)] : []),
    ...(pending.length > 0 ? [texts.pending(pending.map((operation) => operation.id).join(', '))] : []),
    ...(request.lastFailure && !(outcome && pending.length === 0) ? [texts.failure(request.lastFailure.code, request.lastFailure.message)] : []),
  ].join(' ');
  return {
    protocollo: request.protocollo,
    task: { id: request.taskId, title: request.title[locale] },
    state: request.state,
    stateLabel: stateLabel(request.state, locale),
    submittedAt: request.submittedAt,
    updatedAt: request.updatedAt,
    attempts: request.attempts,
    operationAttempts: request.operationAttempts,
    ...(outcome && {
      decision: { verdict: outcome.verdict, decidedBy: outcome.decidedBy, at: outcome.at, reasons: outcome.decidedBy === 'istruttoria' ? outcome.reasons.map((reason) => ({ code: reason.code, message: reason.message[locale] })) : [] },
    }),
    operationsPerformed: performed,
    operationsPending: pending,
    ...(request.lastFailure && { lastFailure: request.lastFailure }),
    summary,
  };
}
