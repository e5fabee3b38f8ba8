import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_SCHEMA_IDS } from '@smart-task/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainFormats } from '../src/index.js';
import { recordEveryCase, repositoryCatalog, toJsonLines } from './audit/audit-support.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A host application's script: uses only the published entry points, resolved through the exports maps. */
const HOST_SCRIPT = (load: string) => `
${load}
const dataPort = testing.createInMemoryDataPort({ facts: {
  abilitazioni: [{ result: [{ titolo: 'RAPPRESENTANTE_LEGALE', stato: 'ATTIVA', dataInizio: '2015-03-01' }] }],
  posizioneContributiva: [{ result: { matricola: '1234567860', cfSoggetto: '12345670488', gestione: 'DM', stato: 1, dataStato: '2015-03-01', dataInizio: '2015-03-01' } }],
  delega: [{ result: null }],
  richiesteAperte: [{ result: [] }],
} });
const engine = core.createEngine({ catalog: rules.catalogDocuments, dataPort, actionPort: testing.createInMemoryActionPort(), clock: { now: () => new Date('2026-03-10T09:00:00Z') } });
engine.evaluate('revoca-delega-intermediario', {
  requestId: 'DIST-1',
  subject: { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' },
  data: { delegaId: 'DEL-404', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' },
}).then((result) => console.log(JSON.stringify({
  kind: result.kind, verdict: result.verdict, reasons: result.reasons.map((reason) => reason.code),
  node: typeof nodeEntry.loadCatalogFromDirectories, subpaths: [lifecycle.createRequestLifecycle, audit.toAuditRecord, toolchain.lintCatalog].map((value) => typeof value), formats: Object.keys(core.domainFormats).length, meta: Object.keys(schemas.META_SCHEMA_IDS).length,
  cases: rulesCases.caseDocuments.length, casesInRuntimeCatalog: rules.catalogDocuments.filter((document) => document.file.endsWith('.cases.json')).length,
})));
`;

const ESM = HOST_SCRIPT(`
const core = await import('@smart-task/core');
const nodeEntry = await import('@smart-task/core/node');
const [lifecycle, audit, testing, toolchain] = await Promise.all(['lifecycle', 'audit', 'testing', 'toolchain'].map((entry) => import('@smart-task/core/' + entry)));
const rules = await import('@smart-task/rules');
const rulesCases = await import('@smart-task/rules/cases');
const schemas = await import('@smart-task/schemas');`);

const CJS = HOST_SCRIPT(`
const core = require('@smart-task/core');
const nodeEntry = require('@smart-task/core/node');
const [lifecycle, audit, testing, toolchain] = ['lifecycle', 'audit', 'testing', 'toolchain'].map((entry) => require('@smart-task/core/' + entry));
const rules = require('@smart-task/rules');
const rulesCases = require('@smart-task/rules/cases');
const schemas = require('@smart-task/schemas');`);

const EXPECTED = {
  kind: 'decision',
  verdict: 'NON_ACCOLTA',
  reasons: ['NA-DELEGA-NON-ATTIVA'],
  node: 'function',
  subpaths: ['function', 'function', 'function'],
  formats: Object.keys(domainFormats).length,
  meta: Object.keys(META_SCHEMA_IDS).length,
  cases: 17,
  casesInRuntimeCatalog: 0,
};

/** Loads the catalog with one request schema's pattern replaced, through the built packages; prints the issue codes for each pattern. */
const PATTERN_SCRIPT = (load: string) => `
${load}
const SCHEMA = 'schemas/tasks/revoca-delega-intermediario.schema.json';
const codesFor = (pattern) => {
  const documents = rules.catalogDocuments.map((document) => {
    if (document.file !== SCHEMA) return document;
    const content = structuredClone(document.content);
    content.properties.motivo.pattern = pattern;
    return { file: document.file, content };
  });
  return core.loadCatalog(documents).issues.map((issue) => issue.code);
};
console.log(JSON.stringify({ exponential: codesFor('^(a+)+$'), invalid: codesFor('^(a+$') }));
`;
const PATTERN_ESM = PATTERN_SCRIPT(`const core = await import('@smart-task/core');\nconst rules = await import('@smart-task/rules');`);
const PATTERN_CJS = PATTERN_SCRIPT(`const core = require('@smart-task/core');\nconst rules = require('@smart-task/rules');`);

describe('the built packages', () => {
  beforeAll(() => {
    if (!existsSync(`${root}/packages/core/dist/index.cjs`) || !existsSync(`${root}/packages/cli/dist/cli.js`)) execFileSync('pnpm', ['build'], { cwd: root, stdio: 'ignore' });
  }, 180_000);

  it('work when imported from ESM', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', ESM], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(EXPECTED);
  });

  it('work when required from CommonJS', () => {
    const output = execFileSync(process.execPath, ['--input-type=commonjs', '-e', CJS], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(EXPECTED);
  });

  it("refuse an exponentially backtracking pattern (SLOW_PATTERN) in Node, through #pattern-check's default variant, from ESM and CommonJS", () => {
    for (const [type, script] of [
      ['module', PATTERN_ESM],
      ['commonjs', PATTERN_CJS],
    ] as const) {
      const output = execFileSync(process.execPath, [`--input-type=${type}`, '-e', script], { cwd: root, encoding: 'utf8' });
      expect(JSON.parse(output), type).toEqual({ exponential: ['SLOW_PATTERN'], invalid: ['INVALID_PATTERN'] });
    }
  });

  it("check only the validity of a pattern under the browser condition (#pattern-check's browser variant), from ESM and CommonJS", () => {
    for (const [type, script] of [
      ['module', PATTERN_ESM],
      ['commonjs', PATTERN_CJS],
    ] as const) {
      const output = execFileSync(process.execPath, ['--conditions=browser', `--input-type=${type}`, '-e', script], { cwd: root, encoding: 'utf8' });
      expect(JSON.parse(output), type).toEqual({ exponential: [], invalid: ['INVALID_PATTERN'] });
    }
  });

  it('recognise a PortError made by the CommonJS build in an engine of the ESM build', () => {
    const script = `
import { createRequire } from 'node:module';
const core = await import('@smart-task/core');
const cjs = createRequire(process.cwd() + '/package.json')('@smart-task/core');
const testing = await import('@smart-task/core/testing');
const rules = await import('@smart-task/rules');
const error = new cjs.PortError('down', 'UNAVAILABLE', false);
const dataPort = { fetch: () => Promise.reject(error) };
const engine = core.createEngine({ catalog: rules.catalogDocuments, dataPort, actionPort: testing.createInMemoryActionPort(), clock: { now: () => new Date('2026-03-10T09:00:00Z') } });
const result = await engine.evaluate('revoca-delega-intermediario', {
  requestId: 'DIST-2',
  subject: { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' },
  data: { delegaId: 'DEL-404', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' },
});
console.log(JSON.stringify({ instanceOf: error instanceof core.PortError, guard: core.isPortError(error), code: result.error.code, retryable: result.retryable }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ instanceOf: false, guard: true, code: 'PORT_UNAVAILABLE', retryable: false });
  });

  it("run @smart-task/cli's smart-task bin, which prints the package version with --version", () => {
    const { version } = JSON.parse(readFileSync(`${root}/packages/cli/package.json`, 'utf8')) as { version: string };
    const output = execFileSync(process.execPath, [`${root}/packages/cli/bin/smart-task.js`, '--version'], { cwd: root, encoding: 'utf8' });
    expect(output).toBe(`${version}\n`);
  });

  it('ship type declarations for both module systems', () => {
    for (const entry of ['index', 'lifecycle', 'audit', 'testing', 'toolchain', 'node']) {
      for (const file of [`core/dist/${entry}.d.ts`, `core/dist/${entry}.d.cts`]) expect(existsSync(`${root}/packages/${file}`), file).toBe(true);
    }
    for (const file of ['rules/dist/index.d.ts', 'rules/dist/cases.d.cts', 'schemas/dist/index.d.cts']) expect(existsSync(`${root}/packages/${file}`), file).toBe(true);
  });

  it('leave the @internal members out of the published declarations', () => {
    const files = readdirSync(`${root}/packages/core/dist`).filter((file) => /\.d\.c?ts$/.test(file));
    const declarations = files.map((file) => readFileSync(`${root}/packages/core/dist/${file}`, 'utf8')).join('\n');
    expect(declarations).toContain('createEngine');
    expect(readFileSync(`${root}/packages/core/src/engine.ts`, 'utf8')).toContain('observeRules');
    expect(declarations).not.toContain('observeRules');
  });

  it('replay audit records across worker threads (dist/replay-thread.js) from ESM, CommonJS and the CLI, with the report of one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-task-dist-replay-'));
    try {
      const records = toJsonLines((await recordEveryCase(repositoryCatalog())).map((item) => item.record)).slice(0, 60);
      const file = join(dir, 'records.jsonl');
      writeFileSync(file, [...records.slice(0, 30), 'not json', '', ...records.slice(30)].join('\n'));
      const replayIn = (load: string) => `
${load}
const lines = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n');
const options = (threads) => ({ catalogDirectories: ['packages/schemas', 'packages/rules'], threads, batchSize: 8, timeoutMs: 60000 });
Promise.all([node.replayAuditRecordsInThreads(lines, options(1)), node.replayAuditRecordsInThreads(lines, options(2))]).then(([one, two]) => console.log(JSON.stringify({ same: JSON.stringify(one) === JSON.stringify(two), replayed: two.replayed, skipped: two.skipped.total })));
`;
      for (const [type, load] of [
        ['module', "import { createRequire } from 'node:module';\nconst require = createRequire(process.cwd() + '/package.json');\nconst node = await import('@smart-task/core/node');"],
        ['commonjs', "const node = require('@smart-task/core/node');"],
      ] as const) {
        const output = execFileSync(process.execPath, [`--input-type=${type}`, '-e', replayIn(load)], { cwd: root, encoding: 'utf8' });
        expect(JSON.parse(output), type).toEqual({ same: true, replayed: 60, skipped: 1 });
      }
      const cli = (threads: string) => execFileSync(process.execPath, ['packages/cli/bin/smart-task.js', 'replay', file, '--rules', 'packages/schemas', '--rules', 'packages/rules', '--threads', threads], { cwd: root, encoding: 'utf8' });
      const oneThread = cli('1');
      expect(oneThread).toContain('replayed: 60 (60 unchanged, 0 changed)');
      expect(cli('2')).toBe(oneThread);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
