import type { LocalizedText } from '@smart-task/schemas';
import { textIn, type MessageLocale } from '../text/message-locale.js';

/** What both views show of an operation carried out, whether read from an evaluation or from a request. */
interface OperationRecord {
  readonly id: string;
  readonly action: string;
  readonly description: LocalizedText;
  readonly params: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly status: string;
}

/** An operation carried out, as the views show it: its description in `locale`, the rest as recorded. */
export function operationIn<Status extends string>(operation: OperationRecord & { readonly status: Status }, locale: MessageLocale) {
  return { id: operation.id, action: operation.action, description: textIn(operation.description, locale), params: operation.params, idempotencyKey: operation.idempotencyKey, status: operation.status };
}
