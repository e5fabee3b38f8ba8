import type { JsonSchema, RequestSchemaDocument } from '@smart-task/schemas';
import { conditionalsOf, requestFieldsOf, type RequestField } from './request-fields.js';

/** What {@link formOrder} needs of a field: its name, its conditional block, and that block's condition. */
export interface OrderedField {
  readonly name: string;
  readonly conditional: number | undefined;
  readonly condition: JsonSchema | undefined;
}

/**
 * The order in which a form asks its fields: the base fields as declared, each conditional field right
 * after the last base field its condition tests (a person's cognome and nome next to the choice of a
 * natural person, not after the contacts); one whose condition tests no asked field goes last.
 */
export function formOrder<Field extends OrderedField>(fields: readonly Field[]): Field[] {
  const base = fields.filter((field) => field.conditional === undefined);
  const after = new Map<string, Field[]>();
  const last: Field[] = [];
  for (const field of fields) {
    if (field.conditional === undefined) continue;
    const tested = Object.keys(field.condition?.properties ?? {});
    const anchor = [...base].reverse().find((candidate) => tested.includes(candidate.name));
    if (anchor) after.set(anchor.name, [...(after.get(anchor.name) ?? []), field]);
    else last.push(field);
  }
  return [...base.flatMap((field) => [field, ...(after.get(field.name) ?? [])]), ...last];
}

/** The request schema's fields in {@link formOrder}: the order of the form and of the request's issues. */
export function requestFieldsInFormOrder(schema: RequestSchemaDocument): (RequestField & OrderedField)[] {
  const conditionals = conditionalsOf(schema);
  return formOrder(requestFieldsOf(schema).map((field) => ({ ...field, condition: field.conditional === undefined ? undefined : conditionals[field.conditional]?.if })));
}
