import type { ErrorObject } from 'ajv';
import type { PortContractDocument, RequestSchemaDocument } from '@smart-task/schemas';
import { issue, type Issue } from '../errors.js';
import type { Ajv } from '../formats/create-ajv.js';
import { checkPattern } from '#pattern-check';
import { patternsOf } from '../json/patterns.js';
import { joinPointer } from '../json/pointer.js';

/** A JSON Schema embedded in a catalog document, with where it is written. */
interface EmbeddedSchema {
  readonly schema: unknown;
  readonly pointer: string;
}

/**
 * Refuses invalid patterns (`INVALID_PATTERN`) and, where `#pattern-check` analyses backtracking (Node
 * and the toolchain, not a browser build), exponential ones (`SLOW_PATTERN`).
 */
function checkPatterns(file: string, schema: EmbeddedSchema, issues: Issue[]): void {
  for (const { pattern, pointer } of patternsOf(schema.schema, schema.pointer)) {
    const verdict = checkPattern(pattern);
    if (verdict.kind === 'invalid') {
      issues.push(issue('INVALID_PATTERN', file, pointer, `Pattern ${JSON.stringify(pattern)} is not a regular expression (${verdict.reason}). Correct it: it is read as a JavaScript regular expression with the "u" flag.`));
    } else if (verdict.kind === 'slow' && verdict.exponential) {
      const fix = verdict.fix ? `Use the equivalent ${JSON.stringify(verdict.fix)}.` : 'Make the repeated parts unambiguous (no quantifier inside a quantifier over the same characters), or bound them with {m,n}.';
      issues.push(issue('SLOW_PATTERN', file, pointer, `Pattern ${JSON.stringify(pattern)} can backtrack exponentially: ${verdict.explanation}; a crafted input of a few dozen characters can keep the validator busy for seconds. ${fix}`));
    }
  }
}

function metaSchemaIssue(file: string, pointer: string, error: ErrorObject): Issue {
  const at = joinPointer(pointer) + error.instancePath;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const detail = allowed ? `${error.message ?? 'is invalid'}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : (error.message ?? 'is invalid');
  return issue('INVALID_JSON_SCHEMA', file, at, `This is not a valid draft-07 JSON Schema: ${JSON.stringify(error.data)} ${detail}. Correct it (see https://json-schema.org/draft-07).`);
}

/**
 * Checks JSON Schemas embedded in one document before anything compiles them: every `pattern` must be
 * a regular expression (that cannot backtrack exponentially, where `#pattern-check` is the Node variant:
 * a browser build checks validity only), every schema must be valid against the
 * draft-07 meta-schema, and, when `compile` is given (it returns the schema as it will be compiled,
 * e.g. with the contract's definitions), every schema must compile. Stops at the first stage that finds issues.
 */
function checkEmbeddedSchemas(ajv: Ajv, file: string, schemas: readonly EmbeddedSchema[], compile?: (schema: unknown) => object): Issue[] {
  const issues: Issue[] = [];
  for (const schema of schemas) checkPatterns(file, schema, issues);
  if (issues.length > 0) return issues;
  for (const { schema, pointer } of schemas) {
    if (ajv.validateSchema(schema as object)) continue;
    for (const error of (ajv.errors ?? []) as ErrorObject[]) issues.push(metaSchemaIssue(file, pointer, { ...error, data: valueAt(schema, error.instancePath) }));
  }
  if (issues.length > 0 || !compile) return issues;
  for (const { schema, pointer } of schemas) {
    try {
      ajv.compile(compile(schema));
    } catch (error) {
      issues.push(compileFailure(file, schema, pointer, error));
    }
  }
  return issues;
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** The schema of a port fact or action with the contract's shared definitions, as the engine compiles it. */
export function withContractDefinitions(schema: unknown, contract: PortContractDocument): object {
  const definitions = contract.definitions;
  return definitions ? { ...(schema as object), definitions } : (schema as object);
}

/** Checks every schema of the port contract (facts' params and results, actions' params and results, definitions). */
export function checkPortContractSchemas(ajv: Ajv, file: string, contract: PortContractDocument): Issue[] {
  const schemas: EmbeddedSchema[] = [];
  for (const [name, definition] of Object.entries(contract.definitions ?? {})) {
    schemas.push({ schema: definition, pointer: joinPointer('/definitions', name) });
  }
  for (const [name, fact] of Object.entries(contract.facts)) {
    schemas.push({ schema: fact.params, pointer: joinPointer('/facts', name, 'params') }, { schema: fact.result, pointer: joinPointer('/facts', name, 'result') });
  }
  for (const [name, action] of Object.entries(contract.actions)) {
    schemas.push({ schema: action.params, pointer: joinPointer('/actions', name, 'params') });
    if (action.result) schemas.push({ schema: action.result, pointer: joinPointer('/actions', name, 'result') });
  }
  return checkEmbeddedSchemas(ajv, file, schemas, (schema) => withContractDefinitions(schema, contract));
}

/** Checks a request schema's patterns, its validity as a draft-07 schema, and that Ajv compiles it. */
export function checkRequestJsonSchema(ajv: Ajv, file: string, schema: RequestSchemaDocument): Issue[] {
  const { $schema: _schema, ...body } = schema;
  return checkEmbeddedSchemas(ajv, file, [{ schema: body, pointer: '' }], (compiled) => compiled as object);
}

/** The pointer (below `pointer`) of the first schema whose `$ref` is `ref`. */
function refAt(value: unknown, ref: string, pointer: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && (value as Record<string, unknown>).$ref === ref) return pointer;
  for (const [key, child] of Object.entries(value)) {
    const found = refAt(child, ref, joinPointer(pointer, key));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The issue for a schema (written at `pointer`) that Ajv refused to compile; a reference that resolves
 * to nothing is reported where the `$ref` is written.
 */
function compileFailure(file: string, schema: unknown, pointer: string, error: unknown): Issue {
  const reason = error instanceof Error ? error.message : String(error);
  const missingRef = (error as { missingRef?: unknown } | null)?.missingRef;
  if (typeof missingRef === 'string') {
    const ref = `#${missingRef.split('#')[1] ?? ''}`;
    return issue('INVALID_JSON_SCHEMA', file, refAt(schema, ref, pointer) ?? pointer, `"$ref": ${JSON.stringify(ref)} names nothing: ${reason}. Point it at an existing "#/definitions/…" entry, or add that definition.`);
  }
  return issue('INVALID_JSON_SCHEMA', file, pointer, `Ajv cannot compile this schema: ${reason}. Correct the schema.`);
}
