// pnpm packages:check — what a host gets when it installs the packages, checked on the tarballs
// `pnpm pack` makes (run after `pnpm build`):
//   - publint on every package: fields, exports and files as npm and bundlers read them;
//   - attw (Are the Types Wrong?) on every package with importable entries: each entry's types resolve
//     under node10, node16 (CJS and ESM) and bundler resolution, and match the JavaScript they describe;
//   - the browser bundle of the quick start (createEngine, the two views, the in-memory ports; no
//     catalog data) stays within BROWSER_BUDGET_GZIP_BYTES, minified and gzipped by esbuild + zlib, and
//     holds none of the backtracking analyser's packages (ANALYSER_PACKAGES): esbuild resolves
//     @smart-task/core's `#pattern-check` under the `browser` condition, as a host's bundler does.
// Prints the figures; exits 1 when a check fails. Reaches no network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * The quick start's browser bundle, minified and gzipped, may not grow past this: 135 KB, the size
 * measured (121 KB gzipped, 423 KB minified) with about 10% of room. It was 360 KB gzipped (1,564 KB
 * minified) while the catalog loader's exponential-backtracking check (SLOW_PATTERN, through scslre)
 * brought refa (986 KB), regexpp (109 KB) and regexp-ast-analysis (32 KB) into every bundle. The loader
 * now reaches that check through `#pattern-check`, whose `browser` condition selects a variant that
 * checks validity only; {@link ANALYSER_PACKAGES} keeps the analyser out.
 */
const BROWSER_BUDGET_GZIP_BYTES = 135 * 1024;
/** The backtracking analyser's packages, which the browser bundle may not contain: only Node and the toolchain refuse SLOW_PATTERN. */
const ANALYSER_PACKAGES = ['refa', 'scslre', '@eslint-community/regexpp', 'regexp-ast-analysis'];
const PACKAGES = ['schemas', 'rules', 'core', 'cli', 'postgres'];
/** Packages whose only interface is a command: attw has no entry to check. */
const BIN_ONLY = new Set(['cli']);

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const failures = [];
const work = mkdtempSync(join(tmpdir(), 'smart-task-packs-'));

function run(command, args, options = {}) {
  try {
    return { ok: true, output: execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

try {
  for (const name of PACKAGES) {
    const dir = join(ROOT, 'packages', name);
    const before = new Set(readdirSync(work));
    execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: dir, stdio: 'ignore' });
    const tarball = join(
      work,
      readdirSync(work).find((file) => !before.has(file)),
    );
    const kb = (readFileSync(tarball).length / 1024).toFixed(0);

    const publint = run(bin('publint'), ['run', tarball, '--strict']);
    const publintLine = publint.output
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trim()
      .split('\n')
      .filter((line) => line && !/^(Running publint|Unpacking tarball|Linting\.\.\.|All good)/.test(line));
    if (!publint.ok) failures.push(`publint @smart-task/${name}`);
    console.log(`@smart-task/${name} (${kb} KB packed) publint: ${publint.ok ? 'clean' : 'FAILED'}${publintLine.length > 0 ? `\n  ${publintLine.join('\n  ')}` : ''}`);

    if (BIN_ONLY.has(name)) continue;
    const attw = run(bin('attw'), [tarball, '--format', 'ascii']);
    if (!attw.ok) failures.push(`attw @smart-task/${name}`);
    console.log(`@smart-task/${name} attw: ${attw.ok ? 'clean (node10, node16 CJS and ESM, bundler)' : `FAILED\n${attw.output.replace(/^/gm, '  ').trimEnd()}`}`);
  }

  // The quick start in a browser: its imports, bundled as a host's bundler would, without the catalog.
  const entry = join(work, 'quickstart-browser.mjs');
  writeFileSync(entry, `export { createEngine, toContributorView, toOperatorView } from '@smart-task/core';\nexport { createInMemoryActionPort, createInMemoryDataPort } from '@smart-task/core/testing';\n`);
  const bundled = await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'browser', format: 'esm', write: false, metafile: true, nodePaths: [join(ROOT, 'node_modules')], absWorkingDir: ROOT, logLevel: 'silent' });
  const code = bundled.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(bundled.metafile.outputs[Object.keys(bundled.metafile.outputs)[0]].inputs)) {
    const match = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input) ?? /packages\/([^/]+)\//.exec(input);
    const owner = match ? (match[0].startsWith('packages/') ? `@smart-task/${match[1]}` : match[1]) : input;
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  const largest = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KB`);
  const within = gzip <= BROWSER_BUDGET_GZIP_BYTES;
  if (!within) failures.push('browser bundle budget');
  const analyser = ANALYSER_PACKAGES.filter((name) => byPackage.has(name));
  if (analyser.length > 0) failures.push(`browser bundle holds ${analyser.join(', ')}`);
  console.log(
    `quick start browser bundle: ${(code.length / 1024).toFixed(0)} KB minified, ${(gzip / 1024).toFixed(0)} KB gzipped (${gzip} bytes; budget ${BROWSER_BUDGET_GZIP_BYTES / 1024} KB): ${within ? 'within' : 'OVER BUDGET'}\n  largest parts (minified): ${largest.join(', ')}\n  backtracking analyser (${ANALYSER_PACKAGES.join(', ')}): ${analyser.length === 0 ? 'absent' : `PRESENT (${analyser.join(', ')}): the browser build must select #pattern-check's browser variant`}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`FAILED: ${failures.join('; ')}`);
  process.exitCode = 1;
}
