import { describe, expect, it } from 'vitest';
import { META_SCHEMA_IDS } from '@smart-task/schemas';
import { loadAuditRecordValidator, loadMetaValidators } from '../../src/meta-validators.js';
import { loadAuditRecordValidator as compileAuditRecordValidatorAtRunTime, loadMetaValidators as compileAtRunTime } from '../../src/meta-validators.browser.js';
import { recordEveryCase, repositoryCatalog } from '../audit/audit-support.js';
import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { kindOfFile } from '../../src/catalog/document-kinds.js';

type Kind = keyof typeof META_SCHEMA_IDS;

/** Invalid documents of every kind: wrong types, missing and extra properties, bad enums, patterns and dates. */
const INVALID: readonly (readonly [Kind, unknown])[] = [
  ['ruleSet', { $schema: META_SCHEMA_IDS.ruleSet, id: 'X', version: '1', validFrom: '2025-02-30', status: 'gone', title: { it: 'x' }, requesters: [], facts: { a: { source: 7 } }, gates: [{}], checks: 'none', extra: true }],
  ['cases', { $schema: META_SCHEMA_IDS.cases, task: 3, cases: [{ id: '', expect: { outcome: 'MAYBE' }, data: [] }] }],
  ['portFixture', { facts: { x: 'y' }, unknown: 1 }],
  ['portContract', { $schema: META_SCHEMA_IDS.portContract, facts: { f: { params: 1 } }, actions: [] }],
  ['requestSchema', { $schema: META_SCHEMA_IDS.requestSchema, 'x-task': 'Bad Id', type: 'array', properties: { a: { 'x-known': { fact: 1 } } } }],
  ['ruleLibrary', { $schema: META_SCHEMA_IDS.ruleLibrary, id: 1, gates: {}, checks: [{ id: 'c' }] }],
];

/** What a test can compare of a validator's errors: everything, the schema objects by value. */
const errorsOf = (validate: { errors?: unknown }) => JSON.parse(JSON.stringify(validate.errors ?? null)) as unknown;

describe('the meta-schema validators generated at build time', () => {
  const generated = loadMetaValidators();
  const compiled = compileAtRunTime();

  it('report exactly the errors of the validators Ajv compiles at run time, on invalid documents of every kind', () => {
    for (const [kind, document] of INVALID) {
      expect(generated[kind](document), kind).toBe(false);
      expect(compiled[kind](document), kind).toBe(false);
      expect(errorsOf(generated[kind]), kind).toEqual(errorsOf(compiled[kind]));
      expect((generated[kind].errors ?? []).length, kind).toBeGreaterThan(0);
    }
  });

  it('accept every document of the bundled catalog and its cases, as the run-time validators do', () => {
    for (const { file, content } of [...catalogDocuments, ...caseDocuments]) {
      const kind = kindOfFile(file) as Kind;
      expect(generated[kind](content), file).toBe(true);
      expect(compiled[kind](content), file).toBe(true);
    }
  });
});

describe('the audit-record validator generated at build time', () => {
  const generated = loadAuditRecordValidator();
  const compiled = compileAuditRecordValidatorAtRunTime();

  it('accepts the record of every case of the catalog, and reports exactly the run-time errors on broken ones', async () => {
    const records = (await recordEveryCase(repositoryCatalog())).map((item) => JSON.parse(JSON.stringify(item.record)) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(400);
    for (const record of records) {
      expect(generated(record), String(record.requestId)).toBe(true);
      expect(compiled(record), String(record.requestId)).toBe(true);
    }
    const [first] = records as [Record<string, unknown>];
    const broken: readonly unknown[] = [
      { ...first, clock: { ...(first.clock as object), evaluatedAt: 'yesterday' } },
      { ...first, outcome: { kind: 'decision', verdict: 'FORSE' }, extra: 1 },
      { ...first, portCalls: [{ fact: 7, params: [], outcome: 'MAYBE' }], subject: null },
      { auditVersion: 1 },
    ];
    for (const record of broken) {
      expect(generated(record)).toBe(false);
      expect(compiled(record)).toBe(false);
      expect(errorsOf(generated)).toEqual(errorsOf(compiled));
    }
  }, 120_000);
});
