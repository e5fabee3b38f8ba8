import { META_SCHEMA_IDS, metaSchemas, type JsonSchema } from '@smart-task/schemas';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../../src/formats/create-ajv.js';

const validateRequestSchema = createAjv().compile(metaSchemas.requestSchema as object);

/**
 * Where a composed form's schema leaves the portable subset that RJSF and JSON Forms both render: the
 * request-schema meta-schema enforces that subset, so the composed schema must pass it as a document.
 */
export function portableSubsetIssues(schema: JsonSchema, taskId: string): ErrorObject[] {
  const asDocument = { ...schema, $schema: META_SCHEMA_IDS.requestSchema, 'x-task': taskId };
  return validateRequestSchema(asDocument) ? [] : [...(validateRequestSchema.errors ?? [])];
}
