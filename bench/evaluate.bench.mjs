// pnpm bench: Smart-Task's full evaluation against three anchors running the same gates and checks on
// fact values handed in up front — bare json-rules-engine, GoRules ZEN, hand-written JavaScript — for
// two tasks, sequential and 64 in flight, interleaved; then the cost per extra check, and the port
// round trips beyond the engine-order minimum over the whole catalog's cases. Ends with the summary
// table of issue 14. How to read it: docs/explanation/benchmarks.md. Modules in bench/evaluate/.
import { loadavg } from 'node:os';
import { createBareJre, createHandWritten, createZen, differences } from './evaluate/anchors.mjs';
import { createCaseRunner, expectsVerdict, factValuesOf, passFailOf, prepareTask } from './evaluate/tasks.mjs';
import { measureInterleaved } from './evaluate/measure.mjs';
import { EXTRA_TASK, measureExtraChecks } from './evaluate/extra-checks.mjs';
import { countWaves } from './evaluate/waves.mjs';

const TASKS = ['revoca-delega-intermediario', 'sostituzione-maternita-9r'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const IN_FLIGHT = 64;
const startedAt = Date.now();

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const times = (value) => (!Number.isFinite(value) ? '—' : value >= 0.01 ? `${value.toFixed(2)}×` : `${value.toPrecision(2)}×`);
const pad = (text, width) => String(text).padStart(width);

console.log(
  `Evaluate bench: ${SECONDS}s per contender and measurement, interleaved in slices; Node ${process.version}, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);

/** Checks an anchor against Smart-Task on the accepted case and on every case of the file that ends in a verdict; throws on any difference. */
async function verifyAnchor(anchor, prepared, evaluateCase) {
  const onAccepted = differences(prepared.outcomes, await anchor.passFail(prepared.facts));
  if (onAccepted.length > 0) throw new Error(`${anchor.name} disagrees with Smart-Task on ${prepared.task} / ${prepared.accepted.id}:\n  ${onAccepted.join('\n  ')}`);
  let compared = 0;
  for (const testCase of prepared.casesFile.cases.filter(expectsVerdict)) {
    const { result } = await evaluateCase(prepared.casesFile, testCase);
    if (result.kind !== 'decision') continue;
    let got;
    try {
      got = await anchor.passFail(factValuesOf(result, prepared.ruleSet));
    } catch (error) {
      throw new Error(`${anchor.name} failed on ${prepared.task} / ${testCase.id}: ${String(error?.message ?? error).split('\n')[0]}`);
    }
    const found = differences(passFailOf(result), got);
    if (found.length > 0) throw new Error(`${anchor.name} disagrees with Smart-Task on ${prepared.task} / ${testCase.id}:\n  ${found.join('\n  ')}`);
    compared += 1;
  }
  return compared;
}

// ---------------------------------------------------------------------------------------------------
// 1. Both tasks against the three anchors.

const evaluateCase = createCaseRunner();
const taskFigures = [];
let zenVersion;
for (const task of TASKS) {
  const prepared = await prepareTask(task);
  const { ruleSet, facts } = prepared;
  const anchors = [createHandWritten(ruleSet), await createZen(ruleSet), createBareJre(ruleSet)];
  const verified = [];
  for (const anchor of anchors) if (!anchor.skipped) verified.push(await verifyAnchor(anchor, prepared, evaluateCase));
  zenVersion ??= anchors[1].version;
  const live = anchors.filter((anchor) => !anchor.skipped);
  const contenders = [...live.map((anchor) => ({ name: anchor.name, sync: anchor.sync, run: () => anchor.run(facts) })), { name: 'smart-task evaluate (full istruttoria)', run: prepared.evaluate }];
  const sequential = await measureInterleaved(contenders, { seconds: SECONDS });
  const inFlight = await measureInterleaved(contenders, { seconds: SECONDS, inFlight: IN_FLIGHT });
  const ours = { sequential: sequential.at(-1), inFlight: inFlight.at(-1) };

  console.log('');
  console.log(`${task} v${ruleSet.version}: ${ruleSet.gates.length} gates + ${ruleSet.checks.length} checks, accepted case "${prepared.accepted.id}"`);
  console.log(`every anchor's per-rule pass/fail checked equal to Smart-Task's on the ${Math.min(...verified)} cases of the file that end in a verdict`);
  console.log(`${''.padEnd(44)}        sequential (interleaved)                ${IN_FLIGHT} in flight (interleaved)             smart-task ÷ it`);
  console.log(`${''.padEnd(44)}  evals/s   p50 µs   p99 µs  cores    evals/s   p50 µs   p99 µs  cores    seq.  ${IN_FLIGHT} in fl.`);
  const ratios = {};
  contenders.forEach((contender, index) => {
    const [a, b] = [sequential[index], inFlight[index]];
    const ratio = { sequential: ours.sequential.perSecond / a.perSecond, inFlight: ours.inFlight.perSecond / b.perSecond };
    if (index < live.length) ratios[['js', 'zen', 'jre'][anchors.indexOf(live[index])]] = ratio;
    const ratioText = index < live.length ? `${pad(times(ratio.sequential), 7)} ${pad(times(ratio.inFlight), 8)}` : '';
    console.log(
      `${contender.name.padEnd(44)} ${pad(fixed(a.perSecond, 0), 8)} ${pad(fixed(a.p50), 8)} ${pad(fixed(a.p99), 8)} ${pad(fixed(a.cores, 2), 6)} ${pad(fixed(b.perSecond, 0), 10)} ${pad(fixed(b.p50), 8)} ${pad(fixed(b.p99), 8)} ${pad(fixed(b.cores, 2), 6)} ${ratioText}`,
    );
  });
  for (const anchor of anchors.filter((candidate) => candidate.skipped)) console.log(`${'skipped'.padEnd(44)} ${anchor.skipped}`);
  if (anchors[0].sync) console.log(`(hand-written JavaScript is synchronous: timed over batches of 200 calls, p50/p99 are batch averages; "${IN_FLIGHT} in flight" runs it the same way)`);
  const bare = anchors[2];
  if (bare.stats.skippedRuns > 0) console.log(`(bare json-rules-engine skipped rules in ${bare.stats.skippedRuns} overlapping runs: its figure counts work it did not do)`);
  taskFigures.push({ task, ratios, zenSkipped: anchors[1].skipped });
}

// ---------------------------------------------------------------------------------------------------
// 2. Cost per extra check.

const extra = await measureExtraChecks({ seconds: SECONDS });
console.log('');
console.log(`Cost per extra check: ${EXTRA_TASK} with k copies of AUTH-05 (own ids and reason codes), sequential, interleaved`);
console.log(`${''.padEnd(44)}  evals/s  mean µs   p50 µs   p99 µs`);
for (const row of extra.rows) console.log(`${row.name.padEnd(44)} ${pad(fixed(row.perSecond, 0), 8)} ${pad(fixed(row.meanUs), 8)} ${pad(fixed(row.p50), 8)} ${pad(fixed(row.p99), 8)}`);
console.log(
  `least-squares slope of p50 against k: smart-task ${fixed(extra.ours.slope, 2)} µs per extra check (intercept ${fixed(extra.ours.intercept)} µs), json-rules-engine ${fixed(extra.jre.slope, 2)} µs (intercept ${fixed(extra.jre.intercept)} µs)`,
);
console.log(`(slope of the mean: smart-task ${fixed(extra.ours.mean.slope, 2)} µs, json-rules-engine ${fixed(extra.jre.mean.slope, 2)} µs — the mean carries load spikes and GC pauses)`);

// ---------------------------------------------------------------------------------------------------
// 3. Port round trips beyond the engine-order minimum, whole catalog.

const waves = await countWaves();
const extraRows = waves.rows.filter((row) => row.extra > 0);
const fewer = waves.rows.filter((row) => row.extra < 0);
const extraWaves = extraRows.reduce((sum, row) => sum + row.extra, 0);
console.log('');
console.log(`Port round trips (waves) over the engine-order minimum: ${waves.rows.length} cases of ${new Set(waves.rows.map((row) => row.task)).size} tasks ending in a verdict (${waves.skipped} technical-failure cases left out)`);
console.log(`cases with extra waves: ${extraRows.length}, extra waves in all: ${extraWaves}; measured waves ${waves.rows.reduce((sum, row) => sum + row.waves, 0)}, minimum ${waves.rows.reduce((sum, row) => sum + row.minimum, 0)}`);
const causes = new Map();
for (const row of waves.rows) {
  for (const call of row.unneeded) {
    const key = `${row.task}: ${call.fact} ← ${call.quoters.join(', ') || 'nothing quotes it'}`;
    const entry = causes.get(key) ?? { cases: new Set(), extraCases: new Set() };
    entry.cases.add(row.caseId);
    if (row.extra > 0) entry.extraCases.add(row.caseId);
    causes.set(key, entry);
  }
}
if (causes.size > 0) {
  console.log('port facts called that no evaluated condition needed (task: fact ← what reads it; cases, of which with extra waves):');
  for (const [key, entry] of [...causes].sort((a, b) => b[1].extraCases.size - a[1].extraCases.size)) console.log(`  ${key}: ${entry.cases.size} case${entry.cases.size === 1 ? '' : 's'}, ${entry.extraCases.size} with extra waves`);
}
const unexplained = extraRows.filter((row) => row.unneeded.length === 0);
if (unexplained.length > 0) console.log(`extra waves with no unneeded port call (the engine serialised calls it could overlap): ${unexplained.map((row) => `${row.task}/${row.caseId} +${row.extra}`).join(', ')}`);
if (fewer.length > 0) console.log(`FEWER waves than the model's minimum (the model is wrong for these): ${fewer.map((row) => `${row.task}/${row.caseId} ${row.waves} < ${row.minimum}`).join(', ')}`);

// ---------------------------------------------------------------------------------------------------
// Summary: the table of issue 14, measured in this run.

const figureOf = (task) => taskFigures.find((entry) => entry.task === task);
const jreRow = (task) => {
  const ratio = figureOf(task).ratios.jre;
  return `${times(ratio.sequential)} / ${times(ratio.inFlight)}`;
};
const zenRatios = taskFigures.flatMap((entry) => (entry.ratios.zen ? [entry.ratios.zen.sequential, entry.ratios.zen.inFlight] : []));
const zenRow =
  zenRatios.length > 0
    ? `${times(Math.min(...zenRatios))}–${times(Math.max(...zenRatios))} (${taskFigures.map((entry) => (entry.ratios.zen ? `${entry.task.split('-')[0]} ${times(entry.ratios.zen.sequential)} / ${times(entry.ratios.zen.inFlight)}` : `${entry.task}: skipped`)).join('; ')})`
    : `skipped: ${taskFigures[0].zenSkipped}`;
const jsRatios = taskFigures.flatMap((entry) => [entry.ratios.js.sequential, entry.ratios.js.inFlight]);
const summary = [
  ['full evaluate ÷ bare json-rules-engine, revoca accepted, sequential / 64 in flight', jreRow('revoca-delega-intermediario'), '≥ 3× both'],
  ['same, sostituzione-maternita-9r (4 gates + 10 checks)', jreRow('sostituzione-maternita-9r'), '≥ 3× both'],
  [`full evaluate ÷ GoRules ZEN${zenVersion ? ` ${zenVersion}` : ''} (same checks, expression node)`, zenRow, '≥ 10× (stretch)'],
  ['cost per extra check', `${fixed(extra.ours.slope, 2)} µs (json-rules-engine ${fixed(extra.jre.slope, 2)} µs)`, '≤ 2 µs'],
  ['extra port round trips over the engine-order critical path, whole catalog', `${extraRows.length} cases, +${extraWaves} waves`, '0'],
  ['(for scale) full evaluate ÷ hand-written JavaScript, both tasks', `${times(Math.min(...jsRatios))}–${times(Math.max(...jsRatios))}`, '—'],
];
console.log('');
console.log(`Summary (issue 14), this run: ${((Date.now() - startedAt) / 1000).toFixed(1)}s, load average now ${loadavg()[0].toFixed(2)}`);
const widths = [Math.max(...summary.map((row) => row[0].length)), Math.max(...summary.map((row) => row[1].length)), 15];
console.log(`| ${'figure'.padEnd(widths[0])} | ${'ours'.padEnd(widths[1])} | ${'goal'.padEnd(widths[2])} |`);
console.log(`|${'-'.repeat(widths[0] + 2)}|${'-'.repeat(widths[1] + 2)}|${'-'.repeat(widths[2] + 2)}|`);
for (const row of summary) console.log(`| ${row.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`);
