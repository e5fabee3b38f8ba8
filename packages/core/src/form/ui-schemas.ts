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

/** A list field whose items are chosen among options built from port data (several choices). */
export function isOptionList(field: FormField): boolean {
  return field.schema.type === 'array' && field.schema['x-options'] !== undefined;
}

/**
 * The RJSF `uiSchema`: field order (conditional fields included) and widgets. A list of options is a
 * group of checkboxes (each option readable in full, as a host's JSON Forms renderer draws it), not a
 * multi-select list box.
 */
export function rjsfUiSchema(fields: readonly FormField[]): UiSchema {
  const uiSchema: Record<string, unknown> = { 'ui:order': fields.map((field) => field.name) };
  for (const field of fields) {
    const widget = field.schema['x-widget'];
    if (widget && RJSF_WIDGETS[widget]) uiSchema[field.name] = { 'ui:widget': RJSF_WIDGETS[widget] };
    else if (isOptionList(field)) uiSchema[field.name] = { 'ui:widget': 'checkboxes' };
  }
  return uiSchema;
}

/** The form's title and description, as the composed schema has them in the form's language. */
export interface FormHeading {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
}

/**
 * The JSON Forms UI schema: one Control per field, conditional ones shown by a rule on the same `if`;
 * a field with a description shows it without focus (`showUnfocusedDescription`), as RJSF does. With a
 * title, the controls sit in a `Group` labelled with it, the description first as a `Label`: JSON Forms
 * then shows the form's title and description as RJSF does (a fieldset with its legend).
 */
export function jsonFormsUiSchema(fields: readonly FormField[], heading: FormHeading = {}): UiSchema {
  const controls = fields.map((field) => {
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
  });
  if (!heading.title) return { type: 'VerticalLayout', elements: controls };
  const description = heading.description ? [{ type: 'Label', text: heading.description }] : [];
  return { type: 'Group', label: heading.title, elements: [...description, ...controls] };
}
