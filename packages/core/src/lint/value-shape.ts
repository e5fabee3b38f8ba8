import type { JsonSchema, JsonSchemaTypeName } from '@smart-task/schemas';
import { fromPointer } from '../json/pointer.js';
import { parsePath } from '../json/path.js';
import { didYouMean, quoteList } from '../text/suggest.js';

/**
 * What the schemas say about a value a path selects: the schema alternatives it may match (`$ref`,
 * `anyOf`, `oneOf` and `allOf` already resolved), whether it may be absent, and whether some alternative
 * says nothing at all (then nothing can be concluded about it).
 */
export interface ValueShape {
  readonly alternatives: readonly JsonSchema[];
  readonly maybeAbsent: boolean;
  /** True when some alternative accepts any value: a lint rule must not conclude anything. */
  readonly open: boolean;
}

/** Where a path leaves its schema: the step that selects nothing, and why. */
export interface MissingStep {
  /** The path up to and including the step that selects nothing, e.g. `$.stato.codice`. */
  readonly prefix: string;
  /** What the value before that step is, and what the step could have been. */
  readonly reason: string;
}

/** The outcome of following a path through a shape. */
export type PathResult = { readonly found: true; readonly shape: ValueShape } | { readonly found: false; readonly missing: MissingStep };

/** A JSON type as JSON Schema names it. */
export type JsonType = JsonSchemaTypeName;

const ANY: ValueShape = { alternatives: [], maybeAbsent: true, open: true };
const LENGTH_SCHEMA: JsonSchema = { type: 'integer', minimum: 0 };
/** Above this many values an integer range is not treated as a finite set. */
const MAX_RANGE = 64;

function isSchemaObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON object, whatever its keys: what a JSON pointer steps through. */
function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resolveRef(reference: string, root: JsonSchema): JsonSchema | undefined {
  if (!reference.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const segment of fromPointer(reference.slice(1))) {
    if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return isSchemaObject(current) ? current : undefined;
}

function merge(base: JsonSchema, extra: JsonSchema): JsonSchema {
  const merged: Record<string, unknown> = { ...base, ...extra };
  if (isSchemaObject(base.properties) || isSchemaObject(extra.properties)) merged.properties = { ...base.properties, ...extra.properties };
  if (Array.isArray(base.required) || Array.isArray(extra.required)) merged.required = [...(base.required ?? []), ...(extra.required ?? [])];
  return merged;
}

function without(schema: JsonSchema, ...keys: readonly string[]): JsonSchema {
  const copy: Record<string, unknown> = { ...schema };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The alternatives a schema allows, with `$ref` resolved against `root` and `anyOf`/`oneOf`/`allOf` flattened. */
export function alternativesOf(schema: unknown, root: JsonSchema, depth = 0): JsonSchema[] {
  if (schema === true || schema === undefined) return [{}];
  if (!isSchemaObject(schema) || depth > 32) return [{}];
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, root);
    return target ? alternativesOf(target, root, depth + 1) : [{}];
  }
  if (Array.isArray(schema.allOf)) {
    const merged = schema.allOf.reduce<JsonSchema>((sum, member) => merge(sum, alternativesOf(member, root, depth + 1)[0] ?? {}), without(schema, 'allOf'));
    return alternativesOf(merged, root, depth + 1);
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) {
      const base = without(schema, keyword);
      return branches.flatMap((branch) => alternativesOf(isSchemaObject(branch) ? merge(base, branch) : base, root, depth + 1));
    }
  }
  return [schema];
}

function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** The JSON types an alternative allows, or `undefined` when it says nothing about them. */
export function typesOf(schema: JsonSchema): ReadonlySet<JsonType> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set<JsonType>(schema.type);
  if ('const' in schema) return new Set([typeOfValue(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(typeOfValue));
  if (isSchemaObject(schema.properties) || Array.isArray(schema.required)) return new Set(['object']);
  if (schema.items !== undefined) return new Set(['array']);
  return undefined;
}

/** A shape that is exactly the given schema (resolved against `root`). */
export function shapeOfSchema(schema: unknown, root: JsonSchema, maybeAbsent = false): ValueShape {
  const alternatives = alternativesOf(schema, root);
  return { alternatives, maybeAbsent, open: alternatives.some((alternative) => typesOf(alternative) === undefined) };
}

interface Step {
  readonly child?: JsonSchema | undefined;
  readonly absent: boolean;
  readonly open?: boolean;
}

/** The schemas of the `patternProperties` whose pattern matches `name`; `undefined` when a pattern does not compile (nothing can be said). */
function patternChildren(schema: JsonSchema, name: string): JsonSchema[] | undefined {
  if (!isSchemaObject(schema.patternProperties)) return [];
  const matched: JsonSchema[] = [];
  for (const [pattern, child] of Object.entries(schema.patternProperties)) {
    let matches: boolean;
    try {
      matches = new RegExp(pattern, 'u').test(name);
    } catch {
      return undefined;
    }
    if (matches) matched.push(isSchemaObject(child) ? child : {});
  }
  return matched;
}

function stepInto(schema: JsonSchema, segment: string | number): Step | undefined {
  const types = typesOf(schema) as ReadonlySet<JsonType>;
  if (typeof segment === 'number') {
    if (!types.has('array')) return undefined;
    if (Array.isArray(schema.items)) {
      const item: unknown = schema.items[segment];
      if (isSchemaObject(item)) return { child: item, absent: true };
      if (schema.additionalItems === false) return undefined;
      return isSchemaObject(schema.additionalItems) ? { child: schema.additionalItems, absent: true } : { absent: true, open: true };
    }
    return isSchemaObject(schema.items) ? { child: schema.items, absent: true } : { absent: true, open: true };
  }
  if (types.has('array') && segment === 'length') return { child: LENGTH_SCHEMA, absent: false };
  if (!types.has('object')) return undefined;
  const properties = isSchemaObject(schema.properties) ? schema.properties : undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) {
    const required = Array.isArray(schema.required) && schema.required.includes(segment);
    return { child: properties[segment], absent: !required };
  }
  const matched = patternChildren(schema, segment);
  if (matched === undefined) return { absent: true, open: true };
  if (matched.length > 0) return { child: matched.length === 1 && matched[0] !== undefined ? matched[0] : { allOf: matched }, absent: true };
  if (isSchemaObject(schema.additionalProperties)) return { child: schema.additionalProperties, absent: true };
  if (!properties && !isSchemaObject(schema.patternProperties) && schema.additionalProperties !== false) return { absent: true, open: true };
  return undefined;
}

function describe(alternatives: readonly JsonSchema[], segment: string | number): string {
  const fields = alternatives.flatMap((schema) => (isSchemaObject(schema.properties) ? Object.keys(schema.properties) : []));
  if (fields.length > 0) {
    const unique = [...new Set(fields)];
    return typeof segment === 'number' ? `it is an object, not an array; its fields are ${quoteList(unique)}` : `it has no field "${segment}".${didYouMean(segment, unique)} Its fields are ${quoteList(unique)}`;
  }
  const types = [...new Set(alternatives.flatMap((schema) => [...(typesOf(schema) ?? [])]).filter((type) => type !== 'null'))];
  if (types.includes('array')) return `it is an array: select an item with [index], or use .length`;
  return `it is ${types.length > 0 ? types.map((type) => `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`).join(' or ') : 'always null'}, which has no ${typeof segment === 'number' ? 'items' : 'fields'}`;
}

function isNullOnly(schema: JsonSchema): boolean {
  const types = typesOf(schema);
  return types?.size === 1 && types.has('null');
}

function renderPath(segments: readonly (string | number)[]): string {
  return `$${segments.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('')}`;
}

/**
 * Follows a DSL path (`$.a[0].b`) through a shape. `found: false` says at which step the path leaves
 * every alternative of the schema; an open alternative (a schema that allows anything) is never a miss.
 */
export function followPath(shape: ValueShape, path: string | undefined, root: JsonSchema): PathResult {
  const segments = path === undefined ? [] : parsePath(path);
  let current = shape;
  for (const [index, segment] of segments.entries()) {
    if (current.open) return { found: true, shape: ANY };
    const children: JsonSchema[] = [];
    let maybeAbsent = current.maybeAbsent;
    let open = false;
    for (const alternative of current.alternatives) {
      const step = stepInto(alternative, segment);
      if (step === undefined) {
        maybeAbsent = true;
        continue;
      }
      maybeAbsent ||= step.absent;
      if (step.open) open = true;
      if (step.child) children.push(...alternativesOf(step.child, root));
    }
    if (open) return { found: true, shape: ANY };
    if (children.length === 0) {
      const described = current.alternatives.filter((alternative) => !isNullOnly(alternative));
      return { found: false, missing: { prefix: renderPath(segments.slice(0, index + 1)), reason: describe(described.length > 0 ? described : current.alternatives, segment) } };
    }
    current = { alternatives: children, maybeAbsent, open: children.some((child) => typesOf(child) === undefined) };
  }
  return { found: true, shape: current };
}

function finiteValuesOf(schema: JsonSchema): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return [...schema.enum];
  const types = typesOf(schema);
  if (!types) return undefined;
  const values: unknown[] = [];
  for (const type of types) {
    if (type === 'null') values.push(null);
    else if (type === 'boolean') values.push(true, false);
    else if (type === 'integer' && typeof schema.minimum === 'number' && typeof schema.maximum === 'number' && schema.maximum - schema.minimum < MAX_RANGE) {
      for (let value = Math.ceil(schema.minimum); value <= schema.maximum; value += 1) values.push(value);
    } else return undefined;
  }
  return values;
}

/**
 * Every value the shape allows, `undefined` included when it may be absent — or `undefined` when the
 * schemas allow infinitely many (a string without `enum`, a number without bounds).
 */
export function finiteDomainOf(shape: ValueShape): readonly unknown[] | undefined {
  if (shape.open) return undefined;
  const values: unknown[] = [];
  for (const alternative of shape.alternatives) {
    const found = finiteValuesOf(alternative);
    if (!found) return undefined;
    for (const value of found) if (!values.includes(value)) values.push(value);
  }
  if (shape.maybeAbsent) values.push(undefined);
  return values;
}
