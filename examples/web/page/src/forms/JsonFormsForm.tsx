import { UPDATE_CORE, type CoreActions, type ErrorTranslator, type JsonFormsCore, type JsonFormsI18nState, type JsonSchema, type Middleware, type Translator, type UISchemaElement } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef } from 'react';
import { optionListRenderer } from './OptionListControl';
import type { RendererHandle, RendererProps } from './RjsfForm';
import { NOISE_KEYWORDS, fieldMessage, fieldTitle } from './messages';

/** The vanilla renderers, plus one for lists of options (vanilla has none). */
const RENDERERS = [...vanillaRenderers, optionListRenderer];

const NONE_OPTION = { it: '— scegli —', en: '— choose —' };

/** The error objects JSON Forms takes as `additionalErrors` (Ajv's shape). */
type ErrorObject = Parameters<ErrorTranslator>[0];

type FormData = Record<string, unknown>;

/**
 * JSON Forms keeps the form's data and tells the page about a change 10 ms later (a lodash debounce of
 * `onChange` in @jsonforms/react); on every re-render that changes `validationMode`, `additionalErrors`
 * or `data` it also dispatches UPDATE_CORE with the `data` prop. In those 10 ms — far longer on a busy
 * machine — the page's copy is one change behind, so a re-render then (the submit turning validation
 * on, an answer of /api/validate arriving) put the old data back: the box just ticked came unticked,
 * the date just typed vanished, and the request went out without them (or not at all: the engine
 * found the field missing). Here the form owns its data once it has started: UPDATE_CORE keeps the
 * data the form holds and takes from the page only the schema, validation mode and extra errors. The
 * page never sets the data from outside (a new task, language or renderer is a new component).
 */
function keepFormData(onData: (data: FormData) => void): Middleware {
  return (state: JsonFormsCore, action: CoreActions, reducer) => {
    const next = reducer(state, action.type === UPDATE_CORE ? { ...action, data: state.data } : action);
    onData((next.data ?? {}) as FormData);
    return next;
  };
}

/** The composed form in JSON Forms 3 (vanilla renderers), with the composed JSON Forms UI schema. */
export const JsonFormsForm = forwardRef<RendererHandle, RendererProps>(function JsonFormsForm({ form, data, locale, submitted, engineIssues, onChange }, ref) {
  /** The data as JSON Forms holds it now (the middleware sees every change as it happens)… */
  const held = useRef<FormData>(data);
  /** …and the data the page was last given. */
  const told = useRef<FormData>(data);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const middleware = useMemo(
    () =>
      keepFormData((current) => {
        held.current = current;
      }),
    [],
  );
  const tell = useCallback((current: FormData) => {
    told.current = current;
    onChangeRef.current(current);
  }, []);
  // Showing errors is the validation mode: hidden until the first submit, then shown and live.
  // `flush` gives the page at once a change JSON Forms has not emitted yet, so that a submit right after
  // the last keystroke or click sends what the user sees, without waiting for (or guessing) the debounce.
  useImperativeHandle(
    ref,
    () => ({
      showErrors: () => undefined,
      flush: () => {
        if (held.current !== told.current) tell(held.current);
      },
    }),
    [tell],
  );
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
        middleware={middleware}
        onChange={({ data: changed }) => tell((changed ?? {}) as FormData)}
      />
    </div>
  );
});
