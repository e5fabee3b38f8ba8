import { runCases } from '../../src/cases/run-cases.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { bundledCatalog } from '../support/shared-engine.js';
import { toAuditRecord, type AuditRecord } from '../../src/audit/audit-record.js';
import type { EvaluationResult } from '../../src/evaluate/decision.js';

/** The repository's catalog (schemas + rules packages), loaded from the sources once per test file. */
export function repositoryCatalog(): Catalog {
  return bundledCatalog();
}

/** One evaluated case of the catalog, with its audit record. */
export interface RecordedCase {
  readonly task: string;
  readonly caseId: string;
  readonly result: EvaluationResult;
  readonly record: AuditRecord;
}

const recordedByCatalog = new WeakMap<Catalog, Promise<RecordedCase[]>>();

/** Evaluates every case of the catalog (each with its own fixture and clock) and records it; once per catalog. */
export function recordEveryCase(catalog: Catalog): Promise<RecordedCase[]> {
  let recorded = recordedByCatalog.get(catalog);
  if (!recorded) {
    recorded = runCases(catalog, { now: '2026-03-10T09:00:00+01:00' }).then((results) => results.flatMap(({ task, caseId, result }) => (result ? [{ task, caseId, result, record: toAuditRecord(result) }] : [])));
    recordedByCatalog.set(catalog, recorded);
  }
  return recorded;
}

/** Audit records as JSON Lines, as a host would store them. */
export function toJsonLines(records: readonly AuditRecord[]): string[] {
  return records.map((record) => JSON.stringify(record));
}

/**
 * Changes a rule set (as parsed JSON) so that its checks read a port fact no recorded decision holds:
 * a WARNING check on `soggettoContribuente`. Records that reach the checks become not replayable.
 */
export function readSoggettoInTheChecks(rules: { facts: Record<string, unknown>; checks: unknown[] }): void {
  rules.facts.soggetto = { port: 'soggettoContribuente', params: { cf: { fact: 'subject', path: '$.soggettoCf' } } };
  rules.checks.push({
    id: 'POS-RI-99',
    description: { it: 'Il soggetto contribuente è in anagrafica', en: 'The soggetto contribuente is registered' },
    severity: 'WARNING',
    reasonCode: 'W-SOGGETTO-ASSENTE',
    message: { it: 'Il soggetto non risulta in anagrafica.', en: 'The soggetto is not registered.' },
    conditions: { all: [{ fact: 'soggetto', operator: 'exists', value: true }] },
  });
}
