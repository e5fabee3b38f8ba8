import type { JsonSchema, LocalizedText } from '@smart-task/schemas';
import type { TechnicalError } from '../evaluate/decision.js';
import type { LocalizedMessage, MessageLocale } from '../text/message-locale.js';
import { builtInMessages, type Messages } from '../messages/messages.js';
import type { FieldMessages } from './field-messages.js';

/** A value the system already knows, shown read-only with where it comes from. */
export interface KnownValue {
  readonly field: string;
  readonly title: string;
  /** The value; `null` for a read-only field the archives hold no value for (show it as absent, e.g. "non registrato"). */
  readonly value: unknown;
  /** Where the value comes from: the fact read and the archive it belongs to. */
  readonly source: { readonly fact: string; readonly description: string };
}

/** Something the requester should know about the form (e.g. a choice with no options). */
export interface FormNotice {
  readonly field: string;
  readonly code: 'NO_OPTIONS';
  readonly message: string;
}

/** A UI hint document (RJSF `uiSchema`, JSON Forms UI schema): a JSON object whose keys the renderer defines. */
export type UiSchema = { readonly [key: string]: unknown };

/** A form ready to render: the schema of what must still be asked, both UI hint documents and the known data. */
export interface ReadyForm {
  readonly status: 'ready';
  readonly taskId: string;
  readonly ruleSetVersion: string;
  readonly locale: MessageLocale;
  /** Draft-07 JSON Schema in the portable subset: RJSF and JSON Forms render it unchanged. */
  readonly schema: JsonSchema;
  /** RJSF `uiSchema`. */
  readonly uiSchema: UiSchema;
  /**
   * JSON Forms UI schema (always use it: JSON Forms' generated one cannot show conditional fields): a
   * `Group` labelled with the form's title, its description as a `Label`, then one `Control` per field.
   */
  readonly jsonFormsUiSchema: UiSchema;
  /** Values not asked because the system knows them, for the read-only block. */
  readonly known: readonly KnownValue[];
  /**
   * The messages of the renderers' own checks, in the form's language, by field and JSON Schema keyword
   * (`required`, `pattern`, `format`, …): for RJSF's `transformErrors` and JSON Forms' `i18n.translateError`.
   * The same words `engine.validate` uses; `x-format` checks are invisible to renderers, take those from it.
   */
  readonly fieldMessages: FieldMessages;
  readonly notices: readonly FormNotice[];
  /** False when a required choice has no options: the request cannot be filed now. */
  readonly canSubmit: boolean;
}

/** The requester may not file this request on this position: a gate failed. */
export interface NotAllowedForm {
  readonly status: 'not-allowed';
  readonly taskId: string;
  readonly reasons: readonly { readonly code: string; readonly message: LocalizedText }[];
}

/**
 * The form could not be composed because port data could not be read (retrying may help), or no
 * version of the task is in force. Show the contributor `message`; `error` is the technical detail,
 * for the operator and the logs only.
 */
export interface UnavailableForm {
  readonly status: 'unavailable';
  readonly taskId: string;
  /** What to tell the contributor, in plain Italian and English (and each locale the host added); names no archive, fact or code. */
  readonly message: LocalizedMessage;
  /** The technical failure (code, message naming the fact and what went wrong): for the operator and the logs, never for the contributor. */
  readonly error: TechnicalError;
  readonly retryable: boolean;
}

/**
 * An unavailable form: the contributor's plain message chosen from the failure (`form.unavailable.*` of
 * `messages`, in each of its locales), the failure kept apart.
 */
export function unavailableForm(taskId: string, error: TechnicalError, retryable: boolean, messages: Messages = builtInMessages()): UnavailableForm {
  const code = error.code === 'NO_RULE_SET_IN_FORCE' ? 'form.unavailable.NOT_IN_FORCE' : retryable ? 'form.unavailable.TRY_LATER' : 'form.unavailable.ASK_SEDE';
  return { status: 'unavailable', taskId, message: messages.localized(code), error, retryable };
}

/** What `composeForm` returns. */
export type ComposedForm = ReadyForm | NotAllowedForm | UnavailableForm;
