import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const CORE = new URL('../../', import.meta.url);
/** Core's npm dependencies, which Node resolves from packages/core/node_modules; the workspace ones are bundled from their sources. */
const NPM_DEPENDENCIES = Object.keys((JSON.parse(readFileSync(new URL('package.json', CORE), 'utf8')) as { dependencies: Record<string, string> }).dependencies).filter((name) => !name.startsWith('@smart-task/'));

/** Thread modules written for a test, in a temporary directory. */
export interface ThreadScripts {
  /** The replay thread built from the sources (the tests run on sources; the build has dist/replay-thread.js). */
  readonly replayThread: URL;
  /** The thread running cases, built from the sources (the build has dist/case-thread.js). */
  readonly caseThread: URL;
  /** A module written as is, e.g. a thread that crashes. */
  write(name: string, code: string): URL;
  remove(): void;
}

/**
 * Bundles src/node/replay-thread.ts and src/node/case-thread.ts, each into one ES module — core's and
 * @smart-task/schemas' sources as the tests see them, the npm dependencies left to Node — so that a
 * worker thread can run them.
 */
export async function threadScripts(): Promise<ThreadScripts> {
  // Under packages/core/node_modules (as Vite's own cache), so that Node finds the dependencies left out of the bundle.
  const cache = join(new URL('node_modules/.cache', CORE).pathname);
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'smart-task-threads-'));
  await build({
    entryPoints: ['replay-thread', 'case-thread'].map((name) => new URL(`src/node/${name}.ts`, CORE).pathname),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NPM_DEPENDENCIES.flatMap((name) => [name, `${name}/*`]),
    alias: { '#pattern-check': new URL('src/pattern-check.ts', CORE).pathname, '#meta-validators': new URL('src/meta-validators.ts', CORE).pathname, '@smart-task/schemas': new URL('../schemas/src/index.ts', CORE).pathname },
    logLevel: 'silent',
  });
  return {
    replayThread: pathToFileURL(join(dir, 'replay-thread.mjs')),
    caseThread: pathToFileURL(join(dir, 'case-thread.mjs')),
    write(name, code) {
      const path = join(dir, name);
      writeFileSync(path, code);
      return pathToFileURL(path);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
