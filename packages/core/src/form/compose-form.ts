import { isSchemaList, type JsonSchema, type LocalizedText, type PortContractDocument, type RequestSchemaDocument, type RuleSetDocument } from '@smart-task/schemas';
import { conditionalsOf, requestFieldsOf } from '../request-schema/request-fields.js';
import { FACT_FAILED, type EvaluationContext } from '../evaluate/evaluation-context.js';
import type { RuleOutcome } from '../evaluate/decision.js';
import { resolvePath } from '../json/path.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import type { Messages } from '../messages/messages.js';
import { renderTemplate } from '../text/template.js';
import { filterItems } from '../vocabulary/item-matcher.js';
import { unavailableForm, type ComposedForm, type FormNotice, type KnownValue } from './composed-form.js';
import { fieldMessagesOf } from './field-messages.js';
import { formOrder } from '../request-schema/form-order.js';
import { jsonFormsUiSchema, rjsfUiSchema, type FormField } from './ui-schemas.js';

interface FactReference {
  readonly fact: string;
  readonly path?: string;
}

/**
 * A schema as the composer builds it: a copy of a request schema's keywords (the composer's own
 * annotations left out, the texts in the form's language) that it edits in place.
 */
interface FormSchema {
  [keyword: string]: unknown;
  $schema?: string;
  readOnly?: boolean;
  properties?: Record<string, FormSchema>;
  items?: FormSchema | FormSchema[];
  oneOf?: FormSchema[];
  allOf?: { if?: JsonSchema; then?: FormSchema }[];
}

/** Annotations that only the composer reads; the rest (`x-format`, `x-widget`) stay as hints. */
const COMPOSER_ANNOTATIONS = ['x-known', 'x-options', 'x-i18n', 'x-messages'];

function localizedTitle(schema: JsonSchema, locale: MessageLocale, fallback: string): string {
  if (locale === 'en') {
    const en = schema['x-i18n']?.en?.title;
    if (en) return en;
  }
  return schema.title ?? fallback;
}

function localize(schema: JsonSchema, locale: MessageLocale): FormSchema {
  const result: FormSchema = {};
  for (const [key, value] of Object.entries(schema)) if (!COMPOSER_ANNOTATIONS.includes(key)) result[key] = value;
  const en = schema['x-i18n']?.en;
  if (locale === 'en' && en) {
    if (en.title) result.title = en.title;
    if (en.description !== undefined) result.description = en.description;
  }
  if (Array.isArray(schema.oneOf)) {
    result.oneOf = schema.oneOf.map((option) => localize(option, locale));
  }
  if (schema.properties) {
    result.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, child]) => [name, localize(child, locale)]));
  }
  if (schema.items) result.items = isSchemaList(schema.items) ? schema.items.map((item) => localize(item, locale)) : localize(schema.items, locale);
  if (Array.isArray(schema.allOf)) {
    result.allOf = schema.allOf.map((block) => ({ ...(block.if !== undefined && { if: block.if }), ...(block.then !== undefined && { then: localize(block.then, locale) }) }));
  }
  return result;
}

async function read(context: EvaluationContext, reference: FactReference): Promise<unknown> {
  const value = await context.valueOf(reference.fact);
  return value === FACT_FAILED ? FACT_FAILED : resolvePath(value, reference.path);
}

/** What composing a form needs, prepared by the engine. */
export interface ComposeInputs {
  readonly taskId: string;
  readonly requestSchema: RequestSchemaDocument;
  readonly ruleSet: RuleSetDocument;
  readonly contract: PortContractDocument;
  readonly context: EvaluationContext;
  readonly gates: readonly RuleOutcome[];
  readonly locale: MessageLocale;
  /** The form's own texts (`form.*`). */
  readonly messages: Messages;
}

/**
 * Composes the form of a task for a subject: after the gates pass, values the port knows move to the
 * read-only block of known data (with provenance), choices are filled from port data, and the rest is
 * emitted in the portable JSON Schema subset with an RJSF uiSchema and a JSON Forms UI schema.
 */
export async function composeForm(inputs: ComposeInputs): Promise<ComposedForm> {
  const { taskId, requestSchema, ruleSet, contract, context, locale, messages } = inputs;
  const failedGates = inputs.gates.filter((gate) => gate.status === 'FAILED');
  if (context.failure) return unavailableForm(taskId, context.failure.error, context.failure.retryable, messages);
  if (failedGates.length > 0) {
    return { status: 'not-allowed', taskId, reasons: failedGates.map((gate) => ({ code: gate.reasonCode, message: gate.message as LocalizedText })) };
  }
  const undecided = inputs.gates.find((gate) => gate.status !== 'PASSED');
  if (undecided) return unavailableForm(taskId, { code: 'RULE_ERROR', message: `Gate ${undecided.id} was not evaluated.` }, false, messages);

  const schema = localize(requestSchema, locale);
  delete schema.$schema;
  delete schema['x-task'];
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  const properties = schema.properties ?? {};
  const conditionals = schema.allOf ?? [];
  const sourceConditionals = conditionalsOf(requestSchema);

  // Read every fact the form needs at once; the loop below then finds them settled.
  const formFacts = requestFieldsOf(requestSchema)
    .flatMap((field) => [field.schema['x-known'], field.schema['x-options']])
    .filter((reference): reference is FactReference => reference !== undefined);
  await Promise.all(formFacts.map((reference) => context.valueOf(reference.fact)));

  const known: KnownValue[] = [];
  const notices: FormNotice[] = [];
  const fields: FormField[] = [];
  let canSubmit = true;
  for (const field of requestFieldsOf(requestSchema)) {
    const target = field.conditional === undefined ? properties : (conditionals[field.conditional]?.then?.properties ?? {});
    const knownRef = field.schema['x-known'];
    if (knownRef) {
      const value = await read(context, knownRef);
      if (value === FACT_FAILED) break;
      // A read-only field the archives hold no value for is not asked either: it is known to be absent.
      if ((value !== undefined && value !== null) || field.schema.readOnly === true) {
        const declaration = ruleSet.facts[knownRef.fact];
        const port = declaration && 'port' in declaration ? contract.facts[declaration.port] : undefined;
        known.push({
          field: field.name,
          title: localizedTitle(field.schema, locale, field.name),
          value: value ?? null,
          source: { fact: knownRef.fact, description: port ? textIn(port.source, locale) : knownRef.fact === 'subject' ? messages.format('form.known.subjectSource', undefined, locale) : knownRef.fact },
        });
        delete target[field.name];
        continue;
      }
    }
    const optionsRef = field.schema['x-options'];
    const output = target[field.name];
    if (optionsRef && output) {
      const list = await read(context, optionsRef);
      if (list === FACT_FAILED) break;
      const options = filterItems(list, optionsRef.where).map((item) => ({
        const: resolvePath(item, optionsRef.value) as string | number,
        title: renderTemplate(textIn(optionsRef.label, locale), (name) => (Object.prototype.hasOwnProperty.call(item, name) ? (item as Record<string, unknown>)[name] : undefined)),
      }));
      if (options.length > 0) {
        // A list field (several choices) gets its options on the items: RJSF and JSON Forms then render a multi-select.
        if (output.type === 'array') output.items = { ...(output.items ?? {}), oneOf: options };
        else output.oneOf = options;
      } else {
        output.readOnly = true;
        notices.push({ field: field.name, code: 'NO_OPTIONS', message: messages.format('form.NO_OPTIONS', undefined, locale) });
        const required = field.conditional === undefined ? requestSchema.required : sourceConditionals[field.conditional]?.then.required;
        if (required?.includes(field.name)) canSubmit = false;
      }
    }
    fields.push({
      name: field.name,
      schema: field.schema,
      conditional: field.conditional,
      condition: field.conditional === undefined ? undefined : sourceConditionals[field.conditional]?.if,
    });
  }
  const failure = context.failure as EvaluationContext['failure'];
  if (failure) return unavailableForm(taskId, failure.error, failure.retryable, messages);

  const ordered = formOrder(fields);
  const required = new Set<string>([...(requestSchema.required ?? []), ...sourceConditionals.flatMap((block) => block.then.required ?? [])]);
  return {
    status: 'ready',
    taskId,
    ruleSetVersion: ruleSet.version,
    locale,
    schema,
    uiSchema: rjsfUiSchema(ordered),
    jsonFormsUiSchema: jsonFormsUiSchema(ordered, { title: typeof schema.title === 'string' ? schema.title : undefined, description: typeof schema.description === 'string' ? schema.description : undefined }),
    known,
    fieldMessages: fieldMessagesOf(ordered, required, locale, messages),
    notices,
    canSubmit,
  };
}
