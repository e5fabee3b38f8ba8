import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { LooseJson } from '../../../core/test/support/loose-json.js';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Standard output joined with newlines. */
  readonly out: string;
}

/** Runs the CLI in-process with captured output. */
export async function cli(args: readonly string[], cwd = REPO_ROOT): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), cwd });
  return { code, stdout, stderr, out: stdout.join('\n') };
}

const skipBuildOutput = (source: string) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source);

/** A temporary copy of the catalog that a test may change. */
export interface CatalogCopy {
  readonly dir: string;
  path(relative: string): string;
  edit(relative: string, change: (text: string) => string): void;
  editJson(relative: string, change: (json: LooseJson) => void): void;
  write(relative: string, content: unknown): string;
  remove(): void;
}

/** A temporary directory with copies of packages/schemas (as `schemas`) and packages/rules (as `rules`). */
export function copyCatalog(): CatalogCopy {
  const dir = mkdtempSync(join(tmpdir(), 'smart-task-cli-'));
  cpSync(join(REPO_ROOT, 'packages/schemas'), join(dir, 'schemas'), { recursive: true, filter: skipBuildOutput });
  cpSync(join(REPO_ROOT, 'packages/rules'), join(dir, 'rules'), { recursive: true, filter: skipBuildOutput });
  const path = (relative: string) => join(dir, relative);
  return {
    dir,
    path,
    edit(relative, change) {
      writeFileSync(path(relative), change(readFileSync(path(relative), 'utf8')));
    },
    editJson(relative, change) {
      const json = JSON.parse(readFileSync(path(relative), 'utf8'));
      change(json);
      writeFileSync(path(relative), `${JSON.stringify(json, null, 2)}\n`);
    },
    write(relative, content) {
      writeFileSync(path(relative), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path(relative);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The revoca-delega-intermediario cases file of the repository (base subject, fixture and clock). */
export function revocaCases(): { now: string; subject: Record<string, string>; fixture: { facts: Record<string, unknown[]> } } {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'packages/rules/tasks/revoca-delega-intermediario.cases.json'), 'utf8'));
}

/** A fresh copy of the catalog for every test of the enclosing `describe`, removed after each test. */
export function useCatalogCopy(): CatalogCopy {
  let current: CatalogCopy | undefined;
  beforeEach(() => {
    current = copyCatalog();
  });
  afterEach(() => current?.remove());
  const copy = (): CatalogCopy => {
    if (!current) throw new Error('useCatalogCopy() is only usable inside a test');
    return current;
  };
  return {
    get dir() {
      return copy().dir;
    },
    path: (relative) => copy().path(relative),
    edit: (relative, change) => copy().edit(relative, change),
    editJson: (relative, change) => copy().editJson(relative, change),
    write: (relative, content) => copy().write(relative, content),
    remove: () => copy().remove(),
  };
}
