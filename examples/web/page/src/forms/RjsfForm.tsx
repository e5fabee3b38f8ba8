import Form from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { Locale, ReadyForm, RequestIssue } from '../api';
import { NOISE_KEYWORDS, fieldMessage, fieldTitle } from './messages';

/** What the page asks of a renderer on submit. */
export interface RendererHandle {
  /** Show every error now. */
  showErrors(): void;
  /** Hand `onChange`, synchronously, any change the user made that it has not had yet (a renderer may emit changes late). */
  flush(): void;
}

/** What the page gives either renderer. */
export interface RendererProps {
  form: ReadyForm;
  data: Record<string, unknown>;
  locale: Locale;
  submitted: boolean;
  /** The engine's issues no renderer can find, shown at their field. */
  engineIssues: readonly RequestIssue[];
  onChange(data: Record<string, unknown>): void;
}

/** The composed form in RJSF 6, with the settings the forms guide recommends. */
export const RjsfForm = forwardRef<RendererHandle, RendererProps>(function RjsfForm({ form, data, locale, submitted, engineIssues, onChange }, ref) {
  const formRef = useRef<Form>(null);
  // Validate once React has rendered the form as submitted (live validation on, the engine's errors in).
  const [showRequests, setShowRequests] = useState(0);
  // RJSF calls onChange within the user's event: nothing is ever held back, there is nothing to flush.
  useImperativeHandle(ref, () => ({ showErrors: () => setShowRequests((count) => count + 1), flush: () => undefined }), []);
  useEffect(() => {
    if (showRequests > 0) formRef.current?.validateForm();
  }, [showRequests]);
  const uiSchema = useMemo<UiSchema>(() => ({ ...(form.uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }), [form]);
  const transformErrors = (errors: RJSFValidationError[]) =>
    errors
      .filter((error) => !NOISE_KEYWORDS.has(error.name ?? ''))
      .map((error) => {
        const field =
          error.name === 'required'
            ? String((error.params as { missingProperty?: string }).missingProperty)
            : (String(error.property ?? '')
                .replace(/^\./, '')
                .split('.')[0] ?? '');
        return { ...error, message: fieldMessage(form.fieldMessages, field, error.name ?? '', locale, fieldTitle(form.schema, field)) };
      });
  const extraErrors = useMemo(() => {
    if (!submitted) return undefined;
    const errors: Record<string, { __errors: string[] }> = {};
    for (const issue of engineIssues) (errors[issue.field] ??= { __errors: [] }).__errors.push(issue.message[locale]);
    return errors as ErrorSchema;
  }, [engineIssues, submitted, locale]);
  return (
    <Form
      ref={formRef}
      schema={form.schema as RJSFSchema}
      uiSchema={uiSchema}
      formData={data}
      validator={validator}
      omitExtraData
      liveOmit
      liveValidate={submitted}
      noHtml5Validate
      showErrorList={false}
      focusOnFirstError
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
      transformErrors={transformErrors}
      extraErrors={extraErrors}
      onChange={(event) => onChange((event.formData ?? {}) as Record<string, unknown>)}
    />
  );
});
