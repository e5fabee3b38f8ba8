import type { JsonSchema, WidgetName } from '@smart-task/schemas';
import type { UiSchema } from './composed-form.js';

/** A field as it appears in the composed form, with what the UI hints need. */
export interface FormField {
  readonly name: string;
  readonly schema: JsonSchema;
  /** Index of its conditional block in `allOf`, or undefined for a base field. */
  readonly conditional: number | undefined;
  readonly condition: JsonSchema | undefined;
}

const RJSF_WIDGETS: Readonly<Record<WidgetName, string>> = { textarea: 'textarea', radio: 'radio', select: 'select', checkbox: 'checkbox' };
const JSON_FORMS_OPTIONS: Readonly<Partial<Record<WidgetName, UiSchema>>> = { textarea: { multi: true }, radio: { format: 'radio' } };

/** The RJSF `uiSchema`: field order (conditional fields included) and widgets. */
export function rjsfUiSchema(fields: readonly FormField[]): UiSchema {
  const uiSchema: Record<string, unknown> = { 'ui:order': fields.map((field) => field.name) };
  for (const field of fields) {
    const widget = field.schema['x-widget'];
    if (widget && RJSF_WIDGETS[widget]) uiSchema[field.name] = { 'ui:widget': RJSF_WIDGETS[widget] };
  }
  return uiSchema;
}

/**
 * The JSON Forms UI schema: one Control per field, conditional ones shown by a rule on the same `if`;
 * a field with a description shows it without focus (`showUnfocusedDescription`), as RJSF does.
 */
export function jsonFormsUiSchema(fields: readonly FormField[]): UiSchema {
  return {
    type: 'VerticalLayout',
    elements: fields.map((field) => {
      const widget = field.schema['x-widget'];
      // A description is help the contributor needs before typing: JSON Forms shows it only while the
      // field has focus otherwise (and the layout jumps when it appears).
      const described = typeof field.schema.description === 'string' && field.schema.description !== '';
      const options = { ...(widget ? JSON_FORMS_OPTIONS[widget] : undefined), ...(described && { showUnfocusedDescription: true }) };
      const scope = field.conditional === undefined ? `#/properties/${field.name}` : `#/allOf/${field.conditional}/then/properties/${field.name}`;
      return {
        type: 'Control',
        scope,
        ...(Object.keys(options).length > 0 && { options }),
        ...(field.condition && { rule: { effect: 'SHOW', condition: { scope: '#', schema: field.condition } } }),
      };
    }),
  };
}
