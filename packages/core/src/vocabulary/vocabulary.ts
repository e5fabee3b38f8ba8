import type { ValidateFunction } from 'ajv';
import { SmartTaskError, issue } from '../errors.js';
import { createAjv } from '../json/create-ajv.js';
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
  const ajv = createAjv();
  const operators = new Map<string, OperatorDefinition>();
  const helpers = new Map<string, FactHelperDefinition>();
  const operatorValueValidators = new Map<string, ValidateFunction>();
  const helperArgsValidators = new Map<string, ValidateFunction>();

  const compile = (kind: string, name: string, schema: object): ValidateFunction => {
    try {
      return ajv.compile(schema);
    } catch (error) {
      throw definitionError(kind, name, `has a schema Ajv cannot compile: ${(error as Error).message}. Fix the schema.`);
    }
  };

  for (const definition of [...builtInOperators, ...(extensions.operators ?? [])]) {
    if (!NAME.test(definition.name)) throw definitionError('operator', definition.name, 'must be a camelCase name of letters and digits.');
    if (operators.has(definition.name)) throw definitionError('operator', definition.name, 'is already registered; choose another name.');
    if (typeof definition.evaluate !== 'function') throw definitionError('operator', definition.name, 'needs an evaluate(factValue, value) function.');
    operators.set(definition.name, definition);
    operatorValueValidators.set(definition.name, compile('operator', definition.name, definition.valueSchema));
  }
  for (const definition of [...builtInFactHelpers, ...(extensions.helpers ?? [])]) {
    if (!NAME.test(definition.name)) throw definitionError('helper', definition.name, 'must be a camelCase name of letters and digits.');
    if (helpers.has(definition.name)) throw definitionError('helper', definition.name, 'is already registered; choose another name.');
    if (typeof definition.compute !== 'function') throw definitionError('helper', definition.name, 'needs a compute(args) function.');
    helpers.set(definition.name, definition);
    helperArgsValidators.set(definition.name, compile('helper', definition.name, definition.argsSchema));
  }

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
