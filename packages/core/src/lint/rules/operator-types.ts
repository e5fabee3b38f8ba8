import type { JsonSchema, LeafCondition } from '@smart-task/schemas';
import { isFactReference, leavesOf } from '../../compile/fact-graph.js';
import { joinPointer } from '../../json/pointer.js';
import type { OperandType } from '../../vocabulary/operators.js';
import { rulesOf } from '../rule-set-parts.js';
import type { RuleSetScope } from '../rule-set-scope.js';
import { typesOf, type JsonType, type ValueShape } from '../value-shape.js';

const DATE_FORMATS = new Set(['date', 'date-time']);
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/** True when a value matching `schema` can be an operand of type `operand`. */
function accepts(operand: OperandType, schema: JsonSchema, types: ReadonlySet<JsonType>): boolean {
  switch (operand) {
    case 'any':
      return true;
    case 'number':
      return types.has('number') || types.has('integer');
    case 'date': {
      if (!types.has('string')) return false;
      if (typeof schema.format === 'string' && !DATE_FORMATS.has(schema.format)) return false;
      const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
      return values === undefined || values.some((value) => typeof value === 'string' && DATE_PREFIX.test(value));
    }
    default:
      return types.has(operand);
  }
}

/** What a shape holds, for a message: `an integer`, `a string (format date)`. */
function describeShape(alternatives: readonly JsonSchema[]): string {
  const parts = alternatives.map((schema) => {
    const types = [...(typesOf(schema) ?? [])].filter((type) => type !== 'null');
    const format = typeof schema.format === 'string' ? ` (format ${schema.format})` : '';
    return types.map((type) => `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}${format}`).join(' or ');
  });
  return [...new Set(parts.filter((part) => part !== ''))].join(' or ');
}

/** The non-null alternatives of a shape, when every one of them states its type; otherwise nothing can be said. */
function typedAlternatives(shape: ValueShape): { schema: JsonSchema; types: ReadonlySet<JsonType> }[] | undefined {
  if (shape.open) return undefined;
  const typed = shape.alternatives.map((schema) => ({ schema, types: new Set([...(typesOf(schema) ?? [])].filter((type) => type !== 'null')) }));
  const present = typed.filter((alternative) => alternative.types.size > 0);
  return present.length > 0 ? present : undefined;
}

function operandLabel(operand: OperandType): string {
  return operand === 'date' ? 'YYYY-MM-DD dates' : operand === 'any' ? 'any value' : `${operand}s`;
}

function checkSide(scope: RuleSetScope, leaf: LeafCondition, side: 'fact' | 'value', fact: string, path: string | undefined, operand: OperandType, pointer: string): void {
  if (operand === 'any') return;
  const result = scope.shapes.at(fact, path);
  if (!result?.found) return;
  const alternatives = typedAlternatives(result.shape);
  if (!alternatives || alternatives.some(({ schema, types }) => accepts(operand, schema, types))) return;
  const written = `${fact}${path === undefined || path === '$' ? '' : ` ${path}`}`;
  scope.report({
    code: 'LINT_OPERATOR_TYPE_MISMATCH',
    severity: 'error',
    pointer,
    message: `Operator "${leaf.operator}" compares ${operandLabel(operand)} on its ${side === 'fact' ? 'fact (left)' : 'value (right)'} side, but ${written} is ${describeShape(alternatives.map(({ schema }) => schema))} in ${scope.shapes.sourceOf(fact)}, so the condition is always false.`,
    hint: `use an operator for that type, or compare another ${side === 'fact' ? 'fact or path' : 'value'}`,
  });
}

/**
 * Rule 3: an operator applied to a value of the wrong type — e.g. a date string with `greaterThan`,
 * `dateOnOrBefore` on a number, `hasItemMatching` on a non-array. The operator's declared operand types
 * (`operands` in the vocabulary) are compared with the types the schemas give the fact and, when the
 * right side is a `{ fact, path }` reference, that fact. Decorated operators (`not:equal`) are skipped.
 */
export function lintOperatorTypes(scope: RuleSetScope): void {
  for (const { rule, pointer, applicableWhen } of rulesOf(scope.loaded.document)) {
    const trees = [{ condition: rule.conditions, at: joinPointer(pointer, 'conditions') }, ...(applicableWhen ? [{ condition: applicableWhen, at: joinPointer(pointer, 'applicableWhen') }] : [])];
    for (const { condition, at } of trees) {
      for (const { leaf, pointer: leafPointer } of leavesOf(condition, at)) {
        const operands = scope.vocabulary.operators.get(leaf.operator)?.operands;
        if (!operands) continue;
        checkSide(scope, leaf, 'fact', leaf.fact, leaf.path, operands.fact, joinPointer(leafPointer, 'operator'));
        if (isFactReference(leaf.value)) checkSide(scope, leaf, 'value', leaf.value.fact, leaf.value.path, operands.value, joinPointer(leafPointer, 'value'));
      }
    }
  }
}
