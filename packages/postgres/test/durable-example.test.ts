import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSmartTaskStore } from '../src/index.js';
import { assertBuilt } from './support/worker-fleet.js';

/** The example host on the embedded database, killed with SIGKILL mid-run and started again. */

const EXAMPLE = fileURLToPath(new URL('../../../examples/durable/index.mjs', import.meta.url));

/** Runs the example until it exits, or kills it once its output matches `killWhen`. */
function runExample(dataDir: string, killWhen?: RegExp): Promise<{ output: string; code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [EXAMPLE], { env: { ...process.env, SMART_TASK_DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (killWhen && !killed && killWhen.test(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => resolve({ output, code, killed }));
  });
}

describe('the example host on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smart-task-durable-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('killed with SIGKILL while its workers are at it, started again: nothing lost, the pending work resumes, each operation once', async () => {
    assertBuilt();
    // Killed once the first outcome is out: some requests decided, others waiting or half-way.
    const first = await runExample(dataDir, /ESITO_DISPONIBILE/);
    expect(first.killed, first.output).toBe(true);
    const second = await runExample(dataDir);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/Started again: \d+ requests on record/);

    const store = await openSmartTaskStore({ dataDir });
    try {
      const all = (await store.repository.list({ pageSize: 200 })).items;
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((request) => request.state !== 'ACCOLTA' && request.state !== 'NON_ACCOLTA').map((request) => `${request.protocollo} ${request.state}`)).toEqual([]);
      const planned = all.flatMap((request) => (request.state === 'ACCOLTA' ? request.plannedOperations.map((operation) => operation.idempotencyKey) : [])).sort();
      const ledger = (await store.client.query<{ idempotency_key: string }>('SELECT idempotency_key FROM demo_back_office_ledger ORDER BY idempotency_key')).rows.map((row) => row.idempotency_key);
      expect(ledger).toEqual(planned);
      const pending = (await store.client.query<{ n: string }>("SELECT count(*) AS n FROM smart_task_notification_outbox WHERE status <> 'SENT'")).rows[0]?.n;
      expect(Number(pending)).toBe(0);
    } finally {
      await store.close();
    }
  }, 300_000);
});
