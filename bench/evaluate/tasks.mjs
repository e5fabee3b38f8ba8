// The bench tasks as Smart-Task runs them: the loaded rule set, the accepted case and its fixture from
// the cases file, an engine on an in-memory data port and a no-op action port, and what one evaluation
// read (the fact values handed to the anchors) and decided (each gate's and check's pass or fail).
import { createEngine, loadCatalog } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';
import { catalogDocuments } from '@smart-task/rules';
import { cases as casesFiles } from '@smart-task/rules/cases';

export { casesFiles, catalogDocuments };

export const noOpActionPort = { perform: async () => ({ status: 'PERFORMED' }) };

const loaded = loadCatalog(catalogDocuments);
if (!loaded.ok) throw new Error('the bundled catalog does not load');
export const catalog = loaded.value;

/** The rule set as the loader holds it: library gates ({ "use": id }) and library facts written out. */
export function ruleSetOf(task) {
  return catalog.tasks.get(task).ruleSets[0].document;
}

/** What `evaluate` needs for one case of a cases file: subject, data, clock, fixture. */
export function caseInputs(casesFile, testCase) {
  return {
    subject: testCase.subject ?? casesFile.subject,
    data: testCase.data,
    now: new Date(testCase.now ?? casesFile.now),
    fixture: mergeFixtures(casesFile.fixture, testCase.fixture),
    ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }),
  };
}

/**
 * The fact values one evaluation read, with the built-in facts: what the anchors are handed up front.
 * Declared facts the evaluation never read are null, so that an anchor sees "absent" where Smart-Task
 * saw nothing either.
 */
export function factValuesOf(result, ruleSet) {
  const values = Object.fromEntries(Object.keys(ruleSet.facts).map((name) => [name, null]));
  return Object.assign(values, result.facts, {
    request: result.request,
    subject: result.subject,
    requestId: result.requestId,
    task: result.taskId,
    requesters: ruleSet.requesters,
    today: result.today,
    submittedOn: result.referenceDate,
  });
}

/**
 * Each gate's and check's outcome as pass (true) or fail (false); a check that did not apply passed.
 * Rules not evaluated for another reason (a gate failed before them) are left out.
 */
export function passFailOf(result) {
  const outcomes = {};
  for (const rule of [...result.gates, ...result.checks]) {
    if (rule.status === 'PASSED' || rule.notEvaluatedBecause === 'NOT_APPLICABLE') outcomes[rule.id] = true;
    else if (rule.status === 'FAILED') outcomes[rule.id] = false;
  }
  return outcomes;
}

/**
 * One engine for many cases, as `runCases` does it: the data and action ports are chosen by request id
 * and the clock is set before each evaluation. `dataPortFor(fixture)` makes each case's data port.
 */
export function createCaseRunner(dataPortFor = createInMemoryDataPort, options = {}) {
  const dataPorts = new Map();
  const actionPorts = new Map();
  let now = new Date();
  const engine = createEngine({
    catalog: options.catalog ?? catalogDocuments,
    dataPort: { fetch: (fact, params, context) => dataPorts.get(context.requestId).fetch(fact, params, context) },
    actionPort: { perform: (call, context) => actionPorts.get(context.requestId).perform(call, context) },
    clock: { now: () => now },
    plannedTasks: 'all',
    timeoutMs: 5000,
  });
  let counter = 0;
  return async function evaluateCase(casesFile, testCase) {
    const inputs = caseInputs(casesFile, testCase);
    const requestId = `case-${counter++}:${casesFile.task}:${testCase.id}`;
    const dataPort = dataPortFor(inputs.fixture);
    dataPorts.set(requestId, dataPort);
    actionPorts.set(requestId, createInMemoryActionPort(inputs.fixture));
    now = inputs.now;
    try {
      const result = await engine.evaluate(casesFile.task, { requestId, subject: inputs.subject, data: inputs.data, ...(inputs.submittedAt && { submittedAt: inputs.submittedAt }) });
      return { result, dataPort };
    } finally {
      dataPorts.delete(requestId);
      actionPorts.delete(requestId);
    }
  };
}

/** A case a cases file expects to end in a verdict (not a technical failure). */
export const expectsVerdict = (testCase) => testCase.expect.verdict !== undefined && testCase.expect.technicalFailure === undefined;

/**
 * The bench task: its accepted case (the first of the cases file), an engine evaluating it as a host
 * would (in-memory data port on the case's fixture, no-op action port, the case's clock), the fact
 * values and per-rule outcomes of a probe evaluation, and every other case of the file that ends in a
 * verdict, for checking the anchors against Smart-Task beyond the one case.
 */
export async function prepareTask(task, documents = catalogDocuments) {
  const casesFile = casesFiles.find((file) => file.task === task);
  const accepted = casesFile.cases.find((testCase) => testCase.expect.verdict === 'ACCOLTA' && testCase.expect.technicalFailure === undefined);
  const inputs = caseInputs(casesFile, accepted);
  // The testing adapter logs every call in `calls`; over a run of millions of calls that log alone
  // would grow the heap (and the collector's work) of the Smart-Task contender only, so it is emptied.
  const fixturePort = createInMemoryDataPort(inputs.fixture);
  const dataPort = {
    fetch(fact, params, context) {
      fixturePort.calls.length = 0;
      return fixturePort.fetch(fact, params, context);
    },
  };
  const engine = createEngine({ catalog: documents, dataPort, actionPort: noOpActionPort, clock: { now: () => inputs.now }, plannedTasks: 'all' });
  let counter = 0;
  const request = () => ({ requestId: `B-${counter++}`, subject: inputs.subject, data: inputs.data, ...(inputs.submittedAt && { submittedAt: inputs.submittedAt }) });
  const evaluate = async () => {
    const result = await engine.evaluate(task, request());
    if (result.kind !== 'decision' || result.verdict !== 'ACCOLTA') throw new Error(`${task}: the benchmark case must be accepted`);
  };
  const probe = await engine.evaluate(task, request());
  if (probe.kind !== 'decision' || probe.verdict !== 'ACCOLTA') throw new Error(`${task}: case ${accepted.id} is not accepted (${probe.kind === 'decision' ? probe.verdict : probe.error.message})`);
  const ruleSet = documents === catalogDocuments ? ruleSetOf(task) : engine.catalog.tasks.get(task).ruleSets[0].document;
  return { task, casesFile, accepted, ruleSet, evaluate, probe, facts: factValuesOf(probe, ruleSet), outcomes: passFailOf(probe) };
}
