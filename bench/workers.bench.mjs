// pnpm bench:workers: the request lifecycle on pg-boss workers in several processes on one PostgreSQL
// server. Requests from the catalog's accepted and rejected cases (as the multi-worker test files them:
// a host lifecycle, `submitToWorkers`, retry policy 30 attempts from 500 ms), worked on by the test's
// worker process (packages/postgres/test/support/worker-process.mjs: the built packages, a data port
// answering in 5–50 ms, an idempotency ledger, the request lock instrumented), spawned with fork.
//
// Phases, each on a fresh database (dropped after):
//   drain-1, drain-2, drain-4   WORKER_REQUESTS requests filed first (WORKER_FILE_CONCURRENCY at a
//                               time), then 1, 2, 4 workers started; requests/s from the first worker
//                               ready to the last request's final step.
//   drain-4-kill                the same with 4 workers; every 0.5–2 s one of those taking jobs, at
//                               random, is killed with SIGKILL and another started (a tick is skipped
//                               while fewer than WORKER_KILL_MIN_READY take jobs: a restart takes 3–10 s).
//   steady-4, steady-4-kill     requests filed at a fixed rate while 4 workers run (without and with
//                               kills): p50/p99 from submittedAt to the decision (outcome.at), to the
//                               final step and to the outcome notice's delivery.
// After each phase it checks what the test checks: every request final with the verdict the
// istruttoria gives without faults (engine.decide on the case's day and fixture); the idempotency
// ledger holds each planned operation once and nothing else; no request held by two workers at once;
// every request's PROTOCOLLATA and ESITO_DISPONIBILE notices delivered, and how many were delivered
// twice (and whether their first sender was killed between the gateway and the outbox's SENT). Prints
// pg-boss and sweep figures and where the CPU went (worker processes, PostgreSQL per database, this
// process, everything else: a shared machine is flagged). No assertions on time; exits 1 when a
// correctness check fails (a notice delivered twice included: the gateway answers `wasSent` from its
// deliveries, so a notice whose sender was killed after the gateway accepted it is looked up, not resent).
//
// Server: SMART_TASK_BENCH_DATABASE_URL or SMART_TASK_TEST_DATABASE_URL, else `bash
// scripts/postgres-for-tests.sh` (its last stdout line).
//
// Env: WORKER_REQUESTS (default 10000; 300 is the CI size), WORKER_PHASES (comma list of the phases
// above, default all), WORKER_CONCURRENCY (jobs per worker process, default 4), WORKER_STALE_AFTER_MS
// (default 4000), WORKER_SWEEP_EVERY_SECONDS (default 2), WORKER_DATA_DELAY_MS (default 5-50),
// WORKER_FILE_CONCURRENCY (default 16), WORKER_STEADY_REQUESTS (default min(2000, WORKER_REQUESTS)),
// WORKER_STEADY_RATE (requests/s, default 50), WORKER_STEADY_KILL_RATE (default WORKER_STEADY_RATE),
// WORKER_KILL_EVERY_MS (default 500-2000), WORKER_KILL_MIN_READY (default 2), WORKER_PHASE_TIMEOUT_S
// (default 120 + requests / 5).
import { execFileSync, execSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@smart-task/core';
import { createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';
import { createRequestLifecycle } from '@smart-task/core/lifecycle';
import { catalogDocuments } from '@smart-task/rules';
import { cases } from '@smart-task/rules/cases';
// @smart-task/postgres is not a dependency of the workspace root: the built package, by path.
import * as postgres from '../packages/postgres/dist/index.js';
import { FLEET_TABLES, verdictCases } from '../packages/postgres/test/support/fleet-cases.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER_SCRIPT = join(ROOT, 'packages/postgres/test/support/worker-process.mjs');
const BUILT = ['packages/postgres/dist/index.js', 'packages/core/dist/index.js', 'packages/rules/dist/index.js'].map((path) => join(ROOT, path));

const env = process.env;
const REQUESTS = Number(env.WORKER_REQUESTS ?? 10_000);
const ALL_PHASES = ['drain-1', 'drain-2', 'drain-4', 'drain-4-kill', 'steady-4', 'steady-4-kill'];
const PHASES = (env.WORKER_PHASES ?? ALL_PHASES.join(',')).split(',').map((name) => name.trim());
const CONCURRENCY = Number(env.WORKER_CONCURRENCY ?? 4);
const STALE_AFTER_MS = Number(env.WORKER_STALE_AFTER_MS ?? 4_000);
const SWEEP_EVERY_SECONDS = Number(env.WORKER_SWEEP_EVERY_SECONDS ?? 2);
const DATA_DELAY_MS = env.WORKER_DATA_DELAY_MS ?? '5-50';
const FILE_CONCURRENCY = Number(env.WORKER_FILE_CONCURRENCY ?? 16);
const STEADY_REQUESTS = Number(env.WORKER_STEADY_REQUESTS ?? Math.min(2_000, REQUESTS));
const STEADY_RATE = Number(env.WORKER_STEADY_RATE ?? 50);
const STEADY_KILL_RATE = Number(env.WORKER_STEADY_KILL_RATE ?? STEADY_RATE);
const [KILL_MIN_MS, KILL_MAX_MS] = (env.WORKER_KILL_EVERY_MS ?? '500-2000').split('-').map(Number);
const KILL_MIN_READY = Number(env.WORKER_KILL_MIN_READY ?? 2);
const PHASE_TIMEOUT_S = (requests) => Number(env.WORKER_PHASE_TIMEOUT_S ?? 120 + requests / 5);
const RETRY_POLICY = { maxAttempts: 30, baseDelayMs: 500, factor: 1.5, maxDelayMs: 3_000 };
const FINAL = ['ACCOLTA', 'NON_ACCOLTA'];
/** States from which a worker still moves the request on (IN_CARICO_SEDE waits for an operator: not final, not moving). */
const MOVING = ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED'];

for (const [name, value] of Object.entries({ WORKER_STEADY_RATE: STEADY_RATE, WORKER_STEADY_KILL_RATE: STEADY_KILL_RATE })) {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number of requests per second; found ${env[name]}.`);
}
if (!Number.isSafeInteger(KILL_MIN_READY) || KILL_MIN_READY < 0) throw new Error(`WORKER_KILL_MIN_READY must be a whole number; found ${env.WORKER_KILL_MIN_READY}.`);
for (const [name, value] of Object.entries({ WORKER_REQUESTS: REQUESTS, WORKER_CONCURRENCY: CONCURRENCY, WORKER_FILE_CONCURRENCY: FILE_CONCURRENCY, WORKER_STEADY_REQUESTS: STEADY_REQUESTS })) {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer; found ${env[name]}.`);
}
for (const phase of PHASES) if (!ALL_PHASES.includes(phase)) throw new Error(`WORKER_PHASES: unknown phase ${JSON.stringify(phase)} (use ${ALL_PHASES.join(', ')})`);
if (!(KILL_MIN_MS > 0 && KILL_MAX_MS >= KILL_MIN_MS)) throw new Error(`WORKER_KILL_EVERY_MS must be MIN-MAX milliseconds; found ${env.WORKER_KILL_EVERY_MS}.`);
const missing = BUILT.filter((path) => !existsSync(path));
if (missing.length > 0) throw new Error(`The worker processes run the built packages: run \`pnpm build\` first (missing: ${missing.join(', ')}).`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (value, digits = 0) => (value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const percentile = (sorted, p) => (sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
const log = (text) => console.log(`  ${text}`);

// --- the requests: the catalog's cases that end in a verdict (as the multi-worker test files them) -------

const POOL = verdictCases(cases, mergeFixtures);
const sourceOf = (index) => POOL[index % POOL.length];
const protocolloOf = (index) => `INPS.7000.2026.${String(index + 1).padStart(6, '0')}`;

// --- the server -----------------------------------------------------------------------------------------

function serverUrl() {
  const given = env.SMART_TASK_BENCH_DATABASE_URL ?? env.SMART_TASK_TEST_DATABASE_URL;
  if (given) return given;
  const out = execFileSync('bash', [join(ROOT, 'scripts/postgres-for-tests.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = out.trim().split('\n').at(-1);
  if (!url?.startsWith('postgres')) throw new Error(`scripts/postgres-for-tests.sh printed no URL (last line: ${JSON.stringify(url)})`);
  return url;
}

// --- CPU accounting (Linux /proc): node workers, PostgreSQL, this process -----------------------------

const TICK_MS = (() => {
  try {
    return 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();
/** utime, stime, cutime, cstime of a process (ms), or undefined when it is gone or not readable. */
function procTimes(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map((value) => Number(value) * TICK_MS);
    return { self: utime + stime, children: cutime + cstime, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}
function machineBusy() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const numbers = values.map(Number);
  const idle = numbers[3] + (numbers[4] ?? 0);
  return { total: numbers.reduce((sum, value) => sum + value, 0) * TICK_MS, idle: idle * TICK_MS };
}
/** PostgreSQL's CPU so far: the postmaster, the backends it reaped, and the backends alive now. */
function postgresCpu(postmaster) {
  const own = procTimes(postmaster);
  if (!own) return undefined;
  let alive = 0;
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = procTimes(Number(entry));
    if (times?.ppid === postmaster) alive += times.self;
  }
  return own.self + own.children + alive;
}
function readdirSafe(path) {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
/**
 * PostgreSQL's CPU split by database: samples the backends of pg_stat_activity (`sample()`, on every
 * poll) and adds up what each used since it was last seen; backends alive at the start count from then.
 * A backend that ends between two samples loses what it used since the last one (≤ 250 ms).
 */
function backendMeter(client) {
  const seen = new Map();
  const totals = { mine: 0, others: 0 };
  let first = true;
  const sample = async () => {
    const rows = (await client.query('select pid, datname = current_database() as mine from pg_stat_activity where datname is not null')).rows;
    for (const row of rows) {
      const times = procTimes(row.pid);
      if (!times) continue;
      const last = seen.get(row.pid) ?? (first ? times.self : 0);
      totals[row.mine ? 'mine' : 'others'] += times.self - last;
      seen.set(row.pid, times.self);
    }
    first = false;
  };
  return { sample, totals };
}

/** Where the CPU of a phase goes: reads now, and `since()` says what was used since. */
function cpuMeter(postmaster) {
  const start = { machine: machineBusy(), postgres: postmaster && postgresCpu(postmaster), self: procTimes(process.pid), host: process.cpuUsage() };
  return () => {
    const machine = machineBusy();
    const self = procTimes(process.pid);
    const host = process.cpuUsage(start.host);
    const wall = machine.total - start.machine.total;
    return {
      busyMs: machine.total - machine.idle - (start.machine.total - start.machine.idle),
      busyShare: wall > 0 ? 1 - (machine.idle - start.machine.idle) / wall : undefined,
      workersMs: self && start.self ? self.children - start.self.children : undefined,
      postgresMs: postmaster && start.postgres !== undefined ? postgresCpu(postmaster) - start.postgres : undefined,
      hostMs: (host.user + host.system) / 1000,
    };
  };
}

// --- the worker processes (WorkerFleet of the test, in plain JS) --------------------------------------

class Fleet {
  kills = [];
  starts = [];
  processes = new Map();
  /** Workers that said they take jobs (and were not killed or stopped since). */
  ready = new Set();
  /** Kill ticks skipped because too few workers were taking jobs. */
  skippedKills = 0;
  output = [];
  constructor(workerEnv) {
    this.env = workerEnv;
  }

  /** Starts a worker; resolves with its ready time (performance.now()) once it takes jobs, or undefined when it was killed first. */
  start() {
    const began = performance.now();
    const child = fork(WORKER_SCRIPT, [], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const pid = child.pid;
    this.processes.set(pid, child);
    const keep = (chunk) => {
      this.output.push(`[${pid}] ${chunk}`);
      if (this.output.length > 200) this.output.splice(0, 100);
    };
    child.stderr.on('data', keep);
    child.stdout.on('data', keep);
    return new Promise((resolve, reject) => {
      child.once('message', () => {
        const ready = performance.now();
        this.starts.push({ pid, began, ready });
        if (this.processes.has(pid)) this.ready.add(pid);
        resolve(ready);
      });
      child.once('exit', (code, signal) => (signal === 'SIGKILL' || signal === 'SIGTERM' ? resolve(undefined) : reject(new Error(`a worker exited before it was ready (code ${code}):\n${this.log()}`))));
    });
  }

  get pids() {
    return [...this.processes.keys()];
  }

  killOne(pid) {
    const child = this.processes.get(pid);
    if (!child) return;
    child.kill('SIGKILL');
    this.kills.push({ pid, at: Date.now() });
    this.processes.delete(pid);
    this.ready.delete(pid);
  }

  /** Stops the workers still running with SIGTERM (SIGKILL after 10 s). */
  async stopAll() {
    await Promise.all(
      [...this.processes.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    this.processes.clear();
    this.ready.clear();
  }

  /** Ends every worker at once (on interruption). */
  killAll() {
    for (const child of this.processes.values()) child.kill('SIGKILL');
    this.processes.clear();
  }

  log() {
    return this.output.join('').slice(-4_000);
  }
}

// --- cleanup on interruption ------------------------------------------------------------------------------

const live = { fleet: undefined, database: undefined, admin: undefined, planDir: undefined };
async function interrupted(signal) {
  console.error(`\n${signal}: stopping the workers and dropping the database`);
  live.fleet?.killAll();
  if (live.database && live.admin) await live.admin.query(`DROP DATABASE IF EXISTS ${live.database} WITH (FORCE)`).catch(() => undefined);
  if (live.planDir) rmSync(live.planDir, { recursive: true, force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

// --- one phase --------------------------------------------------------------------------------------------

/** The phase's database: created empty, migrated, with the test tables. */
async function createDatabase(admin, serverAddress, phase) {
  const name = `smart_task_workers_bench_${process.pid}_${phase.replaceAll('-', '_')}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  live.database = name;
  const url = new URL(serverAddress);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** The host that files requests: protocolled, saved SUBMITTED, PROTOCOLLATA delivered, a job queued. */
function createHost(store, boss) {
  const refuse = () => Promise.reject(new Error('the host does not decide'));
  const engine = createEngine({ catalog: catalogDocuments, dataPort: { fetch: refuse }, actionPort: { perform: refuse }, plannedTasks: 'all' });
  const deliver = async (message) => void (await store.client.query('insert into test_deliveries (message_id, protocollo, kind, pid) values ($1, $2, $3, $4)', [message.id, message.protocollo, message.kind, process.pid]));
  let nextNumber;
  // submit calls nextProtocollo synchronously (before its first await): each filing takes the number set just before it.
  const nextProtocollo = () => {
    if (nextNumber === undefined) throw new Error('nextProtocollo was not called synchronously by submit');
    const protocollo = nextNumber;
    nextNumber = undefined;
    return protocollo;
  };
  const lifecycle = createRequestLifecycle({ engine, repository: store.repository, outbox: store.outbox, notifications: { send: deliver }, retryPolicy: RETRY_POLICY, nextProtocollo });
  return {
    /** Files request `index` (protocollo `protocolloOf(index)`); resolves when its job is queued. */
    file(index) {
      const source = sourceOf(index);
      nextNumber = protocolloOf(index);
      const filing = postgres.submitToWorkers(lifecycle, boss, { taskId: source.taskId, subject: source.subject, data: source.data, notifications: { channel: 'EMAIL', address: 'titolare@example.it' } });
      if (nextNumber !== undefined) throw new Error('submit did not take its protocollo synchronously');
      return filing;
    },
  };
}

/** Files requests 0…count-1, `concurrency` at a time. */
async function fileAll(host, count, concurrency) {
  let next = 0;
  const filer = async () => {
    while (next < count) await host.file(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, filer));
}

/** Files requests 0…count-1 at `rate` per second (each at its slot, at most 64 in flight); resolves with the achieved rate. */
async function fileAtRate(host, count, rate) {
  const began = performance.now();
  const inFlight = new Set();
  let late = 0;
  for (let index = 0; index < count; index += 1) {
    const slot = began + (index * 1000) / rate;
    const wait = slot - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -100) late += 1;
    while (inFlight.size >= 64) await Promise.race(inFlight);
    const filing = host.file(index).finally(() => inFlight.delete(filing));
    inFlight.add(filing);
  }
  await Promise.all(inFlight);
  const elapsed = performance.now() - began;
  return { rate: count / (elapsed / 1000), late };
}

const countMoving = async (client) => Number((await client.query(`select count(*)::int as n from smart_task_requests where state = any($1::text[])`, [MOVING])).rows[0].n);
const countPendingNotices = async (client) => Number((await client.query("select count(*)::int as n from smart_task_notification_outbox where status = 'PENDING'")).rows[0].n);

/**
 * Every KILL_MIN_MS–KILL_MAX_MS, while `running()`, kills a random worker among those taking jobs and
 * starts another. A worker takes 3–10 s to start here (longer than the kill interval), so a tick is
 * skipped while fewer than KILL_MIN_READY workers take jobs: otherwise the fleet would be starting,
 * not working, most of the time (WORKER_KILL_MIN_READY=1 kills whenever one is working).
 */
async function killLoop(fleet, starting, running) {
  while (running()) {
    await sleep(KILL_MIN_MS + Math.random() * (KILL_MAX_MS - KILL_MIN_MS));
    if (!running()) break;
    const pids = [...fleet.ready];
    if (pids.length === 0 || pids.length < KILL_MIN_READY) {
      fleet.skippedKills += 1;
      continue;
    }
    fleet.killOne(pids[Math.floor(Math.random() * pids.length)]);
    starting.push(fleet.start());
  }
}

async function runPhase(phase, context) {
  const [mode, workerText, killText] = phase.split('-');
  const workers = Number(workerText);
  const killing = killText === 'kill';
  const count = mode === 'drain' ? REQUESTS : STEADY_REQUESTS;
  const rate = killing ? STEADY_KILL_RATE : STEADY_RATE;
  const timeoutMs = PHASE_TIMEOUT_S(count) * 1000;
  console.log(
    `\n=== ${phase}: ${fmt(count)} requests, ${workers} worker process${workers > 1 ? 'es' : ''} × ${CONCURRENCY} jobs${killing ? `, one killed with SIGKILL every ${KILL_MIN_MS}–${KILL_MAX_MS} ms (when ≥ ${KILL_MIN_READY} take jobs) and restarted` : ''}${mode === 'steady' ? `, filed at ${rate}/s while they run` : ', all filed first'}`,
  );
  const phaseBegan = performance.now();
  const database = await createDatabase(context.admin, context.server, phase);
  const planDir = mkdtempSync(join(tmpdir(), 'smart-task-workers-bench-'));
  live.planDir = planDir;
  let store;
  let boss;
  let fleet;
  const result = { phase, mode, workers, killing, count };
  try {
    store = await postgres.openSmartTaskStore({ connectionString: database.url, max: FILE_CONCURRENCY + 4 });
    await store.client.exec(FLEET_TABLES);
    boss = await postgres.openJobQueue({ connectionString: database.url, max: Math.min(FILE_CONCURRENCY, 16) });
    await postgres.prepareSmartTaskQueues(boss);
    const host = createHost(store, boss);

    // What the workers answer for each request: its case's fixture and day.
    const plan = join(planDir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ requests: Array.from({ length: count }, (_, index) => ({ protocollo: protocolloOf(index), fixture: sourceOf(index).fixture, now: sourceOf(index).now })) }));
    fleet = new Fleet({ DATABASE_URL: database.url, WORKER_PLAN: plan, STALE_AFTER_MS: String(STALE_AFTER_MS), SWEEP_EVERY_SECONDS: String(SWEEP_EVERY_SECONDS), CONCURRENCY: String(CONCURRENCY), DATA_DELAY_MS });
    live.fleet = fleet;

    if (mode === 'drain') {
      const began = performance.now();
      await fileAll(host, count, FILE_CONCURRENCY);
      result.filingMs = performance.now() - began;
      result.filingRate = count / (result.filingMs / 1000);
      log(`filed ${fmt(count)} requests in ${seconds(result.filingMs)} (${fmt(result.filingRate)}/s, ${FILE_CONCURRENCY} at a time; plan ${fmt(readFileSync(plan).length / 2 ** 20, 1)} MB)`);
      await boss.stop({ graceful: false });
      boss = undefined;
    }

    const cpu = cpuMeter(context.postmaster);
    const backends = backendMeter(store.client);
    await backends.sample();
    const startedAt = performance.now();
    const starting = Array.from({ length: workers }, () => fleet.start());
    const firstReady = await Promise.race(starting);
    const readyTimes = await Promise.all(starting.slice(0, workers));
    result.startupMs = { first: firstReady - startedAt, last: Math.max(...readyTimes) - startedAt };
    const firstReadyEpoch = Date.now() - (performance.now() - firstReady);
    log(`workers ready after ${seconds(result.startupMs.first)} (first) – ${seconds(result.startupMs.last)} (last)`);

    let working = true;
    const killer = killing ? killLoop(fleet, starting, () => working) : Promise.resolve();
    let filing = Promise.resolve();
    if (mode === 'steady') filing = fileAtRate(host, count, rate).then((filed) => (result.filed = filed));
    const deadline = performance.now() + timeoutMs;
    let lastProgress = performance.now();
    let filingDone = mode === 'drain';
    void filing.then(() => (filingDone = true));
    let readySamples = 0;
    let readySum = 0;
    let othersActive = 0;
    for (;;) {
      readySamples += 1;
      readySum += fleet.ready.size;
      othersActive += Number((await store.client.query("select count(*)::int as n from pg_stat_activity where state = 'active' and datname is not null and datname <> current_database()")).rows[0].n);
      await backends.sample();
      const moving = await countMoving(store.client);
      if (filingDone && moving === 0) break;
      if (performance.now() > deadline) {
        result.timedOut = true;
        log(`TIMED OUT after ${seconds(timeoutMs)} with ${moving} requests still moving`);
        break;
      }
      if (performance.now() - lastProgress > 15_000) {
        log(`… ${fmt(moving)} requests moving after ${seconds(performance.now() - startedAt)}${killing ? `, ${fleet.kills.length} killed` : ''}`);
        lastProgress = performance.now();
      }
      await sleep(250);
    }
    await filing;
    const allFinalAt = performance.now();
    // The notices still in the outbox (a kill between a step and its delivery leaves them to the sweep).
    while ((await countPendingNotices(store.client)) > 0 && performance.now() < deadline + 30_000) await sleep(250);
    result.noticesDoneMs = performance.now() - startedAt;
    result.averageReady = readySum / Math.max(1, readySamples);
    result.othersActive = othersActive / Math.max(1, readySamples);
    working = false;
    await killer;
    await Promise.all(starting);
    await backends.sample();
    await fleet.stopAll();
    live.fleet = undefined;
    if (boss) {
      await boss.stop({ graceful: false });
      boss = undefined;
    }
    result.cpu = { ...cpu(), databaseMs: backends.totals.mine, otherDatabasesMs: backends.totals.others };
    result.wallMs = allFinalAt - startedAt;
    result.kills = fleet.kills.length;
    result.skippedKills = fleet.skippedKills;
    result.restarts = fleet.starts.length - workers;
    const restartTimes = fleet.starts
      .slice(workers)
      .map((start) => start.ready - start.began)
      .sort((a, b) => a - b);
    result.restartMs = { p50: percentile(restartTimes, 50), max: restartTimes.at(-1) };

    // The end of the drain: the last final step as stored (the poll only sees it up to 250 ms late).
    const lastFinal = Number((await store.client.query(`select (extract(epoch from max((body->>'updatedAt')::timestamptz)) * 1000)::float8 as at from smart_task_requests`)).rows[0].at);
    result.drainMs = lastFinal - firstReadyEpoch;
    result.throughput = count / (result.drainMs / 1000);
    Object.assign(result, await verify(store.client, fleet, count));
    result.queue = await queueFigures(store.client);
    report(result);
    return result;
  } catch (error) {
    fleet?.killAll();
    if (fleet) console.error(`worker output (last lines):\n${fleet.log()}`);
    throw error;
  } finally {
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await store?.close().catch(() => undefined);
    await context.admin.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    live.database = undefined;
    rmSync(planDir, { recursive: true, force: true });
    live.planDir = undefined;
    result.phaseMs = performance.now() - phaseBegan;
  }
}

// --- the checks -------------------------------------------------------------------------------------------

/** An engine deciding each request as the workers do without faults: its case's fixture, its case's day. */
function createExpectations() {
  const ports = POOL.map((source) => createInMemoryDataPort(source.fixture));
  const indexOf = (protocollo) => Number(protocollo.slice(-6)) - 1;
  const dataPort = { fetch: (fact, params, context) => ports[indexOf(context.requestId) % POOL.length].fetch(fact, params, context) };
  const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort: { perform: () => Promise.reject(new Error('not performed')) }, plannedTasks: 'all' });
  return async (protocollo, submittedAt) => {
    const source = sourceOf(indexOf(protocollo));
    const expected = await engine.decide(source.taskId, { requestId: protocollo, subject: source.subject, data: source.data, submittedAt }, { clock: { now: () => new Date(source.now) } });
    if (expected.kind !== 'decision') throw new Error(`case ${source.caseId} did not decide: ${expected.error.message}`);
    return { verdict: expected.verdict, operations: expected.plannedOperations.map((operation) => operation.idempotencyKey), caseVerdict: source.caseVerdict };
  };
}
const expectedOf = createExpectations();

async function verify(client, fleet, count) {
  const rows = (
    await client.query(`
      select protocollo, state, body->'outcome'->>'verdict' as verdict,
        (extract(epoch from (body->>'submittedAt')::timestamptz) * 1000)::float8 as submitted,
        (extract(epoch from (body->'outcome'->>'at')::timestamptz) * 1000)::float8 as decided,
        (extract(epoch from (body->>'updatedAt')::timestamptz) * 1000)::float8 as updated,
        body->>'submittedAt' as submitted_at,
        (body->>'attempts')::int as attempts, (body->>'operationAttempts')::int as operation_attempts,
        (select count(*) from jsonb_array_elements(body->'history') entry where entry->'event'->>'code' = 'ATTEMPT_INTERRUPTED')::int as interrupted,
        (select count(*) from jsonb_array_elements(body->'history') entry where entry->'event'->>'type' in ('RECORD_TECHNICAL_FAILURE', 'RECORD_OPERATION_FAILURE'))::int as failures
      from smart_task_requests`)
  ).rows;
  const checks = { stored: rows.length, notFinal: 0, wrongVerdict: 0, caseVerdictDiffers: 0, states: {}, interrupted: 0, failures: 0, retried: 0 };
  const planned = [];
  const samples = [];
  for (const row of rows) {
    checks.states[row.state] = (checks.states[row.state] ?? 0) + 1;
    const expected = await expectedOf(row.protocollo, row.submitted_at);
    if (expected.verdict !== expected.caseVerdict) checks.caseVerdictDiffers += 1;
    if (expected.verdict === 'ACCOLTA') planned.push(...expected.operations);
    if (!FINAL.includes(row.state)) checks.notFinal += 1;
    else if (row.verdict !== expected.verdict || row.state !== expected.verdict) {
      checks.wrongVerdict += 1;
      if (samples.length < 5) samples.push(`${row.protocollo}: ${row.state} (${row.verdict}), expected ${expected.verdict}`);
    }
    if (row.interrupted > 0) checks.interrupted += 1;
    checks.failures += row.failures;
    if (row.attempts > 1 || row.operation_attempts > 1) checks.retried += 1;
  }
  checks.notFinal += count - rows.length;
  checks.samples = samples;

  // Latency, from the stored requests: to the decision (outcome.at), to the final state (the last step).
  const finals = rows.filter((row) => FINAL.includes(row.state));
  checks.toDecision = finals.map((row) => row.decided - row.submitted).sort((a, b) => a - b);
  checks.toFinal = finals.map((row) => row.updated - row.submitted).sort((a, b) => a - b);
  checks.toFinalRecovered = finals
    .filter((row) => row.interrupted > 0)
    .map((row) => row.updated - row.submitted)
    .sort((a, b) => a - b);
  checks.toFinalUntouched = finals
    .filter((row) => row.failures === 0)
    .map((row) => row.updated - row.submitted)
    .sort((a, b) => a - b);

  // Each planned operation of an accepted request took effect once; nothing else did.
  const ledger = (await client.query('select idempotency_key from test_ledger')).rows.map((row) => row.idempotency_key);
  const plannedSet = new Set(planned);
  const ledgerSet = new Set(ledger);
  checks.planned = planned.length;
  checks.effects = ledger.length;
  checks.missingEffects = planned.filter((key) => !ledgerSet.has(key)).length;
  checks.extraEffects = ledger.filter((key) => !plannedSet.has(key)).length;
  checks.duplicatePlanned = planned.length - plannedSet.size;
  const calls = (await client.query('select count(*)::int as calls, count(distinct idempotency_key)::int as keys from test_perform_calls')).rows[0];
  checks.performCalls = calls.calls;
  checks.repeatedCalls = calls.calls - calls.keys;

  // No request held by two workers at once (a killed worker's holding ends when it was killed).
  const killedAt = new Map(fleet.kills.map((kill) => [kill.pid, kill.at]));
  const holdings = (await client.query('select protocollo, pid, acquired_at, released_at from test_holdings order by protocollo, acquired_at')).rows;
  let overlaps = 0;
  let previous;
  for (const holding of holdings) {
    const end = holding.released_at?.getTime() ?? killedAt.get(holding.pid) ?? Number.POSITIVE_INFINITY;
    if (previous?.protocollo === holding.protocollo && holding.acquired_at.getTime() < previous.end) overlaps += 1;
    previous = previous?.protocollo === holding.protocollo && previous.end > end ? previous : { protocollo: holding.protocollo, end, pid: holding.pid };
  }
  checks.holdings = holdings.length;
  checks.overlaps = overlaps;
  checks.holdingsPerRequest = holdings.length / Math.max(1, rows.length);

  // Every request's PROTOCOLLATA and ESITO_DISPONIBILE delivered; no message id twice.
  const deliveries = (await client.query('select message_id, protocollo, kind, pid, (extract(epoch from at) * 1000)::float8 as at from test_deliveries order by id')).rows;
  const kindsOf = new Map();
  const outcomeNoticeAt = new Map();
  for (const delivery of deliveries) {
    if (!kindsOf.has(delivery.protocollo)) kindsOf.set(delivery.protocollo, new Set());
    kindsOf.get(delivery.protocollo).add(delivery.kind);
    if (delivery.kind === 'ESITO_DISPONIBILE' && !(outcomeNoticeAt.get(delivery.protocollo) <= delivery.at)) outcomeNoticeAt.set(delivery.protocollo, delivery.at);
  }
  checks.deliveries = deliveries.length;
  // A notice delivered twice: was its first sender killed before the outbox recorded SENT (the lease of
  // 2 × noticeTimeoutMs = 10 s then runs out and another worker sends it again), or alive?
  const byMessage = new Map();
  for (const delivery of deliveries) byMessage.set(delivery.message_id, [...(byMessage.get(delivery.message_id) ?? []), delivery]);
  checks.twiceAfterKill = 0;
  checks.twiceSamples = [];
  for (const sent of byMessage.values()) {
    if (sent.length < 2) continue;
    const first = sent[0];
    const pid = first.pid;
    const kill = fleet.kills.find((candidate) => candidate.pid === pid);
    const killedSoonAfter = kill !== undefined && kill.at >= first.at - 50 && kill.at <= first.at + 10_000;
    if (killedSoonAfter) checks.twiceAfterKill += 1;
    if (checks.twiceSamples.length < 5) checks.twiceSamples.push(`${first.protocollo} ${first.kind} × ${sent.length}: first by pid ${pid}${kill ? `, killed ${fmt(kill.at - first.at)} ms after sending` : ' (not killed)'}`);
  }
  checks.noticesLost = Array.from({ length: count }, (_, index) => protocolloOf(index)).filter((protocollo) => !(kindsOf.get(protocollo)?.has('PROTOCOLLATA') && kindsOf.get(protocollo)?.has('ESITO_DISPONIBILE'))).length;
  checks.noticesTwice = deliveries.length - new Set(deliveries.map((delivery) => delivery.message_id)).size;
  checks.toNotice = finals
    .filter((row) => outcomeNoticeAt.has(row.protocollo))
    .map((row) => outcomeNoticeAt.get(row.protocollo) - row.submitted)
    .sort((a, b) => a - b);
  checks.outbox = Object.fromEntries((await client.query('select status, count(*)::int as n from smart_task_notification_outbox group by status')).rows.map((row) => [row.status, row.n]));
  return { checks };
}

/** pg-boss figures: request jobs per request, sweeps run and how long they took. */
async function queueFigures(client) {
  const jobs = (
    await client.query(
      `select name, state, count(*)::int as n, (avg(extract(epoch from completed_on - started_on)) * 1000)::float8 as avg_ms, (max(extract(epoch from completed_on - started_on)) * 1000)::float8 as max_ms from pgboss.job group by name, state`,
    )
  ).rows;
  const of = (name) => jobs.filter((row) => row.name === name);
  const total = (name) => of(name).reduce((sum, row) => sum + row.n, 0);
  const sweep = of(postgres.SMART_TASK_QUEUES.sweep).find((row) => row.state === 'completed');
  const requestCompleted = of(postgres.SMART_TASK_QUEUES.request).find((row) => row.state === 'completed');
  return {
    requestJobs: total(postgres.SMART_TASK_QUEUES.request),
    requestJobStates: Object.fromEntries(of(postgres.SMART_TASK_QUEUES.request).map((row) => [row.state, row.n])),
    requestJobAvgMs: requestCompleted && Number(requestCompleted.avg_ms),
    sweeps: total(postgres.SMART_TASK_QUEUES.sweep),
    sweepAvgMs: sweep && Number(sweep.avg_ms),
    sweepMaxMs: sweep && Number(sweep.max_ms),
  };
}

function report(result) {
  const { checks: c, queue: q, cpu } = result;
  log(
    `${result.timedOut ? 'stopped (timed out)' : 'all final'} after ${seconds(result.wallMs)} from the start of the workers; drain ${seconds(result.drainMs)} from the first worker ready to the last final step: ${fmt(result.throughput, 1)} requests/s${result.filed ? ` (filed at ${fmt(result.filed.rate, 1)}/s, ${result.filed.late} filings more than 100 ms late)` : ''}`,
  );
  log(`notices all delivered after ${seconds(result.noticesDoneMs)}; outbox ${JSON.stringify(c.outbox)}`);
  if (result.killing)
    log(
      `${result.kills} workers killed with SIGKILL (one every ${fmt(result.wallMs / Math.max(1, result.kills) / 1000, 1)} s; ${result.skippedKills} ticks skipped with fewer than ${KILL_MIN_READY} taking jobs), ${result.restarts} restarts got ready (${fmt(result.restartMs.p50 / 1000, 1)} s p50, ${fmt(result.restartMs.max / 1000, 1)} s longest from fork to ready); on average ${fmt(result.averageReady, 1)} of ${result.workers} workers were taking jobs`,
    );
  log(`states ${JSON.stringify(c.states)}; not final ${c.notFinal}; wrong verdict ${c.wrongVerdict}${c.samples.length ? ` (${c.samples.join('; ')})` : ''}; expected verdict differs from the case's own expect.verdict for ${c.caseVerdictDiffers}`);
  log(`ledger: ${fmt(c.effects)} effects for ${fmt(c.planned)} planned operations (missing ${c.missingEffects}, extra ${c.extraEffects}); ${fmt(c.performCalls)} perform calls, ${fmt(c.repeatedCalls)} repeated calls absorbed by idempotency`);
  log(`lock: ${fmt(c.holdings)} holdings (${fmt(c.holdingsPerRequest, 2)} per request), ${c.overlaps} overlapping; notices: ${fmt(c.deliveries)} deliveries, lost ${c.noticesLost}, delivered twice ${c.noticesTwice}`);
  if (c.noticesTwice > 0) log(`notices delivered twice: ${c.twiceAfterKill} of ${c.noticesTwice} by a worker killed after sending and before the outbox recorded SENT (${c.twiceSamples.join('; ')})`);
  log(`recovery: ${fmt(c.interrupted)} requests with an interrupted step recovered, ${fmt(c.failures)} technical failures recorded, ${fmt(c.retried)} requests needed more than one attempt`);
  log(
    `pg-boss: ${fmt(q.requestJobs)} request jobs (${fmt(q.requestJobs / result.count, 2)} per request; ${JSON.stringify(q.requestJobStates)}; completed ones ran ${fmt(q.requestJobAvgMs)} ms on average); ${fmt(q.sweeps)} sweeps, ${fmt(q.sweepAvgMs)} ms average, ${fmt(q.sweepMaxMs)} ms longest`,
  );
  if (result.mode === 'steady' && c.toFinalRecovered.length > 0) {
    log(
      `submit → final of the ${fmt(c.toFinalRecovered.length)} requests with a step interrupted by a kill: p50 ${fmt(percentile(c.toFinalRecovered, 50))} ms p99 ${fmt(percentile(c.toFinalRecovered, 99))} ms; of the ${fmt(c.toFinalUntouched.length)} without a failure: p50 ${fmt(percentile(c.toFinalUntouched, 50))} ms p99 ${fmt(percentile(c.toFinalUntouched, 99))} ms`,
    );
  }
  if (result.mode === 'steady')
    log(
      `submit → decision p50 ${fmt(percentile(c.toDecision, 50))} ms p99 ${fmt(percentile(c.toDecision, 99))} ms; → final p50 ${fmt(percentile(c.toFinal, 50))} ms p99 ${fmt(percentile(c.toFinal, 99))} ms; → outcome notice delivered p50 ${fmt(percentile(c.toNotice, 50))} ms p99 ${fmt(percentile(c.toNotice, 99))} ms`,
    );
  const wallS = result.wallMs / 1000;
  const others = cpu.busyMs - cpu.workersMs - (cpu.postgresMs ?? 0) - cpu.hostMs;
  log(
    `CPU over ${seconds(result.wallMs)} on ${context.cores} cores: machine busy ${fmt((cpu.busyShare ?? NaN) * 100)}%; worker processes ${fmt(cpu.workersMs / 1000, 1)} s (${fmt(cpu.workersMs / 10 / wallS)}% of one core), PostgreSQL ${cpu.postgresMs === undefined ? '— (not local)' : `${fmt(cpu.postgresMs / 1000, 1)} s (${fmt(cpu.postgresMs / 10 / wallS)}%; backends of this database ${fmt(cpu.databaseMs / 1000, 1)} s, of others ${fmt(cpu.otherDatabasesMs / 1000, 1)} s)`}, this process ${fmt(cpu.hostMs / 1000, 1)} s, everything else ${fmt(others / 1000, 1)} s; CPU per request: workers ${fmt(cpu.workersMs / result.count, 1)} ms, PostgreSQL (this database) ${fmt(cpu.databaseMs / result.count, 1)} ms`,
  );
  result.shared = result.othersActive > 0.05 || others > 0.1 * cpu.busyMs || cpu.otherDatabasesMs > 0.1 * cpu.busyMs;
  if (result.shared) {
    log(`WARNING: the machine was shared (${fmt(result.othersActive, 2)} queries active on other databases on average, their backends ${fmt(cpu.otherDatabasesMs / 1000, 1)} s, other processes ${fmt(others / 1000, 1)} s of CPU): figures are noisy`);
  }
}

const failed = (result) => {
  const c = result.checks;
  // A notice sent twice by a worker killed between the gateway's acceptance and the outbox's SENT is the
  // outbox's at-least-once delivery (reported, same message id); any other repeat is a failure.
  return result.timedOut || c.notFinal > 0 || c.wrongVerdict > 0 || c.missingEffects > 0 || c.extraEffects > 0 || c.overlaps > 0 || c.noticesLost > 0 || c.noticesTwice > 0;
};

function table(results) {
  const columns = [
    ['phase', (r) => r.phase],
    ['requests', (r) => fmt(r.count)],
    ['filed/s', (r) => (r.filingRate ? fmt(r.filingRate) : `${fmt(r.filed?.rate, 1)}*`)],
    ['kills', (r) => String(r.kills)],
    ['ready avg', (r) => fmt(r.averageReady, 1)],
    ['drain s', (r) => (r.mode === 'drain' ? fmt(r.drainMs / 1000, 1) : '')],
    ['req/s', (r) => (r.mode === 'drain' ? fmt(r.throughput, 1) : '')],
    ['final p50/p99 ms', (r) => (r.mode === 'steady' ? `${fmt(percentile(r.checks.toFinal, 50))}/${fmt(percentile(r.checks.toFinal, 99))}` : '')],
    ['decision p50/p99', (r) => (r.mode === 'steady' ? `${fmt(percentile(r.checks.toDecision, 50))}/${fmt(percentile(r.checks.toDecision, 99))}` : '')],
    ['notice p50/p99', (r) => (r.mode === 'steady' ? `${fmt(percentile(r.checks.toNotice, 50))}/${fmt(percentile(r.checks.toNotice, 99))}` : '')],
    ['not final', (r) => String(r.checks.notFinal)],
    ['wrong', (r) => String(r.checks.wrongVerdict)],
    ['effects/planned', (r) => `${r.checks.effects}/${r.checks.planned}`],
    ['ops lost', (r) => String(r.checks.missingEffects)],
    ['ops dup', (r) => String(r.checks.extraEffects)],
    ['repeat calls', (r) => String(r.checks.repeatedCalls)],
    ['overlaps', (r) => String(r.checks.overlaps)],
    ['notice lost', (r) => String(r.checks.noticesLost)],
    ['notice 2x', (r) => `${r.checks.noticesTwice}${r.checks.noticesTwice > 0 ? ` (${r.checks.twiceAfterKill} kill)` : ''}`],
    ['recovered', (r) => String(r.checks.interrupted)],
    ['phase s', (r) => fmt(r.phaseMs / 1000)],
    ['', (r) => `${failed(r) ? 'FAIL' : 'ok'}${r.shared ? ' (machine shared)' : ''}`],
  ];
  const cells = results.map((result) => columns.map(([, cell]) => cell(result)));
  const widths = columns.map(([title], index) => Math.max(title.length, ...cells.map((row) => row[index].length)));
  const line = (row) => row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
  console.log(line(columns.map(([title]) => title)));
  for (const row of cells) console.log(line(row));
}

// --- main ---------------------------------------------------------------------------------------------------

const benchBegan = performance.now();
const server = serverUrl();
const admin = postgres.openPgPool(server, 1);
live.admin = admin;
const backend = (await admin.query('select pg_backend_pid() as pid, version() as version')).rows[0];
const postmaster = procTimes(backend.pid)?.ppid;
const context = { admin, server, postmaster: postmaster && procTimes(postmaster) ? postmaster : undefined, cores: Number(execSync('nproc', { encoding: 'utf8' }).trim()) };
const settings = (await admin.query("select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name) as s from pg_settings where name in ('max_connections', 'shared_buffers', 'synchronous_commit', 'fsync')")).rows[0].s;
console.log(
  `Workers on PostgreSQL: ${fmt(REQUESTS)} requests (steady phases ${fmt(STEADY_REQUESTS)} at ${STEADY_RATE}/s) from ${POOL.length} catalog cases (${POOL.filter((source) => source.caseVerdict === 'ACCOLTA').length} accepted, ${POOL.filter((source) => source.caseVerdict === 'NON_ACCOLTA').length} rejected); worker process ${WORKER_SCRIPT.slice(ROOT.length)}, CONCURRENCY ${CONCURRENCY}, DATA_DELAY_MS ${DATA_DELAY_MS}, STALE_AFTER_MS ${STALE_AFTER_MS}, SWEEP_EVERY_SECONDS ${SWEEP_EVERY_SECONDS}; retry policy ${JSON.stringify(RETRY_POLICY)}.`,
);
console.log(`${backend.version.split(',')[0]} at ${new URL(server).host} (${settings}); Node ${process.version}, ${context.cores} cores.`);

const results = [];
try {
  for (const phase of ALL_PHASES.filter((name) => PHASES.includes(name))) results.push(await runPhase(phase, context));
} finally {
  await admin.close();
}

console.log(`\n=== Report (${fmt(REQUESTS)} requests; steady phases ${fmt(STEADY_REQUESTS)} at ${STEADY_RATE}/s${STEADY_KILL_RATE !== STEADY_RATE ? ` (with kills ${STEADY_KILL_RATE}/s)` : ''}; total ${seconds(performance.now() - benchBegan)})`);
table(results);
console.log('req/s: requests ÷ (last final step − first worker ready), all requests filed first. * filing rate achieved while the workers run (steady phases). ready avg: workers taking jobs, on average over the phase.');
console.log(
  'final / decision / notice: ms from submittedAt to the final step, to outcome.at, to the ESITO_DISPONIBILE delivery. ops lost / ops dup: planned operations missing from / effects beyond the idempotency ledger; repeat calls: perform calls on a key already there (absorbed by idempotency); recovered: requests with a step interrupted by a kill. notice 2x: same message id delivered again (a failure); (n kill): of those, the first sender was killed after the gateway took it and before the outbox recorded SENT.',
);
if (results.some(failed)) {
  console.log('FAILED: a correctness check did not hold (see above).');
  process.exitCode = 1;
}
