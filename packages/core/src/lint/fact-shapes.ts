import { PROFILI, SUBJECT_FIELDS, type JsonSchema, type PortContractDocument, type RequestSchemaDocument, type RuleSetDocument, type Subject } from '@smart-task/schemas';
import { requestFieldsOf } from '../request-schema/request-fields.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import { followPath, shapeOfSchema, type PathResult, type ValueShape } from './value-shape.js';

/** The shape of every fact a rule set can read, and how to follow a path into one. */
export interface FactShapes {
  /** Follows `path` into `fact`; `undefined` when the fact is not known (the loader reports that). */
  at(fact: string, path: string | undefined): PathResult | undefined;
  /** Where the fact's shape comes from, for messages: `the port contract's "delega" result`. */
  sourceOf(fact: string): string;
}

interface RootedShape {
  readonly shape: ValueShape;
  readonly root: JsonSchema;
  readonly source: string;
}

const DATE: JsonSchema = { type: 'string', format: 'date' };
const STRING: JsonSchema = { type: 'string' };

/** The request data as one object schema: base and conditional fields; only the base `required` are always there. */
function requestObjectSchema(requestSchema: RequestSchemaDocument): JsonSchema {
  const properties = Object.fromEntries(requestFieldsOf(requestSchema).map((field) => [field.name, field.schema]));
  const required = (requestSchema.required ?? []).filter((name) => name in requestSchema.properties);
  return { type: 'object', properties, required, additionalProperties: false };
}

const SUBJECT_SCHEMA: JsonSchema = {
  type: 'object',
  required: [...SUBJECT_FIELDS],
  additionalProperties: false,
  properties: { cf: STRING, profilo: { type: 'string', enum: [...PROFILI] }, soggettoCf: STRING, matricola: STRING } satisfies { readonly [K in keyof Subject]-?: JsonSchema },
};

/** The schema that allows exactly `value` (objects field by field, so that paths into them can be followed). */
function schemaOfValue(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? { anyOf: value.map(schemaOfValue) } : {} };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return { type: 'object', required: entries.map(([key]) => key), additionalProperties: false, properties: Object.fromEntries(entries.map(([key, item]) => [key, schemaOfValue(item)])) };
  }
  return { const: value };
}

/**
 * The shapes of a rule set's facts: a port fact has its contract `result`, a helper fact its helper's
 * `resultSchema` (any value when the helper declares none), a dated-values fact one of its values or
 * null, `request` the request schema's fields, `subject` its four fields, the dates are `YYYY-MM-DD`
 * strings.
 */
export function factShapesOf(ruleSet: RuleSetDocument, contract: PortContractDocument, requestSchema: RequestSchemaDocument | undefined, vocabulary: Vocabulary): FactShapes {
  const shapes = new Map<string, RootedShape>();
  const add = (name: string, source: string, schema: JsonSchema, root: JsonSchema = schema) => shapes.set(name, { shape: shapeOfSchema(schema, root), root, source });
  if (requestSchema) add('request', 'the request schema', requestObjectSchema(requestSchema), requestSchema);
  add('subject', 'the subject (cf, profilo, soggettoCf, matricola)', SUBJECT_SCHEMA);
  add('today', 'the built-in fact "today" (a YYYY-MM-DD date)', DATE);
  add('submittedOn', 'the built-in fact "submittedOn" (a YYYY-MM-DD date)', DATE);
  add('requestId', 'the built-in fact "requestId" (a string)', STRING);
  add('task', 'the built-in fact "task" (the task id)', { type: 'string', const: ruleSet.id });
  add('requesters', 'the rule set\'s "requesters"', { type: 'array', items: { type: 'string', enum: [...ruleSet.requesters] } });
  for (const [name, declaration] of Object.entries(ruleSet.facts)) {
    if ('port' in declaration) {
      const portFact = contract.facts[declaration.port];
      if (portFact) add(name, `the port contract's "${declaration.port}" result`, portFact.result, contract as unknown as JsonSchema);
    } else if ('inForce' in declaration) {
      add(name, `the values in force of fact "${name}"`, { anyOf: [...declaration.inForce.map((period) => schemaOfValue(period.value)), { type: 'null' }] });
    } else {
      const helper = vocabulary.helpers.get(declaration.helper);
      if (helper) add(name, `the result of helper "${declaration.helper}"`, helper.resultSchema ?? {});
    }
  }
  return {
    at(fact, path) {
      const found = shapes.get(fact);
      return found && followPath(found.shape, path, found.root);
    },
    sourceOf(fact) {
      return shapes.get(fact)?.source ?? `fact "${fact}"`;
    },
  };
}
