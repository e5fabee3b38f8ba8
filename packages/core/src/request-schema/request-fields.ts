import type { JsonSchema, RequestConditional, RequestSchemaDocument } from '@smart-task/schemas';
import { joinPointer } from '../json/pointer.js';

/** A field of a request schema: top-level, or declared in a conditional `then` (`conditional` = its index). */
export interface RequestField {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly conditional: number | undefined;
}

/** The conditional blocks (`allOf` of `if`/`then`) of a request schema. */
export function conditionalsOf(schema: RequestSchemaDocument): readonly RequestConditional[] {
  return schema.allOf ?? [];
}

/** Every field a request schema declares, in declaration order, conditional ones after the base ones. */
export function requestFieldsOf(schema: RequestSchemaDocument): RequestField[] {
  const fields: RequestField[] = Object.entries(schema.properties).map(([name, field]) => ({ name, schema: field, conditional: undefined }));
  conditionalsOf(schema).forEach((block, index) => {
    for (const [name, field] of Object.entries(block.then.properties)) fields.push({ name, schema: field, conditional: index });
  });
  return fields;
}

/** Where a field is declared in its request schema: `/properties/<name>` or `/allOf/<i>/then/properties/<name>`. */
export function requestFieldPointer(field: RequestField): string {
  return field.conditional === undefined ? joinPointer('/properties', field.name) : joinPointer('/allOf', field.conditional, 'then', 'properties', field.name);
}
