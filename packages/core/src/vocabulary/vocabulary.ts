import type { ValidateFunction } from 'ajv';
import { SmartTaskError, issue } from '../errors.js';
import { createAjv, type Ajv } from '../formats/create-ajv.js';
import { madeOnFirstUse } from '../validation/compiled-on-first-use.js';
import { builtInFactHelpers, type FactHelperDefinition } from './fact-helpers.js';
import { OPERATOR_DECORATORS, builtInOperators, type OperatorDefinition } from './operators.js';

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** The operators and fact helpers an engine knows, each with its compiled schema. */
export interface Vocabulary {
  readonly operators: ReadonlyMap<string, OperatorDefinition>;
  readonly helpers: ReadonlyMap<string, FactHelperDefinition>;
  /** Validates a literal right-hand value of an operator. */
  readonly operatorValueValidators: ReadonlyMap<string, ValidateFunction>;
  /** Validates the resolved arguments of a fact helper. */
  readonly helperArgsValidators: ReadonlyMap<string, ValidateFunction>;
  /** True when `name` is a known operator, possibly behind json-rules-engine decorators (`not:equal`). */
  isKnownOperator(name: string): boolean;
}

/** Extra operators and helpers a host adds; a name already taken is refused. */
export interface VocabularyExtensions {
  readonly operators?: readonly OperatorDefinition[];
  readonly helpers?: readonly FactHelperDefinition[];
}

/** The schemas of the built-in operators and helpers: the same objects for every engine of the process. */
const BUILT_IN_SCHEMAS: ReadonlySet<object> = new Set([...builtInOperators.map((operator) => operator.valueSchema), ...builtInFactHelpers.map((helper) => helper.argsSchema)]);

/**
 * The Ajv instance that compiles the built-in schemas, shared by every vocabulary of the process: Ajv
 * keeps what it compiled by schema object, so each is compiled once, not once per engine. A host's
 * schemas go to an instance of their vocabulary's own, which goes away with it. The built-in schemas are
 * the library's own, tested valid draft-07 (test/vocabulary.test.ts): Ajv does not validate them again,
 * which would compile the draft-07 meta-schema at the first start.
 */
const builtInAjv = madeOnFirstUse(() => createAjv({ validateSchema: false }));

/**
 * A built-in schema's validator, compiled when it is first called: a vocabulary made at start compiles
 * nothing, and the operators and helpers no rule set uses are never compiled. It answers like the
 * compiled validator, `errors` included.
 */
function builtInValidator(schema: object): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= builtInAjv().compile(schema);
    const valid = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = null as ValidateFunction['errors'];
  validate.schema = schema;
  return validate as unknown as ValidateFunction;
}

function definitionError(kind: string, name: string, problem: string): SmartTaskError {
  return new SmartTaskError(`Cannot register ${kind} "${name}"`, [issue('SCHEMA_VIOLATION', '<vocabulary>', '', `${kind} "${name}" ${problem}`)]);
}

/**
 * Builds the vocabulary: the built-in operators and helpers, then the host's, all through the same
 * registration, which checks names and compiles schemas.
 *
 * @example
 * const vocabulary = createVocabulary({ operators: [{ name: 'isWeekday', description: '…', valueSchema: { type: 'boolean' }, evaluate: … }] });
 */
export function createVocabulary(extensions: VocabularyExtensions = {}): Vocabulary {
  let hostAjv: Ajv | undefined;
  const operators = new Map<string, OperatorDefinition>();
  const helpers = new Map<string, FactHelperDefinition>();
  const operatorValueValidators = new Map<string, ValidateFunction>();
  const helperArgsValidators = new Map<string, ValidateFunction>();

  const compile = (kind: string, name: string, schema: object): ValidateFunction => {
    if (BUILT_IN_SCHEMAS.has(schema)) return builtInValidator(schema);
    const ajv = (hostAjv ??= createAjv());
    try {
      return ajv.compile(schema);
    } catch (error) {
      throw definitionError(kind, name, `has a schema Ajv cannot compile: ${(error as Error).message}. Fix the schema.`);
    }
  };

  const register = <D extends { readonly name: string }>(
    kind: 'operator' | 'helper',
    definitions: readonly D[],
    into: Map<string, D>,
    validators: Map<string, ValidateFunction>,
    implementation: (definition: D) => unknown,
    schema: (definition: D) => object,
  ) => {
    for (const definition of definitions) {
      if (!NAME.test(definition.name)) throw definitionError(kind, definition.name, 'must be a camelCase name of letters and digits.');
      if (into.has(definition.name)) throw definitionError(kind, definition.name, 'is already registered; choose another name.');
      if (typeof implementation(definition) !== 'function') throw definitionError(kind, definition.name, `needs ${kind === 'operator' ? 'an evaluate(factValue, value)' : 'a compute(args)'} function.`);
      into.set(definition.name, definition);
      validators.set(definition.name, compile(kind, definition.name, schema(definition)));
    }
  };
  register(
    'operator',
    [...builtInOperators, ...(extensions.operators ?? [])],
    operators,
    operatorValueValidators,
    (definition) => definition.evaluate,
    (definition) => definition.valueSchema,
  );
  register(
    'helper',
    [...builtInFactHelpers, ...(extensions.helpers ?? [])],
    helpers,
    helperArgsValidators,
    (definition) => definition.compute,
    (definition) => definition.argsSchema,
  );

  return {
    operators,
    helpers,
    operatorValueValidators,
    helperArgsValidators,
    isKnownOperator(name) {
      const parts = name.split(':');
      const base = parts.pop() as string;
      return operators.has(base) && parts.every((decorator) => OPERATOR_DECORATORS.includes(decorator));
    },
  };
}
