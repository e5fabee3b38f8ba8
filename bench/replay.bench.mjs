// pnpm bench:replay: generates audit records by evaluating every case of the catalog with varied data,
// then replays them through the `smart-task replay` CLI (a child process, the same code path users run)
// with the same rules and with a changed rule set, and prints records/s and peak memory.
// REPLAY_RECORDS sets the number of records (default 100000; 2000 when BENCH_SECONDS or CI asks for a quick run).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, isSmartTaskError } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';
import { toAuditRecord } from '@smart-task/core/audit';
import { catalogDocuments } from '@smart-task/rules';
import { cases as casesFiles } from '@smart-task/rules/cases';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.env.BENCH_SECONDS !== undefined || process.env.CI !== undefined;
const RECORDS = Number(process.env.REPLAY_RECORDS ?? (QUICK ? 2000 : 100_000));
const CHANGED_TASK = 'riattivazione-posizione-contributiva';
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

// Loaded into the CLI process with --import: samples its resident set size and reports the peak on exit.
const SAMPLER = `
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
setInterval(sample, 10).unref();
process.on('exit', () => { sample(); process.stderr.write('BENCH_MEMORY ' + JSON.stringify({ peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\\n'); });
`;

/** Runs `smart-task replay` on the file in a child process; returns the report, the wall time and the memory figures. */
async function replay(file, rules) {
  const sampler = join(work, 'sampler.mjs');
  writeFileSync(sampler, SAMPLER);
  const args = ['--import', sampler, join(ROOT, 'packages/cli/bin/smart-task.js'), 'replay', file, ...rules.flatMap((dir) => ['--rules', dir]), '--report', 'json'];
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
  const startup = await replay(empty, sameRules);
  console.log(`smart-task replay of an empty file (start Node, load and compile the catalog): ${startup.seconds.toFixed(2)}s, peak RSS ${mb(startup.memory.peakRss)}; records/s below exclude it.`);
  console.log('');
  console.log('smart-task replay (child process, default concurrency)        records    records/s   changed   peak RSS (sampled)   maxRSS');
  const runs = [
    ['same rules, first tenth of the records', tenth, sameRules],
    ['same rules', full, sameRules],
    [`${CHANGED_TASK}: 18 → 12 months`, full, changedCatalog()],
  ];
  const results = [];
  for (const [name, file, rules] of runs) {
    const { report, seconds, memory } = await replay(file, rules);
    results.push({ name, report, memory });
    const perSecond = report.records / Math.max(0.001, seconds - startup.seconds);
    console.log(`${name.padEnd(60)} ${String(report.records).padStart(8)} ${perSecond.toFixed(0).padStart(12)} ${String(report.changed).padStart(9)} ${mb(memory.peakRss).padStart(20)} ${mb(memory.maxRss).padStart(8)}`);
  }
  const [small, same, changed] = results;
  console.log('');
  console.log(
    `maxRSS for all records / for a tenth: ${(same.memory.maxRss / small.memory.maxRss).toFixed(2)}x (flat memory: close to 1); above an empty replay: +${mb(same.memory.maxRss - startup.memory.maxRss)} for all, +${mb(small.memory.maxRss - startup.memory.maxRss)} for a tenth.`,
  );
  console.log(`same rules: ${same.report.unchanged} of ${same.report.replayed} unchanged, ${same.report.notReplayable.total} not replayable, ${same.report.skipped.total} skipped.`);
  console.log(`changed rules: verdicts ${JSON.stringify(changed.report.verdicts.byTransition)}, ${changed.report.reasons.changed} reason lists, ${changed.report.operations.changed} operation lists changed.`);
  if (same.report.changed !== 0 || same.report.replayed !== RECORDS) throw new Error('a replay under the same rules must reproduce every record');
} finally {
  rmSync(work, { recursive: true, force: true });
}
