import casesMetaSchema from '../meta/cases.v1.json';
import decisionSchemaJson from '../meta/decision.v1.json';
import portContractMetaSchema from '../meta/port-contract.v1.json';
import portFixtureMetaSchema from '../meta/port-fixture.v1.json';
import requestSchemaMetaSchema from '../meta/request-schema.v1.json';
import ruleLibraryMetaSchema from '../meta/rule-library.v1.json';
import ruleSetMetaSchema from '../meta/rule-set.v1.json';
import portContractJson from '../port-contract.json';
import type { JsonSchema, PortContractDocument, RequestSchemaDocument } from './dsl.js';
import { requestSchemaDocuments } from './request-schemas.js';

export * from './dsl.js';

/** A JSON document with the file it came from (relative, `/`-separated), as loaders receive it. */
export interface CatalogDocument {
  readonly file: string;
  readonly content: unknown;
}

/** The `$schema`/`$id` of each DSL meta-schema, version 1. */
export const META_SCHEMA_IDS = {
  ruleSet: 'https://smart-task.dev/schemas/rule-set/v1.json',
  cases: 'https://smart-task.dev/schemas/cases/v1.json',
  portFixture: 'https://smart-task.dev/schemas/port-fixture/v1.json',
  portContract: 'https://smart-task.dev/schemas/port-contract/v1.json',
  requestSchema: 'https://smart-task.dev/schemas/request-schema/v1.json',
  ruleLibrary: 'https://smart-task.dev/schemas/rule-library/v1.json',
} as const;

/** The DSL meta-schemas (draft-07), keyed like {@link META_SCHEMA_IDS}. */
export const metaSchemas: Readonly<Record<keyof typeof META_SCHEMA_IDS, JsonSchema>> = {
  ruleSet: ruleSetMetaSchema as JsonSchema,
  cases: casesMetaSchema as JsonSchema,
  portFixture: portFixtureMetaSchema as JsonSchema,
  portContract: portContractMetaSchema as JsonSchema,
  requestSchema: requestSchemaMetaSchema as JsonSchema,
  ruleLibrary: ruleLibraryMetaSchema as JsonSchema,
};

/** The `$id` of the schema of evaluation results (decision or technical failure), version 1. */
export const DECISION_SCHEMA_ID = 'https://smart-task.dev/schemas/decision/v1.json';

/** JSON Schema of what `evaluate` returns, for hosts that store or exchange results. */
export const decisionSchema: JsonSchema = decisionSchemaJson as JsonSchema;

/** The data-port contract: every fact and action the catalog's rule sets may use. */
export const portContract: PortContractDocument = portContractJson as unknown as PortContractDocument;

/** The per-task request schemas of the catalog. */
export const requestSchemas: readonly RequestSchemaDocument[] = requestSchemaDocuments;

/** The schemas package's own files, ready for a loader: the port contract and the request schemas. */
export const schemaDocuments: readonly CatalogDocument[] = [
  { file: 'schemas/port-contract.json', content: portContract },
  ...requestSchemas.map((content) => ({ file: `schemas/tasks/${content['x-task']}.schema.json`, content })),
];
