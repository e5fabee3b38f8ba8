// Port round trips over the critical path, for every case of every cases file. Counting, not timing.
//
// A data port that answers every call on a later macrotask tick (all answers ready by then are given
// together) counts "waves": a wave is a batch of port calls started before any of them was answered.
// The minimum is what the engine's order needs: gates one after the other (stopping at the first that
// fails), then every check at once, a check's conditions after its `applicableWhen`; a port fact is one
// round trip after the facts its parameters read (a helper costs none). The facts a rule needs are the
// ones its evaluated conditions read (the trace's leaves that ran), plus its `applicableWhen`'s.
// Anything the engine waits for beyond that (facts only messages or operation descriptions quote) is an
// extra wave.
import { builtInOperators } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { casesFiles, createCaseRunner, expectsVerdict, ruleSetOf } from './tasks.mjs';

/** Wraps a data port: answers on a later macrotask, all answers of a tick together; counts waves and records each call's wave. */
export function createWaveCountingPort(inner) {
  const calls = [];
  let waves = 0;
  let open = false;
  let pending = [];
  const flush = () => {
    open = false;
    const batch = pending;
    pending = [];
    for (const settle of batch) settle();
  };
  const later = (settle) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(settle);
  };
  return {
    calls,
    get waves() {
      return waves;
    },
    fetch(fact, params, context) {
      if (!open) {
        waves += 1;
        open = true;
      }
      calls.push({ port: fact, params, wave: waves });
      return new Promise((resolve, reject) => {
        inner.fetch(fact, params, context).then(
          (value) => later(() => resolve(value)),
          (error) => later(() => reject(error)),
        );
      });
    },
  };
}

const isReference = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string' && Object.keys(value).every((key) => key === 'fact' || key === 'path');
const argumentsOf = (declaration) => ('port' in declaration ? declaration.params : 'inForce' in declaration ? { on: declaration.on } : declaration.args);
const referencesOf = (declaration) => Object.values(argumentsOf(declaration)).filter(isReference);

const factsOfLeaves = (list) => [...new Set(list.flatMap((leaf) => [leaf.fact, ...(isReference(leaf.value) ? [leaf.value.fact] : [])]))];

/** The facts a rule's conditions read when it ran: the trace's evaluated leaves, or (no trace results) the simulation's. */
function factsRead(outcome, definition, values) {
  const ran = outcome.conditions.filter((leaf) => leaf.result !== undefined);
  return ran.length > 0 ? factsOfLeaves(ran) : [...new Set(simulate(definition.conditions, values).facts)];
}

const operators = new Map(builtInOperators.map((operator) => [operator.name, operator]));

/**
 * The facts a condition reads in json-rules-engine's order, evaluated on the values the evaluation read:
 * children grouped by `priority` (default 1, highest first), each group at once, `all` stopping after a
 * group with a false child and `any` after one with a true child.
 */
function simulate(condition, values) {
  if ('not' in condition) {
    const inner = simulate(condition.not, values);
    return { result: !inner.result, facts: inner.facts };
  }
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const children = isAll ? condition.all : condition.any;
    const priorities = [...new Set(children.map((child) => child.priority ?? 1))].sort((a, b) => b - a);
    const facts = [];
    for (const priority of priorities) {
      const group = children.filter((child) => (child.priority ?? 1) === priority).map((child) => simulate(child, values));
      facts.push(...group.flatMap((outcome) => outcome.facts));
      if (isAll && group.some((outcome) => !outcome.result)) return { result: false, facts };
      if (!isAll && group.some((outcome) => outcome.result)) return { result: true, facts };
    }
    return { result: isAll, facts };
  }
  const right = isReference(condition.value) ? resolvePath(values[condition.value.fact], condition.value.path) : condition.value;
  const operator = operators.get(condition.operator);
  const result = operator ? operator.evaluate(resolvePath(values[condition.fact], condition.path), right) : false;
  return { result, facts: factsOfLeaves([condition]) };
}

/** Placeholders' facts of a localized text: `{richiesteAperte[0].protocollo}` → richiesteAperte. */
const quotedFacts = (text) => [...`${text?.it ?? ''} ${text?.en ?? ''}`.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);

/** The minimum number of waves in engine order for what this result's rules read, and the facts they needed. */
export function minimumWaves(ruleSet, result, values) {
  const ready = new Map();
  const needed = new Set();
  // Requests must come in non-decreasing time: a fact already requested keeps its earlier answer time.
  const schedule = (fact, at) => {
    needed.add(fact);
    if (ready.has(fact)) return ready.get(fact);
    const declaration = Object.prototype.hasOwnProperty.call(ruleSet.facts, fact) ? ruleSet.facts[fact] : undefined;
    if (!declaration) return at;
    const inputs = Math.max(at, ...referencesOf(declaration).map((reference) => schedule(reference.fact, at)));
    const answer = 'port' in declaration ? inputs + 1 : inputs;
    ready.set(fact, answer);
    return answer;
  };
  const scheduleAll = (facts, at) => Math.max(at, ...facts.map((fact) => schedule(fact, at)));
  const definitions = new Map([...ruleSet.gates, ...ruleSet.checks].map((rule) => [rule.id, rule]));
  let time = 0;
  for (const gate of result.gates) {
    if (gate.status === 'NOT_EVALUATED') return { waves: time, needed };
    time = scheduleAll(factsRead(gate, definitions.get(gate.id), values), time);
    if (gate.status === 'FAILED') return { waves: time, needed };
  }
  const start = time;
  const later = [];
  let end = start;
  for (const check of result.checks) {
    const definition = definitions.get(check.id);
    if (definition.applicableWhen) {
      const applicable = scheduleAll([...new Set(simulate(definition.applicableWhen, values).facts)], start);
      end = Math.max(end, applicable);
      if (check.notEvaluatedBecause !== 'NOT_APPLICABLE') later.push({ at: applicable, facts: factsRead(check, definition, values) });
    } else {
      end = Math.max(end, scheduleAll(factsRead(check, definition, values), start));
    }
  }
  for (const { at, facts } of later.sort((a, b) => a.at - b.at)) end = Math.max(end, scheduleAll(facts, at));
  return { waves: end, needed };
}

const resolvePath = (value, path) => {
  let current = value;
  for (const match of (path ?? '').matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[match[1] ?? Number(match[2])];
  }
  return current;
};
const canonical = (value) =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** The port facts whose call (port and parameters, resolved from what the evaluation read) matches this call. */
function factsCalledBy(call, ruleSet, known) {
  return Object.entries(ruleSet.facts)
    .filter(([, declaration]) => declaration.port === call.port)
    .filter(([, declaration]) => {
      const params = {};
      for (const [key, value] of Object.entries(declaration.params)) {
        const resolved = isReference(value) ? resolvePath(known[value.fact], value.path) : value;
        if (resolved !== undefined) params[key] = resolved;
      }
      return canonical(params) === canonical(call.params);
    })
    .map(([name]) => name);
}

/** Who quotes a fact outside the rules' conditions: failed rules' messages, operations' descriptions or parameters. */
function quotersOf(fact, ruleSet, result) {
  const quoters = [];
  for (const rule of [...result.gates, ...result.checks]) {
    if (rule.status !== 'FAILED') continue;
    const definition = [...ruleSet.gates, ...ruleSet.checks].find((candidate) => candidate.id === rule.id);
    if (quotedFacts(definition.message).includes(fact)) quoters.push(`message of ${rule.id}`);
  }
  if (result.kind === 'decision' && result.verdict === 'ACCOLTA') {
    for (const operation of ruleSet.operations ?? []) {
      if (quotedFacts(operation.description).includes(fact)) quoters.push(`description of operation ${operation.id}`);
      else if (Object.values(operation.params).some((value) => isReference(value) && value.fact === fact)) quoters.push(`params of operation ${operation.id}`);
    }
  }
  return quoters;
}

/**
 * Evaluates every case of every cases file that ends in a verdict with a wave-counting port; returns,
 * per case, the waves measured, the minimum, and the port facts called that the rules did not need
 * (with who quotes them and the wave of their call).
 */
export async function countWaves() {
  const evaluateCase = createCaseRunner((fixture) => createWaveCountingPort(createInMemoryDataPort(fixture)));
  const rows = [];
  let skipped = 0;
  for (const casesFile of casesFiles) {
    const ruleSet = ruleSetOf(casesFile.task);
    for (const testCase of casesFile.cases) {
      if (!expectsVerdict(testCase)) {
        skipped += 1;
        continue;
      }
      const { result, dataPort } = await evaluateCase(casesFile, testCase);
      if (result.kind !== 'decision') throw new Error(`${casesFile.task} / ${testCase.id}: expected a verdict, got technical failure ${result.error.code}: ${result.error.message}`);
      const known = { ...result.facts, request: result.request, subject: result.subject, requestId: result.requestId, task: result.taskId, requesters: ruleSet.requesters, today: result.today, submittedOn: result.referenceDate };
      const minimum = minimumWaves(ruleSet, result, known);
      const unneeded = [];
      for (const call of dataPort.calls) {
        const facts = factsCalledBy(call, ruleSet, known);
        if (facts.some((fact) => minimum.needed.has(fact))) continue;
        for (const fact of facts.length > 0 ? facts : [`port ${call.port}`]) unneeded.push({ fact, wave: call.wave, quoters: quotersOf(fact, ruleSet, result) });
      }
      rows.push({ task: casesFile.task, caseId: testCase.id, waves: dataPort.waves, minimum: minimum.waves, extra: dataPort.waves - minimum.waves, unneeded });
    }
  }
  return { rows, skipped };
}
