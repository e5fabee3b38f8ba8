import type { Verdict } from '../evaluate/decision.js';
import { describePerformed } from '../evaluate/perform-operations.js';
import type { LifecycleRequest, RequestState } from '../requests/request-state.js';
import { stateLabel } from '../requests/state-labels.js';
import { operationIn } from './operation-in.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import { builtInMessages, type Messages } from '../messages/messages.js';

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

/**
 * The operator view of a lifecycle request: for a request in the Sede's charge after its operations
 * failed, the recorded decision, the operations performed and those pending. The summary's sentences
 * are the `operatorView.*` messages of `messages` (default: the built-in table).
 *
 * @example
 * const view = toOperatorRequestView(await repository.get(protocollo), 'it');
 * console.log(view.summary); // "Esito ACCOLTA registrato … 1 di 3 operazioni eseguite. Da completare: …"
 */
export function toOperatorRequestView(request: LifecycleRequest, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): OperatorRequestView {
  const text: Messages['format'] = (code, params) => messages.format(code, params, locale);
  const performedIds = new Set(request.operations.map((operation) => operation.id));
  const performed = request.operations.map((operation) => operationIn(operation, locale));
  const pending = request.plannedOperations
    .filter((operation) => !performedIds.has(operation.id))
    .map((operation) => ({ id: operation.id, action: operation.action, description: textIn(describePerformed(operation, undefined), locale), params: operation.params, idempotencyKey: operation.idempotencyKey }));
  const outcome = request.outcome;
  const summary = [
    outcome ? text(outcome.decidedBy === 'operator' ? 'operatorView.decidedByOperator' : 'operatorView.decidedByIstruttoria', { verdict: outcome.verdict, at: outcome.at }) : text('operatorView.noOutcome'),
    ...(request.plannedOperations.length > 0 ? [text('operatorView.operations', { done: performed.length, all: request.plannedOperations.length })] : []),
    ...(pending.length > 0 ? [text('operatorView.pending', { ids: pending.map((operation) => operation.id).join(', ') })] : []),
    ...(request.lastFailure && !(outcome && pending.length === 0) ? [text('operatorView.lastFailure', { code: request.lastFailure.code, message: request.lastFailure.message })] : []),
  ].join(' ');
  return {
    protocollo: request.protocollo,
    task: { id: request.taskId, title: textIn(request.title, locale) },
    state: request.state,
    stateLabel: stateLabel(request.state, locale, messages),
    submittedAt: request.submittedAt,
    updatedAt: request.updatedAt,
    attempts: request.attempts,
    operationAttempts: request.operationAttempts,
    ...(outcome && {
      decision: { verdict: outcome.verdict, decidedBy: outcome.decidedBy, at: outcome.at, reasons: outcome.decidedBy === 'istruttoria' ? outcome.reasons.map((reason) => ({ code: reason.code, message: textIn(reason.message, locale) })) : [] },
    }),
    operationsPerformed: performed,
    operationsPending: pending,
    ...(request.lastFailure && { lastFailure: request.lastFailure }),
    summary,
  };
}
