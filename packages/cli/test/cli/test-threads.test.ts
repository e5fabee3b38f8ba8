import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyCatalog, REPO_ROOT, type CatalogCopy } from './cli-harness.js';

/**
 * `smart-task test --threads`: worker threads run the built module (dist/case-thread.js), and the other
 * CLI tests run on the sources, so these run the built CLI in a child process — its standard output,
 * standard error and exit code, byte for byte — built first when it is missing (as dist.test.ts does).
 */
const BIN = join(REPO_ROOT, 'packages/cli/bin/smart-task.js');
const CATALOG = ['packages/schemas', 'packages/rules'];
const REVOCA = 'revoca-delega-intermediario';
/** A busy two-core machine runs the whole catalog in seconds, not milliseconds; two runs per test. */
const TIMEOUT = 240_000;

interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function smartTask(args: readonly string[], { cwd = REPO_ROOT, nodeOptions = [] as readonly string[] } = {}): Promise<ProcessRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeOptions, BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

/** The run with `--threads 1` and with `--threads 2`, one after the other (two cores, and another test file beside). */
async function oneAndTwoThreads(args: readonly string[], cwd?: string): Promise<[ProcessRun, ProcessRun]> {
  const one = await smartTask([...args, '--threads', '1'], { ...(cwd && { cwd }) });
  const two = await smartTask([...args, '--threads', '2'], { ...(cwd && { cwd }) });
  return [one, two];
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'packages/core/dist/case-thread.js')) || !existsSync(join(REPO_ROOT, 'packages/cli/dist/cli.js'))) execFileSync('pnpm', ['build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}, 180_000);

describe('smart-task test --threads 2 on the catalog of the repository', () => {
  it.each(['text', 'json', 'junit', 'github'])('prints with --reporter %s and --coverage what --threads 1 prints, and exits the same', { timeout: TIMEOUT }, async (reporter) => {
    const [one, two] = await oneAndTwoThreads(['test', ...CATALOG, '--coverage', '--reporter', reporter]);
    expect(one.code).toBe(0);
    expect(`${one.stdout}${one.stderr}`).toMatch(/\d+ passed, 0 failed\n$/);
    expect(two).toEqual(one);
  });

  it('passes --evaluator and --now on to the threads', { timeout: TIMEOUT }, async () => {
    const [one, two] = await oneAndTwoThreads(['test', ...CATALOG, '--evaluator', 'json-rules-engine', '--now', '2026-03-10T09:00:00+01:00', '--reporter', 'json']);
    expect(JSON.parse(one.stdout).failed).toBe(0);
    expect(two).toEqual(one);
  });
});

describe('smart-task test --threads 2 on a catalog with a failing case', () => {
  let copy: CatalogCopy;
  beforeAll(() => {
    copy = copyCatalog();
    copy.editJson(`rules/tasks/${REVOCA}.cases.json`, (json) => {
      json.cases[0].expect.verdict = 'NON_ACCOLTA';
    });
  });
  afterAll(() => copy?.remove());

  it.each(['text', 'junit'])('reports it with --reporter %s as --threads 1 does, and exits 1', { timeout: TIMEOUT }, async (reporter) => {
    const [one, two] = await oneAndTwoThreads(['test', 'schemas', 'rules', '--reporter', reporter], copy.dir);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`${REVOCA}/azienda-revoca-delega-attiva`);
    expect(two).toEqual(one);
  });
});

describe('smart-task test with a thread that fails', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-task-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with the thread error on standard error and reports nothing', { timeout: TIMEOUT }, async () => {
    // A module every thread of the process loads first (--import is passed on to the worker threads): each worker thread throws on its first batch.
    const crash = join(dir, 'crash-in-thread.mjs');
    writeFileSync(crash, "import { isMainThread, parentPort } from 'node:worker_threads';\nif (!isMainThread) parentPort.once('message', () => {\n  throw new Error('simulated crash');\n});\n");
    const run = await smartTask(['test', ...CATALOG, '--threads', '2'], { nodeOptions: ['--import', crash] });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'smart-task: test thread 2 of 2 failed: simulated crash. No case result was kept: fix the cause and run the cases again.\n',
    });
  });
});

describe('smart-task test --threads', () => {
  it('refuses a number below 1 (exit 2)', async () => {
    const run = await cli(['test', ...CATALOG, '--threads', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual(['smart-task: --threads "0" is not a whole number of at least 1: write e.g. --threads 1.']);
  });
});
