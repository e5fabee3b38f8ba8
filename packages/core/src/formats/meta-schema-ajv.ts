import type { ValidateFunction } from 'ajv';
import { META_SCHEMA_IDS, metaSchemas } from '@smart-task/schemas';
import { createAjv, type Ajv } from './create-ajv.js';

/** A kind of DSL document: a key of `META_SCHEMA_IDS`. */
export type MetaSchemaKind = keyof typeof META_SCHEMA_IDS;

/** The validator of each DSL meta-schema, by document kind. */
export type MetaValidators = Readonly<Record<MetaSchemaKind, ValidateFunction>>;

/**
 * The Ajv instance the DSL meta-schemas are compiled with, every meta-schema added: verbose, so each
 * error carries the failing data and schema the loader's messages quote. The one definition of how the
 * meta-schemas compile, for the run-time compilation and for the validators generated at build time.
 */
export function createMetaSchemaAjv(options: { readonly standaloneCode?: boolean } = {}): Ajv {
  const ajv = createAjv({ verbose: true, ...options });
  for (const schema of Object.values(metaSchemas)) ajv.addSchema(schema);
  return ajv;
}

/** Compiles the validator of every DSL meta-schema with {@link createMetaSchemaAjv}. */
export function compileMetaValidators(ajv: Ajv = createMetaSchemaAjv()): MetaValidators {
  const kinds = Object.keys(META_SCHEMA_IDS) as MetaSchemaKind[];
  return Object.fromEntries(kinds.map((kind) => [kind, ajv.getSchema(META_SCHEMA_IDS[kind]) as ValidateFunction])) as unknown as MetaValidators;
}
