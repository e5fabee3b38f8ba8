import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/audit-record.js';
import { contentHash } from '../../src/json/canonical-hash.js';
import { createRecordReplayer } from '../../src/replay/replay-record.js';
import { repositoryCatalog } from './audit-support.js';

/**
 * Audit records written before decide and perform were split (commit bba1208): every case of the
 * catalog that performed operations, or failed on one (`OPERATION_FAILED`), evaluated by that version.
 */
const earlier = readFileSync(new URL('./fixtures/records-before-decide-perform.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as AuditRecord);

describe('records made before "decide once, perform exactly once"', () => {
  it('replay with the same verdict, reasons, warnings and operations, where their rule set is unchanged', async () => {
    expect(earlier.length).toBeGreaterThan(100);
    const catalog = repositoryCatalog();
    const replayer = createRecordReplayer({ catalog });
    // Rule sets changed since (catalog fixes) read other data: that is a rule change's impact, not the new way of performing.
    const sameRules: AuditRecord[] = [];
    for (const record of earlier) {
      const document = catalog.tasks.get(record.taskId)?.ruleSets.find((loaded) => loaded.document.version === record.ruleSet?.version)?.document;
      if (document && (await contentHash(document)) === record.ruleSet?.hash) sameRules.push(record);
    }
    expect(sameRules.length).toBeGreaterThan(60);
    expect(sameRules.some((record) => record.outcome.error?.code === 'OPERATION_FAILED')).toBe(true);
    const differences: string[] = [];
    for (const record of sameRules) {
      const replayed = await replayer.replay(record);
      if (replayed.status !== 'replayed') differences.push(`${record.taskId}/${record.requestId}: ${replayed.cause} — ${replayed.detail}`);
      else if (Object.keys(replayed.changes).length > 0) differences.push(`${record.taskId}/${record.requestId}: ${JSON.stringify(replayed.changes)}`);
    }
    expect(differences).toEqual([]);
  }, 120_000);
});
