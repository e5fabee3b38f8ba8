// The anchors Smart-Task's evaluate is measured against, each running the same gates and checks on the
// fact values handed in up front (no port, no validation, no messages, no operations, no trace):
//   - bare json-rules-engine (default options, one rule per gate and check);
//   - GoRules ZEN (one expression per gate and check in a JDM expression node, built from the JSON);
//   - hand-written JavaScript (plain functions on the fact values: the physical limit).
// Each exposes `passFail(facts)` ({ ruleId: boolean }) so that it can be checked against Smart-Task.
import { createRequire } from 'node:module';
import { builtInOperators } from '@smart-task/core';
import { Engine } from 'json-rules-engine';
import { handWrittenChecks } from './hand-written.mjs';

const require = createRequire(import.meta.url);
export const jreVersion = require('json-rules-engine/package.json').version;

/** Gates then checks, as `{ id, conditions, applicableWhen? }`. */
const rulesOf = (ruleSet) => [...ruleSet.gates, ...ruleSet.checks];

// ---------------------------------------------------------------------------------------------------
// Bare json-rules-engine: default options (jsonpath-plus path resolver, fact cache), our operators, one
// rule per gate and check with `applicableWhen` as any[not applicableWhen, all[conditions]].

export function createBareJre(ruleSet) {
  const engine = new Engine();
  for (const operator of builtInOperators) engine.addOperator(operator.name, (a, b) => operator.evaluate(a, b));
  for (const rule of rulesOf(ruleSet)) {
    const conditions = rule.applicableWhen ? { any: [{ not: rule.applicableWhen }, { all: [rule.conditions] }] } : { all: [rule.conditions] };
    engine.addRule({ name: rule.id, conditions: structuredClone(conditions), event: { type: rule.reasonCode } });
  }
  const ruleCount = rulesOf(ruleSet).length;
  // Overlapping Engine#run calls can skip rules (the engine keeps one status for all runs): counted,
  // since a skipped rule is work the bare engine did not do.
  const stats = { skippedRuns: 0 };
  return {
    name: `json-rules-engine ${jreVersion}, bare`,
    stats,
    async run(facts) {
      const { results, failureResults } = await engine.run(facts);
      if (results.length + failureResults.length !== ruleCount) stats.skippedRuns += 1;
      return failureResults.length;
    },
    async passFail(facts) {
      const { results, failureResults } = await engine.run(facts);
      return Object.fromEntries([...results.map((rule) => [rule.name, true]), ...failureResults.map((rule) => [rule.name, false])]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// GoRules ZEN: the rule set translated into ZEN expressions, one per gate and check, evaluated by one
// expression node between the input and output nodes. The translation keeps the operators' meaning
// (see packages/core/src/vocabulary/operators.ts): a value of the wrong type makes a comparison false
// rather than an error, which ZEN's own operators would raise.

const zenLiteral = (value) => {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(zenLiteral).join(', ')}]`;
  throw new Error(`no ZEN literal for ${JSON.stringify(value)}`);
};

/** `{ fact: "delega", path: "$.stato" }` → `delega.stato`; `$.items[0].id` → `items[0].id`. */
const zenPath = (fact, path) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fact)) throw new Error(`fact name "${fact}" is not a ZEN identifier`);
  return `${fact}${path && path !== '$' ? path.slice(1) : ''}`;
};

const isReference = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string';

const zenOperators = {
  equal: (a, b) => `(${a} == ${b})`,
  notEqual: (a, b) => `(${a} != ${b})`,
  in: (a, b) => `(type(${b}) == 'array' and ${a} in ${b})`,
  notIn: (a, b) => `(type(${b}) == 'array' and not (${a} in ${b}))`,
  contains: (a, b) => `(type(${a}) == 'array' and contains(${a}, ${b}))`,
  doesNotContain: (a, b) => `(type(${a}) == 'array' and not contains(${a}, ${b}))`,
  lessThan: (a, b) => `(type(${a}) == 'number' and type(${b}) == 'number' and ${a} < ${b})`,
  lessThanInclusive: (a, b) => `(type(${a}) == 'number' and type(${b}) == 'number' and ${a} <= ${b})`,
  greaterThan: (a, b) => `(type(${a}) == 'number' and type(${b}) == 'number' and ${a} > ${b})`,
  greaterThanInclusive: (a, b) => `(type(${a}) == 'number' and type(${b}) == 'number' and ${a} >= ${b})`,
  dateBefore: (a, b) => `(type(${a}) == 'string' and type(${b}) == 'string' and date(${a}) < date(${b}))`,
  dateOnOrBefore: (a, b) => `(type(${a}) == 'string' and type(${b}) == 'string' and date(${a}) <= date(${b}))`,
  dateAfter: (a, b) => `(type(${a}) == 'string' and type(${b}) == 'string' and date(${a}) > date(${b}))`,
  dateOnOrAfter: (a, b) => `(type(${a}) == 'string' and type(${b}) == 'string' and date(${a}) >= date(${b}))`,
  exists: (a, b, literal) => (literal === true ? `(${a} != null)` : `(${a} == null)`),
  isEmpty: (a, b, literal) => (literal === true ? `(${a} == null or ((type(${a}) == 'array' or type(${a}) == 'string') and len(${a}) == 0))` : `not (${a} == null or ((type(${a}) == 'array' or type(${a}) == 'string') and len(${a}) == 0))`),
};

function zenItemMatch(left, where, negate) {
  const fields = Object.entries(where).map(([key, expected]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`item field "${key}" is not a ZEN identifier`);
    return Array.isArray(expected) ? `#.${key} in ${zenLiteral(expected)}` : `#.${key} == ${zenLiteral(expected)}`;
  });
  const some = `some(${left}, ${fields.join(' and ')})`;
  return `(type(${left}) == 'array' and ${negate ? 'not ' : ''}${some})`;
}

/** A condition of the DSL as a ZEN expression; throws on an operator the translation does not know. */
export function toZenExpression(condition) {
  if ('all' in condition) return `(${condition.all.map(toZenExpression).join(' and ')})`;
  if ('any' in condition) return `(${condition.any.map(toZenExpression).join(' or ')})`;
  if ('not' in condition) return `not ${toZenExpression(condition.not)}`;
  const left = zenPath(condition.fact, condition.path);
  if (condition.operator === 'hasItemMatching' || condition.operator === 'hasNoItemMatching') return zenItemMatch(left, condition.value, condition.operator === 'hasNoItemMatching');
  const operator = zenOperators[condition.operator];
  if (!operator) throw new Error(`operator "${condition.operator}" has no ZEN translation`);
  const right = isReference(condition.value) ? zenPath(condition.value.fact, condition.value.path) : zenLiteral(condition.value);
  return operator(left, right, condition.value);
}

/** The JDM decision: input → one expression per gate and check (key = rule id, value = passes) → output. */
export function toZenDecision(ruleSet) {
  const expressions = rulesOf(ruleSet).map((rule, index) => {
    const conditions = toZenExpression(rule.conditions);
    return { id: `e${index}`, key: rule.id, value: rule.applicableWhen ? `(not ${toZenExpression(rule.applicableWhen)} or ${conditions})` : conditions };
  });
  const position = { x: 0, y: 0 };
  return {
    nodes: [
      { id: 'input', type: 'inputNode', name: 'facts', position },
      { id: 'rules', type: 'expressionNode', name: ruleSet.id, position, content: { expressions, passThrough: false, inputField: null, outputPath: null, executionMode: 'single' } },
      { id: 'output', type: 'outputNode', name: 'outcomes', position },
    ],
    edges: [
      { id: 'input-rules', sourceId: 'input', targetId: 'rules', type: 'edge' },
      { id: 'rules-output', sourceId: 'rules', targetId: 'output', type: 'edge' },
    ],
  };
}

/** Loads ZEN; `{ skipped: why }` when the native addon or the translation is not available here. */
export async function createZen(ruleSet) {
  let zen;
  let version;
  try {
    zen = require('@gorules/zen-engine');
    version = require('@gorules/zen-engine/package.json').version;
  } catch (error) {
    return { skipped: `@gorules/zen-engine does not load on ${process.platform}-${process.arch} (${String(error?.message ?? error).split('\n')[0]})` };
  }
  let decision;
  try {
    decision = new zen.ZenEngine().createDecision(toZenDecision(ruleSet));
  } catch (error) {
    return { skipped: `the rule set ${ruleSet.id} does not translate to a ZEN decision: ${String(error?.message ?? error).split('\n')[0]}` };
  }
  return {
    name: `GoRules ZEN ${version}, expression node`,
    version,
    async run(facts) {
      return (await decision.evaluate(facts)).result;
    },
    async passFail(facts) {
      return (await decision.evaluate(facts)).result;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Hand-written JavaScript: the same gates and checks as plain functions (bench/evaluate/hand-written.mjs).

export function createHandWritten(ruleSet) {
  const checks = handWrittenChecks[ruleSet.id];
  if (!checks) return { skipped: `no hand-written version of ${ruleSet.id}` };
  const ids = rulesOf(ruleSet).map((rule) => rule.id);
  const missing = ids.filter((id) => !(id in checks));
  if (missing.length > 0 || Object.keys(checks).length !== ids.length) throw new Error(`the hand-written ${ruleSet.id} must have exactly the rule set's gates and checks (missing ${missing.join(', ') || 'none'})`);
  const functions = ids.map((id) => checks[id]);
  return {
    name: 'hand-written JavaScript',
    sync: true,
    run(facts) {
      let failed = 0;
      for (const check of functions) if (!check(facts)) failed += 1;
      return failed;
    },
    passFail(facts) {
      return Object.fromEntries(ids.map((id) => [id, checks[id](facts)]));
    },
  };
}

/** Compares an anchor's pass/fail with Smart-Task's for the rules Smart-Task evaluated; the differences. */
export function differences(expected, got) {
  return Object.entries(expected)
    .filter(([id, passed]) => got?.[id] !== passed)
    .map(([id, passed]) => `${id}: Smart-Task ${passed ? 'passed' : 'failed'}, anchor ${got?.[id] === undefined ? 'gave nothing' : got[id] ? 'passed' : 'failed'}`);
}
