import type { ErrorTranslator, JsonFormsI18nState, JsonSchema, Translator, UISchemaElement } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { forwardRef, useImperativeHandle, useMemo } from 'react';
import { optionListRenderer } from './OptionListControl';
import type { RendererHandle, RendererProps } from './RjsfForm';
import { NOISE_KEYWORDS, fieldMessage, fieldTitle } from './messages';

/** How long @jsonforms/react waits before it emits a change (its `debounce(..., 10)` of `onChange`). */
const JSON_FORMS_CHANGE_DELAY_MS = 10;

/** The vanilla renderers, plus one for lists of options (vanilla has none). */
const RENDERERS = [...vanillaRenderers, optionListRenderer];

const NONE_OPTION = { it: '— scegli —', en: '— choose —' };

/** The error objects JSON Forms takes as `additionalErrors` (Ajv's shape). */
type ErrorObject = Parameters<ErrorTranslator>[0];

/** The composed form in JSON Forms 3 (vanilla renderers), with the composed JSON Forms UI schema. */
export const JsonFormsForm = forwardRef<RendererHandle, RendererProps>(function JsonFormsForm({ form, data, locale, submitted, engineIssues, onChange }, ref) {
  // Showing errors is the validation mode: hidden until the first submit, then shown and live.
  // JSON Forms emits a change 10 ms after it (a debounce in @jsonforms/react): a timer started after the
  // user's last change, with at least that delay, fires after it, so a submit right after typing sees it.
  useImperativeHandle(ref, () => ({ showErrors: () => undefined, settled: () => new Promise<void>((resolve) => setTimeout(resolve, JSON_FORMS_CHANGE_DELAY_MS + 1)) }), []);
  const i18n = useMemo<JsonFormsI18nState>(
    () => ({
      locale,
      translate: ((id: string, defaultMessage: string | undefined) => (id === 'enum.none' || id.endsWith('.enum.none') ? NONE_OPTION[locale] : defaultMessage)) as Translator,
      translateError: (error: ErrorObject) => {
        if (NOISE_KEYWORDS.has(error.keyword)) return '';
        if (error.keyword === 'x-format') return error.message ?? '';
        const field = error.keyword === 'required' ? String((error.params as { missingProperty?: string }).missingProperty) : (error.instancePath.split('/')[1] ?? '');
        return fieldMessage(form.fieldMessages, field, error.keyword, locale, fieldTitle(form.schema, field));
      },
    }),
    [form, locale],
  );
  const additionalErrors = useMemo<ErrorObject[]>(
    () => (submitted ? engineIssues.map((issue) => ({ instancePath: issue.pointer, schemaPath: `#/properties/${issue.field}/x-format`, keyword: 'x-format', params: { code: issue.code }, message: issue.message[locale] })) : []),
    [engineIssues, submitted, locale],
  );
  return (
    <div className="jsonforms-form">
      <JsonForms
        schema={form.schema as JsonSchema}
        uischema={form.jsonFormsUiSchema as unknown as UISchemaElement}
        data={data}
        renderers={RENDERERS}
        cells={vanillaCells}
        i18n={i18n}
        validationMode={submitted ? 'ValidateAndShow' : 'ValidateAndHide'}
        additionalErrors={additionalErrors as never}
        onChange={({ data: changed }) => onChange((changed ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
});
