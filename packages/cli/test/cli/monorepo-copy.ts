import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { REPO_ROOT } from './cli-harness.js';

const skipBuildOutput = (source: string) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source);

/**
 * A fresh temporary directory for every test of the enclosing `describe`, removed after each test;
 * with `withCatalog`, it holds copies of packages/schemas and packages/rules in the repository's own
 * layout (`packages/schemas/tasks`, `packages/rules/tasks`), so commands run as from the repository root.
 */
export function useTempRoot(options: { readonly withCatalog: boolean }): { readonly dir: string } {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-task-root-'));
    if (options.withCatalog) {
      for (const name of ['schemas', 'rules']) cpSync(join(REPO_ROOT, 'packages', name), join(dir, 'packages', name), { recursive: true, filter: skipBuildOutput });
    }
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      if (!dir) throw new Error('useTempRoot() is only usable inside a test');
      return dir;
    },
  };
}
