// pnpm bench:replay: generates audit records by evaluating every case of the catalog with varied data,
// then replays them through the `smart-task replay` CLI (a child process, the same code path users run)
// in one thread and across all cores, with the same rules and with a changed rule set, and prints
// records/s against a sequential `evaluate` of the same records in this process, the ratios, and peak memory
// for a tenth of the records and for all of them (REPLAY_RECORDS=1000000: 100 000 against 1 000 000).
// REPLAY_RECORDS sets the number of records (default 100000; 1000 when BENCH_SECONDS or CI asks for a quick run,
// which skips the tenth: its memory says nothing at that size).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, isSmartTaskError } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';
import { createReplayActionPort, createReplayPort, toAuditRecord } from '@smart-task/core/audit';
import { catalogDocuments } from '@smart-task/rules';
import { cases as casesFiles } from '@smart-task/rules/cases';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.env.BENCH_SECONDS !== undefined || process.env.CI !== undefined;
const RECORDS = Number(process.env.REPLAY_RECORDS ?? (QUICK ? 1000 : 100_000));
const WITH_TENTH = process.env.REPLAY_RECORDS !== undefined || !QUICK;
const CHANGED_TASK = 'riattivazione-posizione-contributiva';
const CORES = availableParallelism();
/** How many records the sequential `evaluate` baseline runs (parsed in memory first): a rate, measured on a sample. */
const BASELINE_RECORDS = Math.min(RECORDS, 20_000);
const work = mkdtempSync(join(tmpdir(), 'smart-task-replay-bench-'));

/** A small deterministic generator, so that two runs replay the same records. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The request data with every ISO date moved by the same number of days (the cases' dates sit on rule boundaries). */
function shiftDates(data, days) {
  const shifted = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const date = new Date(`${value}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + days);
      shifted[key] = date.toISOString().slice(0, 10);
    } else shifted[key] = value;
  }
  return shifted;
}

/**
 * Writes `count` audit records to a JSON Lines file — the catalog's cases that end in a verdict, with
 * varied dates — and the first tenth of them to a second file.
 */
async function generateRecords(path, tenthPath, count) {
  const noPort = {
    fetch: async () => {
      throw new Error('unused');
    },
  };
  const engine = createEngine({ catalog: catalogDocuments, dataPort: noPort, actionPort: createInMemoryActionPort(), plannedTasks: 'all' });
  const templates = casesFiles.flatMap((file) =>
    file.cases
      .filter((testCase) => !testCase.expect.technicalFailure)
      .map((testCase) => ({
        task: file.task,
        subject: testCase.subject ?? file.subject,
        data: testCase.data,
        now: new Date(testCase.now ?? file.now ?? '2026-03-10T09:00:00+01:00'),
        fixture: mergeFixtures(file.fixture, testCase.fixture),
        ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }),
      })),
  );
  const next = random(42);
  const out = createWriteStream(path);
  const tenth = createWriteStream(tenthPath);
  let written = 0;
  let refused = 0;
  for (let index = 0; written < count; index += 1) {
    const template = templates[index % templates.length];
    const days = Math.floor(next() * 41) - 20;
    const request = { requestId: `B-${index}`, subject: template.subject, data: shiftDates(template.data, days), ...(template.submittedAt && { submittedAt: template.submittedAt }) };
    const ports = { dataPort: createInMemoryDataPort(template.fixture), actionPort: createInMemoryActionPort(template.fixture) };
    let result;
    try {
      result = await engine.evaluate(template.task, request, { clock: { now: () => template.now }, ports });
    } catch (error) {
      if (!isSmartTaskError(error)) throw error;
      refused += 1; // a shifted date the request schema refuses: not a record
      continue;
    }
    const line = `${JSON.stringify(toAuditRecord(result))}\n`;
    if (written < count / 10 && !tenth.write(line)) await once(tenth, 'drain');
    if (!out.write(line)) await once(out, 'drain');
    written += 1;
  }
  out.end();
  tenth.end();
  await Promise.all([once(out, 'finish'), once(tenth, 'finish')]);
  return { templates: templates.length, refused };
}

/** A copy of the catalog with the 18-month rule of CHANGED_TASK set to 12 months. */
function changedCatalog() {
  const skip = (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source);
  cpSync(join(ROOT, 'packages/schemas'), join(work, 'schemas'), { recursive: true, filter: skip });
  cpSync(join(ROOT, 'packages/rules'), join(work, 'rules'), { recursive: true, filter: skip });
  const file = join(work, 'rules/tasks', `${CHANGED_TASK}.rules.json`);
  const rules = JSON.parse(readFileSync(file, 'utf8'));
  if (rules.facts?.limiteRiattivazione?.args?.months !== 18) throw new Error(`${CHANGED_TASK}: the 18-month rule moved; update bench/replay.bench.mjs`);
  rules.facts.limiteRiattivazione.args.months = 12;
  writeFileSync(file, JSON.stringify(rules, null, 2));
  return [join(work, 'schemas'), join(work, 'rules')];
}

// Loaded into the CLI process with --import (replay threads take it too: it does nothing there): samples
// the process's resident set size and reports the peak, and the CPU time of all its threads, on exit.
const SAMPLER = `
import { isMainThread } from 'node:worker_threads';
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
if (isMainThread) setInterval(sample, 10).unref();
if (isMainThread) process.on('exit', () => { sample(); process.stderr.write('BENCH_MEMORY ' + JSON.stringify({ peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 }) + '\\n'); });
`;

/** Runs `smart-task replay` on the file in a child process; returns the report, the wall time and the memory figures. */
async function replay(file, rules, threads) {
  const sampler = join(work, 'sampler.mjs');
  writeFileSync(sampler, SAMPLER);
  const args = ['--import', sampler, join(ROOT, 'packages/cli/bin/smart-task.js'), 'replay', file, ...rules.flatMap((dir) => ['--rules', dir]), '--report', 'json', '--threads', String(threads)];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`smart-task replay exited ${code}: ${stderr}`);
  const memory = JSON.parse(/BENCH_MEMORY (.*)/.exec(stderr)?.[1] ?? 'null');
  return { report: JSON.parse(stdout), seconds, memory };
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/**
 * The baseline: `engine.evaluate` of the first BASELINE_RECORDS records one after the other, in this
 * process, each at its own clock with its recorded port answers (the replay ports) — the evaluation a
 * replay does, without reading, checking and comparing the records. Records/s after a warm-up pass.
 */
async function sequentialEvaluate(file) {
  const records = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    records.push(JSON.parse(line));
    if (records.length === BASELINE_RECORDS) break;
  }
  lines.close();
  const noPort = {
    fetch: async () => {
      throw new Error('unused');
    },
  };
  const engines = new Map();
  const engineIn = (timeZone) => {
    if (!engines.has(timeZone)) engines.set(timeZone, createEngine({ catalog: catalogDocuments, dataPort: noPort, actionPort: createInMemoryActionPort(), plannedTasks: 'all', timeZone }));
    return engines.get(timeZone);
  };
  const evaluateAll = async (count) => {
    for (const record of records.slice(0, count)) {
      const evaluatedAt = new Date(record.clock.evaluatedAt);
      await engineIn(record.clock.timeZone).evaluate(
        record.taskId,
        { requestId: record.requestId, subject: record.subject, data: record.request, submittedAt: record.clock.submittedAt },
        { clock: { now: () => evaluatedAt }, ports: { dataPort: createReplayPort(record), actionPort: createReplayActionPort(record) } },
      );
    }
  };
  await evaluateAll(Math.min(records.length, 2000));
  const started = performance.now();
  await evaluateAll(records.length);
  return records.length / ((performance.now() - started) / 1000);
}

try {
  const full = join(work, 'records.jsonl');
  const tenth = join(work, 'records-tenth.jsonl');
  const empty = join(work, 'empty.jsonl');
  writeFileSync(empty, '');
  const generationStarted = performance.now();
  const { templates, refused } = await generateRecords(full, tenth, RECORDS);
  const generated = (performance.now() - generationStarted) / 1000;
  console.log(
    `Generated ${RECORDS} audit records from ${templates} cases with dates moved by -20…+20 days (${refused} variants refused by the request schemas) in ${generated.toFixed(1)}s: ${mb(statSync(full).size)} of JSON Lines. Node ${process.version}.`,
  );
  console.log('');
  const sameRules = [join(ROOT, 'packages/schemas'), join(ROOT, 'packages/rules')];
  const evaluatePerSecond = await sequentialEvaluate(full);
  console.log(`sequential engine.evaluate of the same records (the first ${Math.min(RECORDS, BASELINE_RECORDS)}, replay ports, in this process): ${evaluatePerSecond.toFixed(0)} records/s`);
  const startup = await replay(empty, sameRules, 1);
  console.log(`smart-task replay of an empty file (start Node, load and compile the catalog): ${startup.seconds.toFixed(2)}s, peak RSS ${mb(startup.memory.peakRss)}; records/s below exclude it.`);
  console.log('');
  console.log(`smart-task replay (child process, ${CORES} cores)                  threads  records    records/s  ÷ evaluate   CPU s   changed   peak RSS (sampled)   maxRSS`);
  const runs = [
    ...(WITH_TENTH ? [['same rules, first tenth of the records', tenth, sameRules, CORES]] : []),
    ['same rules', full, sameRules, 1],
    ['same rules', full, sameRules, CORES],
    [`${CHANGED_TASK}: 18 → 12 months`, full, changedCatalog(), CORES],
  ];
  const results = [];
  for (const [name, file, rules, threads] of runs) {
    const { report, seconds, memory } = await replay(file, rules, threads);
    const perSecond = report.records / Math.max(0.001, seconds - startup.seconds);
    results.push({ name, report, memory, perSecond });
    console.log(
      `${name.padEnd(60)} ${String(threads).padStart(7)} ${String(report.records).padStart(8)} ${perSecond.toFixed(0).padStart(12)} ${`${(perSecond / evaluatePerSecond).toFixed(2)}x`.padStart(11)} ${memory.cpuSeconds.toFixed(1).padStart(7)} ${String(report.changed).padStart(9)} ${mb(memory.peakRss).padStart(20)} ${mb(memory.maxRss).padStart(8)}`,
    );
  }
  const [small, oneThread, same, changed] = WITH_TENTH ? results : [undefined, ...results];
  console.log('');
  console.log(
    `replay ÷ sequential evaluate: ${(oneThread.perSecond / evaluatePerSecond).toFixed(2)}x in 1 thread, ${(same.perSecond / evaluatePerSecond).toFixed(2)}x in ${CORES} threads (${(same.perSecond / oneThread.perSecond).toFixed(2)}x the 1-thread replay).`,
  );
  console.log(
    `CPU time (all threads, start-up included): ${oneThread.memory.cpuSeconds.toFixed(1)}s in 1 thread, ${same.memory.cpuSeconds.toFixed(1)}s in ${CORES} threads. On a machine shared with other jobs the threads may not get ${CORES} cores: compare the CPU time too.`,
  );
  if (small) {
    console.log(
      `maxRSS for all ${RECORDS} records / for a tenth (${CORES} threads): ${(same.memory.maxRss / small.memory.maxRss).toFixed(2)}x (flat memory: close to 1); above an empty replay: +${mb(same.memory.maxRss - startup.memory.maxRss)} for all, +${mb(small.memory.maxRss - startup.memory.maxRss)} for a tenth.`,
    );
  }
  console.log(`same rules: ${same.report.unchanged} of ${same.report.replayed} unchanged, ${same.report.notReplayable.total} not replayable, ${same.report.skipped.total} skipped.`);
  console.log(`changed rules: verdicts ${JSON.stringify(changed.report.verdicts.byTransition)}, ${changed.report.reasons.changed} reason lists, ${changed.report.operations.changed} operation lists changed.`);
  if (same.report.changed !== 0 || same.report.replayed !== RECORDS) throw new Error('a replay under the same rules must reproduce every record');
  if (JSON.stringify(same.report) !== JSON.stringify(oneThread.report)) throw new Error(`the report of ${CORES} threads differs from the report of 1 thread`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
