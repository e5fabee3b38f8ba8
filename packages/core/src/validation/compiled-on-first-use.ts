import type { ValidateFunction } from 'ajv';

/** Validators looked up by name (a port fact, an action). */
export interface ValidatorsByName {
  /** The validator of `name`, or `undefined` when nothing of that name has a schema. */
  get(name: string): ValidateFunction | undefined;
}

/** Validators compiled on first use, which can also be compiled all at once. */
export interface ValidatorsOnFirstUse extends ValidatorsByName {
  /** Compiles every validator not compiled yet. */
  compileAll(): void;
}

/**
 * Validators of named schemas, each compiled the first time it is asked for: an engine that serves a
 * few tasks never compiles the schemas of the facts and actions only other tasks use, and starting one
 * compiles nothing. The schemas were checked when the catalog was loaded, so compiling cannot fail here.
 */
export function compiledOnFirstUse(schemas: ReadonlyMap<string, object>, compile: (schema: object) => ValidateFunction): ValidatorsOnFirstUse {
  const compiled = new Map<string, ValidateFunction>();
  const get = (name: string): ValidateFunction | undefined => {
    const known = compiled.get(name);
    if (known) return known;
    const schema = schemas.get(name);
    if (schema === undefined) return undefined;
    const made = compile(schema);
    compiled.set(name, made);
    return made;
  };
  return {
    get,
    compileAll() {
      for (const name of schemas.keys()) get(name);
    },
  };
}

/** A value made by `make` the first time it is needed, then kept. */
export function madeOnFirstUse<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
