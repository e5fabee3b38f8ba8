// pnpm bench: a full Smart-Task evaluation of a pilot task against bare json-rules-engine running the
// same conditions (default options, facts given up front, no trace). Prints evaluations/s and ratios.
import { performance } from 'node:perf_hooks';
import { builtInOperators, createEngine, loadCatalog } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { catalogDocuments } from '@smart-task/rules';
import { cases as casesFiles } from '@smart-task/rules/cases';
import { Engine } from 'json-rules-engine';

const TASK = 'revoca-delega-intermediario';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const casesFile = casesFiles.find((file) => file.task === TASK);
// The rule set as the loader holds it: library gates ({ "use": id }) written out.
const ruleSet = loadCatalog(catalogDocuments).value.tasks.get(TASK).ruleSets[0].document;
const accepted = casesFile.cases.find((testCase) => testCase.expect.verdict === 'ACCOLTA');
const subject = accepted.subject ?? casesFile.subject;
const now = new Date(accepted.now ?? casesFile.now);

// Smart-Task: the whole istruttoria — gates, lazy memoised port facts validated against the contract,
// checks, verdict, messages, three operations through the action port, trace and timings.
const noOpActionPort = { perform: async () => ({ status: 'PERFORMED' }) };
const smartTask = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(casesFile.fixture), actionPort: noOpActionPort, clock: { now: () => now } });
let counter = 0;
const evaluateSmartTask = async () => {
  const result = await smartTask.evaluate(TASK, { requestId: `B-${counter++}`, subject, data: accepted.data });
  if (result.kind !== 'decision' || result.verdict !== 'ACCOLTA') throw new Error('the benchmark case must be accepted');
};

// Bare json-rules-engine: the same gate and check conditions as one rule each, the same fact values
// given as runtime facts (fetched once, up front), default options (jsonpath-plus path resolver).
const factValues = {};
{
  const probe = await smartTask.evaluate(TASK, { requestId: 'probe', subject, data: accepted.data });
  Object.assign(factValues, probe.facts, { request: accepted.data, subject, requestId: 'probe', task: TASK, requesters: ruleSet.requesters, today: probe.referenceDate, submittedOn: probe.referenceDate });
}
function bareEngine(options) {
  const engine = new Engine([], options);
  for (const operator of builtInOperators) engine.addOperator(operator.name, (a, b) => operator.evaluate(a, b));
  for (const rule of [...ruleSet.gates, ...ruleSet.checks]) {
    const conditions = rule.applicableWhen ? { any: [{ not: rule.applicableWhen }, { all: [rule.conditions] }] } : { all: [rule.conditions] };
    engine.addRule({ name: rule.id, conditions, event: { type: rule.reasonCode } });
  }
  return engine;
}
const bare = bareEngine();
const ruleCount = ruleSet.gates.length + ruleSet.checks.length;
// Overlapping Engine#run calls can skip rules (the engine keeps one status for all runs): count them,
// since a skipped rule is work the bare engine did not do.
let bareSkippedRuns = 0;
const evaluateBare = async () => {
  const { results, failureResults } = await bare.run(factValues);
  if (failureResults.length !== 0) throw new Error('the same conditions must all pass on the bare engine');
  if (results.length !== ruleCount) bareSkippedRuns += 1;
};

async function measure(name, run) {
  for (let index = 0; index < 500; index += 1) await run();
  const samples = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((sum, value) => sum + value, 0);
  const percentile = (p) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))] * 1000;
  return { name, perSecond: samples.length / (total / 1000), p50: percentile(0.5), p99: percentile(0.99), runs: samples.length };
}

async function concurrent(name, run, batch = 64) {
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  let runs = 0;
  while (performance.now() < end) {
    await Promise.all(Array.from({ length: batch }, run));
    runs += batch;
  }
  return { name, perSecond: runs / ((performance.now() - started) / 1000) };
}

const rows = [await measure('json-rules-engine 7.3.1, bare, same conditions', evaluateBare), await measure('smart-task evaluate (full istruttoria + trace)', evaluateSmartTask)];
const [jre, ours] = rows;
console.log(`Task ${TASK} v${ruleSet.version}: ${ruleSet.gates.length} gates + ${ruleSet.checks.length} checks, accepted case "${accepted.id}", ${SECONDS}s each, Node ${process.version}`);
console.log('');
console.log('sequential                                         evals/s    p50 µs    p99 µs');
for (const row of rows) console.log(`${row.name.padEnd(50)} ${row.perSecond.toFixed(0).padStart(8)} ${row.p50.toFixed(1).padStart(9)} ${row.p99.toFixed(1).padStart(9)}`);
const batch = [await concurrent('json-rules-engine 7.3.1, bare', evaluateBare), await concurrent('smart-task evaluate', evaluateSmartTask)];
console.log('');
console.log('64 concurrent                                      evals/s');
for (const row of batch) console.log(`${row.name.padEnd(50)} ${row.perSecond.toFixed(0).padStart(8)}`);
if (bareSkippedRuns > 0) console.log(`(bare json-rules-engine skipped rules in ${bareSkippedRuns} overlapping runs: its figure counts work it did not do)`);
console.log('');
console.log(`ratio smart-task / bare json-rules-engine: ${(ours.perSecond / jre.perSecond).toFixed(2)}x sequential, ${(batch[1].perSecond / batch[0].perSecond).toFixed(2)}x concurrent`);
