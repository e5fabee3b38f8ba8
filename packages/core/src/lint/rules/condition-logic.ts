import type { Condition, LeafCondition } from '@smart-task/schemas';
import { sourceOf } from '../../catalog/rule-library.js';
import { isFactReference } from '../../compile/fact-graph.js';
import { canonicalJson } from '../../json/canonical-hash.js';
import { joinPointer } from '../../json/pointer.js';
import { rulesOf } from '../rule-set-parts.js';
import type { RuleSetScope } from '../rule-set-scope.js';
import { finiteDomainOf } from '../value-shape.js';

/** What can be said of a condition for every value the schemas allow: always true, never true, or nothing. */
interface Truth {
  readonly kind: 'always' | 'never' | 'unknown';
  /** Why, for the message. */
  readonly reason?: string;
}

const UNKNOWN: Truth = { kind: 'unknown' };

/** A leaf whose fact can take only finitely many values, with the test the operator applies to each. */
interface DecidableLeaf {
  /** `fact path`: leaves with the same key read the same value. */
  readonly key: string;
  readonly domain: readonly unknown[];
  readonly written: string;
  test(value: unknown): boolean;
}

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

function showDomain(domain: readonly unknown[]): string {
  return domain.map(show).join(', ');
}

function decidable(scope: RuleSetScope, leaf: LeafCondition): DecidableLeaf | undefined {
  if (isFactReference(leaf.value)) return undefined;
  const operator = scope.vocabulary.operators.get(leaf.operator);
  if (!operator) return undefined;
  const result = scope.shapes.at(leaf.fact, leaf.path);
  if (!result?.found) return undefined;
  const domain = finiteDomainOf(result.shape);
  if (!domain) return undefined;
  const key = `${leaf.fact} ${leaf.path ?? '$'}`;
  return {
    key,
    domain,
    written: `${key} ${leaf.operator} ${JSON.stringify(leaf.value)}`,
    test(value) {
      try {
        return operator.evaluate(value, leaf.value) === true;
      } catch {
        return false;
      }
    },
  };
}

function isLeaf(condition: Condition): condition is LeafCondition {
  return 'fact' in condition;
}

/** The decidable leaves among `children`, grouped by the value they read. */
function groupsOf(scope: RuleSetScope, children: readonly Condition[]): DecidableLeaf[][] {
  const groups = new Map<string, DecidableLeaf[]>();
  for (const child of children) {
    if (!isLeaf(child)) continue;
    const leaf = decidable(scope, child);
    if (leaf) groups.set(leaf.key, [...(groups.get(leaf.key) ?? []), leaf]);
  }
  return [...groups.values()];
}

function truthOf(scope: RuleSetScope, condition: Condition): Truth {
  if ('all' in condition) {
    const children = condition.all.map((child) => truthOf(scope, child));
    const never = children.find((child) => child.kind === 'never');
    if (never) return never;
    for (const group of groupsOf(scope, condition.all)) {
      const [first] = group;
      if (group.length < 2 || !first) continue;
      if (!first.domain.some((value) => group.every((leaf) => leaf.test(value)))) {
        return { kind: 'never', reason: `${group.map((leaf) => leaf.written).join(' and ')} cannot all hold: ${first.key} can only be ${showDomain(first.domain)}` };
      }
    }
    if (children.every((child) => child.kind === 'always')) return { kind: 'always', reason: children.map((child) => child.reason).join('; ') };
    return UNKNOWN;
  }
  if ('any' in condition) {
    const children = condition.any.map((child) => truthOf(scope, child));
    const always = children.find((child) => child.kind === 'always');
    if (always) return always;
    for (const group of groupsOf(scope, condition.any)) {
      const [first] = group;
      if (group.length < 2 || !first) continue;
      if (first.domain.every((value) => group.some((leaf) => leaf.test(value)))) {
        return { kind: 'always', reason: `one of ${group.map((leaf) => leaf.written).join(' or ')} holds for every value ${first.key} can take (${showDomain(first.domain)})` };
      }
    }
    if (children.every((child) => child.kind === 'never')) return { kind: 'never', reason: children.map((child) => child.reason).join('; ') };
    return UNKNOWN;
  }
  if ('not' in condition) {
    const inner = truthOf(scope, condition.not);
    if (inner.kind === 'unknown') return UNKNOWN;
    return { kind: inner.kind === 'always' ? 'never' : 'always', reason: `it negates a condition that is ${inner.kind === 'always' ? 'always' : 'never'} true (${inner.reason})` };
  }
  const leaf = decidable(scope, condition);
  if (!leaf) return UNKNOWN;
  const passing = leaf.domain.filter((value) => leaf.test(value));
  if (passing.length === leaf.domain.length) return { kind: 'always', reason: `${leaf.written} holds for every value ${leaf.key} can take (${showDomain(leaf.domain)})` };
  if (passing.length === 0) return { kind: 'never', reason: `${leaf.written} holds for none of the values ${leaf.key} can take (${showDomain(leaf.domain)})` };
  return UNKNOWN;
}

function lintDuplicates(scope: RuleSetScope, condition: Condition, pointer: string): void {
  if ('not' in condition) {
    lintDuplicates(scope, condition.not, joinPointer(pointer, 'not'));
    return;
  }
  if (isLeaf(condition)) return;
  const kind = 'all' in condition ? 'all' : 'any';
  const children = 'all' in condition ? condition.all : condition.any;
  const seen = new Map<string, number>();
  children.forEach((child, index) => {
    const at = joinPointer(pointer, kind, index);
    if (!isLeaf(child)) {
      lintDuplicates(scope, child, at);
      return;
    }
    const key = canonicalJson({ fact: child.fact, path: child.path ?? '$', operator: child.operator, value: child.value });
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, index);
      return;
    }
    scope.report({
      code: 'LINT_DUPLICATE_CONDITION',
      severity: 'warning',
      pointer: at,
      message: `This condition (${child.fact}${child.path ? ` ${child.path}` : ''} ${child.operator} ${JSON.stringify(child.value)}) repeats ${joinPointer(pointer, kind, earlier)} in the same "${kind}".`,
      hint: 'remove one of the two, or correct the one that should compare something else',
    });
  });
}

/**
 * Rule 4: conditions the schemas decide before any request arrives. Over the values a fact can take
 * (an `enum`, a `const`, a boolean, a bounded integer, and "absent" when it may be missing), each
 * operator is run on each value: a check that can never pass or never fail, an `applicableWhen` that
 * never or always holds, contradictory conditions in one `all`, and a gate that always fails — which
 * makes every later gate and check unreachable. Also the same condition written twice in one `all`/`any`.
 */
export function lintConditionLogic(scope: RuleSetScope): void {
  const rules = rulesOf(scope.loaded.document);
  rules.forEach(({ rule, pointer, isGate, applicableWhen }, index) => {
    const conditionsAt = joinPointer(pointer, 'conditions');
    lintDuplicates(scope, rule.conditions, conditionsAt);
    if (applicableWhen) lintDuplicates(scope, applicableWhen, joinPointer(pointer, 'applicableWhen'));
    const truth = truthOf(scope, rule.conditions);
    if (truth.kind === 'never' && isGate) {
      // A library gate is reported once, in the library: its message cannot name one rule set's rules.
      const fromLibrary = sourceOf(scope.loaded, pointer).file !== scope.loaded.file;
      const later = fromLibrary
        ? 'the gates and checks after it, in every task that uses it,'
        : rules
            .slice(index + 1)
            .map((item) => item.rule.id)
            .join(', ');
      scope.report({
        code: 'LINT_UNREACHABLE_RULES',
        severity: 'error',
        pointer: conditionsAt,
        message: `Gate ${rule.id} can never pass: ${truth.reason}. Every request stops there, so ${later} can never run.`,
        hint: "correct the gate's conditions so that an entitled requester passes",
      });
    } else if (truth.kind === 'never') {
      scope.report({
        code: 'LINT_CONDITION_NEVER_TRUE',
        severity: 'error',
        pointer: conditionsAt,
        message: `Check ${rule.id} can never pass: ${truth.reason}. Every request it applies to gets ${rule.reasonCode}.`,
        hint: 'correct the values or operators so that a valid request passes',
      });
    } else if (truth.kind === 'always') {
      scope.report({
        code: 'LINT_CONDITION_ALWAYS_TRUE',
        severity: 'warning',
        pointer: conditionsAt,
        message: `${isGate ? 'Gate' : 'Check'} ${rule.id} can never fail: ${truth.reason}. Its reason ${rule.reasonCode} is never given.`,
        hint: 'correct the condition, or remove the rule if it checks nothing',
      });
    }
    if (!applicableWhen) return;
    const applicable = truthOf(scope, applicableWhen);
    const at = joinPointer(pointer, 'applicableWhen');
    if (applicable.kind === 'never') {
      scope.report({ code: 'LINT_CONDITION_NEVER_TRUE', severity: 'error', pointer: at, message: `Check ${rule.id} never applies: ${applicable.reason}.`, hint: 'correct applicableWhen, or remove the check' });
    } else if (applicable.kind === 'always') {
      scope.report({ code: 'LINT_CONDITION_ALWAYS_TRUE', severity: 'warning', pointer: at, message: `applicableWhen of check ${rule.id} always holds: ${applicable.reason}.`, hint: 'remove applicableWhen, or correct it' });
    }
  });
}
