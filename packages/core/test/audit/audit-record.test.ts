import { createHash } from 'node:crypto';
import { auditRecordSchema } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { toAuditRecord } from '../../src/audit/audit-record.js';
import { runCases } from '../../src/cases/run-cases.js';
import { canonicalJson } from '../../src/json/canonical-hash.js';
import { createAjv } from '../../src/formats/create-ajv.js';
import { isoDateInTimeZone } from '../../src/calendar/iso-dates.js';
import { recordEveryCase, repositoryCatalog } from './audit-support.js';

const catalog = repositoryCatalog();
const sha256 = (value: unknown) => `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;

describe('toAuditRecord', () => {
  it('gives, for every case of the catalog, a record valid against audit-record.v1.json that survives JSON', async () => {
    const validate = createAjv().compile(auditRecordSchema as object);
    const recorded = await recordEveryCase(catalog);
    expect(recorded.length).toBeGreaterThan(0);
    for (const { caseId, record } of recorded) {
      const valid = validate(record);
      expect(valid, `${caseId}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    }
  });

  it('holds the request, subject, clock with time zone, and every port answer the decision used', async () => {
    for (const { result, record } of await recordEveryCase(catalog)) {
      expect(record).toMatchObject({ auditVersion: 1, requestId: result.requestId, taskId: result.taskId, subject: result.subject, request: result.request });
      expect(record.clock).toEqual({ submittedAt: result.submittedAt, referenceDate: result.referenceDate, evaluatedAt: result.evaluatedAt, today: result.today, timeZone: 'Europe/Rome' });
      expect(record.clock.today).toBe(isoDateInTimeZone(new Date(record.clock.evaluatedAt), 'Europe/Rome'));
      expect(record.portCalls.map(({ fact, params, outcome }) => ({ fact, params, outcome }))).toEqual(result.portCalls.map(({ fact, params, outcome }) => ({ fact, params, outcome })));
      for (const call of record.portCalls.filter((item) => item.outcome === 'OK')) expect(call).toHaveProperty('response');
      expect(JSON.stringify(record)).not.toMatch(/durationMs|startedAtMs|totalMs/);
    }
  });

  it('names the rule-set version and the hashes of the expanded rule set, the request schema and the port contract', async () => {
    for (const { task, result, record } of await recordEveryCase(catalog)) {
      const definition = catalog.tasks.get(task);
      const version = definition?.ruleSets.find((ruleSet) => ruleSet.document.version === record.ruleSet?.version)?.document;
      if (!definition || !version || !record.ruleSet) throw new Error(`${task}: the record names no rule set of the catalog`);
      expect(record.ruleSet).toEqual(result.ruleSet);
      expect(record.ruleSet).toEqual({
        id: task,
        version: version.version,
        hash: sha256(version),
        requestSchemaHash: sha256(definition.requestSchema.document),
        portContractHash: sha256(catalog.portContract.document),
        validFrom: version.validFrom,
        validTo: version.validTo ?? null,
      });
    }
  });

  it('is deterministic: evaluating the same cases again gives the same records', async () => {
    const first = await recordEveryCase(catalog);
    const again = await runCases(catalog, { now: '2026-03-10T09:00:00+01:00' });
    expect(again.map(({ result }) => (result ? canonicalJson(toAuditRecord(result)) : undefined))).toEqual(first.map(({ record }) => canonicalJson(record)));
  });

  it('keeps what a replay needs to cause a technical failure again: error code, retryability, the answer that broke the contract', async () => {
    const failures = (await recordEveryCase(catalog)).filter(({ record }) => record.outcome.kind === 'technical-failure');
    const portFailures = failures.filter(({ record }) => record.outcome.error?.code.startsWith('PORT_'));
    expect(portFailures.length).toBeGreaterThan(0);
    for (const { caseId, record } of portFailures) {
      const { code } = record.outcome.error ?? {};
      const culprit = code === 'PORT_CONTRACT_VIOLATION' ? record.portCalls.find((call) => call.outcome === 'CONTRACT_VIOLATION') : record.portCalls.find((call) => call.errorCode === code);
      expect(culprit, `${caseId}: no port call recorded for ${code}`).toBeDefined();
      if (code === 'PORT_CONTRACT_VIOLATION') expect(culprit).toHaveProperty('response');
      else expect(culprit?.retryable).toBe(record.outcome.retryable);
    }
  });
});
