import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortFixture } from '@smart-task/schemas';
import { cases } from '@smart-task/rules/cases';
import { mergeFixtures } from '@smart-task/core/testing';
import { verdictCases, type CaseRequest } from './fleet-cases.mjs';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker-process.mjs', import.meta.url));
const BUILT = ['../../dist/index.js', '../../../core/dist/index.js', '../../../rules/dist/index.js'].map((path) => fileURLToPath(new URL(path, import.meta.url)));

/** The worker processes run the built packages, as a host's would: `pnpm test` builds them first. */
export function assertBuilt(): void {
  const missing = BUILT.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`The worker processes run the built packages; build them first with \`pnpm build\` (missing: ${missing.join(', ')}).`);
}

export type { CaseRequest };

/** The catalog's cases that end in a verdict (accepted and rejected), repeated until there are `count`. */
export function caseRequests(count: number): CaseRequest[] {
  const pool = verdictCases(cases, mergeFixtures);
  return Array.from({ length: count }, (_, index) => pool[index % pool.length] as CaseRequest);
}

/** Writes what the worker processes need to answer for each request (its fixture, its day). */
export function writePlan(requests: readonly { protocollo: string; fixture: PortFixture; now: string }[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'smart-task-workers-')), 'plan.json');
  writeFileSync(path, JSON.stringify({ requests }));
  return path;
}

/** A pool of worker processes that can be killed with SIGKILL and restarted. */
export class WorkerFleet {
  readonly kills: { pid: number; at: number }[] = [];
  private readonly processes = new Map<number, ChildProcess>();
  private readonly output: string[] = [];
  constructor(private readonly env: Record<string, string>) {}

  /** Starts a worker; resolves once it takes jobs (or once it is killed while starting). */
  async start(): Promise<number> {
    const child = fork(WORKER_SCRIPT, [], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const pid = child.pid as number;
    this.processes.set(pid, child);
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => (signal === 'SIGKILL' || signal === 'SIGTERM' ? resolve() : reject(new Error(`a worker exited before it was ready (code ${code}):\n${this.output.join('').slice(-3_000)}`))));
    });
    return pid;
  }

  get pids(): number[] {
    return [...this.processes.keys()];
  }

  /** Kills one worker at once, as a lost machine would, and notes when. */
  killOne(pid: number): void {
    const child = this.processes.get(pid);
    if (!child) return;
    child.kill('SIGKILL');
    this.kills.push({ pid, at: Date.now() });
    this.processes.delete(pid);
  }

  /** Stops the workers still running, gracefully. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    this.processes.clear();
  }

  /** What the workers printed (for a failure's message). */
  log(): string {
    return this.output.join('').slice(-5_000);
  }
}
