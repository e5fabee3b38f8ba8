// The fake INPS back office of the example host: the archives the data port reads and the services
// the action port calls. It is stateful — an operation changes what the data port reads next (a
// revoked delega is no longer offered, a new PEC is the one the next form shows) — and it has a
// control to make either port slow or failing, so that a user can watch retries and the hand-over
// to the Sede. A real host replaces it with its adapters over the INPS services.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PortError } from '@smart-task/core';
import { createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';

const require = createRequire(import.meta.url);
const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/**
 * The archives of the demo: the quickstart's Associazione Culturale Aurora, then the shared fixture of
 * every task's cases (one world: soggetto 12345670488, matricola 1234567860, the intermediary Studio
 * Verdi and the delegated employee Giovanna Bianchi). The first entry that matches a call answers.
 * @returns {import('@smart-task/schemas').PortFixture}
 */
export function demoArchives() {
  const rulesDir = join(dirname(require.resolve('@smart-task/rules/package.json')), 'tasks');
  const aurora = JSON.parse(readFileSync(new URL('../../quickstart/azienda-aurora.fixture.json', import.meta.url), 'utf8'));
  let fixture = { facts: aurora.facts };
  for (const file of readdirSync(rulesDir)
    .filter((name) => name.endsWith('.cases.json'))
    .sort()) {
    const cases = JSON.parse(readFileSync(join(rulesDir, file), 'utf8'));
    fixture = mergeFixtures({ facts: cases.fixture.facts }, fixture); // what is already there answers first
  }
  // richiesteAperte is answered from the host's own requests (see createBackOffice), never from the fixture.
  delete fixture.facts.richiesteAperte;
  return structuredClone({ facts: fixture.facts, actions: {} });
}

/** Every object in a fixture's answers (walked depth first), for the effects of operations. */
function* objectsIn(value) {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (value && typeof value === 'object') {
    yield value;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}

/**
 * What each action does to the archives. Actions without an entry are recorded in the ledger only.
 * @type {Record<string, (facts: Record<string, {result?: unknown}[]>, params: Record<string, any>) => void>}
 */
const EFFECTS = {
  revocaDelega(facts, { delegaId, dataEfficacia }) {
    for (const entry of [...(facts.deleghe ?? []), ...(facts.delega ?? []), ...(facts.delegheDelegato ?? [])]) {
      for (const item of objectsIn(entry.result)) {
        if (item.id === delegaId && 'stato' in item) Object.assign(item, { stato: 'REVOCATA', dataFine: dataEfficacia });
      }
    }
  },
  aggiornaPecSoggetto(facts, { cf, pec }) {
    for (const entry of facts.soggettoContribuente ?? []) {
      if (entry.result && typeof entry.result === 'object' && (entry.result.cf === cf || entry.result.cf === undefined)) entry.result.pec = pec;
    }
  },
  aggiornaStatoPosizione(facts, { matricola, stato, dataDecorrenza }) {
    for (const entry of facts.posizioneContributiva ?? []) {
      if (entry.result?.matricola === matricola) Object.assign(entry.result, { stato, dataStato: dataDecorrenza });
    }
  },
};

/**
 * @typedef {{ mode: 'ok' | 'slow' | 'failing', delayMs: number }} PortBehaviour
 * How a port behaves: answering normally; answering after `delayMs` (more than the engine's deadline
 * makes every call a timeout); or failing with "service unavailable" (retryable).
 */

/**
 * The back office: a data port and an action port over the demo archives, with the ledger of
 * operations kept in the database (so that an operation repeated after a restart has no second
 * effect) and the control of both ports.
 *
 * @param {{ client: import('@smart-task/postgres').SqlClient, repository: import('@smart-task/core/lifecycle').RequestRepository }} options
 */
export async function createBackOffice({ client, repository }) {
  await client.exec(`CREATE TABLE IF NOT EXISTS web_back_office_ledger (idempotency_key text PRIMARY KEY, action text NOT NULL, params jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS web_open_request_targets (request_id text PRIMARY KEY, task text NOT NULL, matricola text, riferimento text NOT NULL)`);
  let archives = demoArchives();
  let data = createInMemoryDataPort(archives);
  /** @type {{ dataPort: PortBehaviour, actionPort: PortBehaviour }} */
  const control = { dataPort: { mode: 'ok', delayMs: 0 }, actionPort: { mode: 'ok', delayMs: 0 } };

  // Replays the operations already performed (a restart keeps the archives in step with the ledger).
  const replayLedger = async () => {
    const { rows } = await client.query('SELECT action, params FROM web_back_office_ledger ORDER BY at');
    for (const row of rows) EFFECTS[row.action]?.(archives.facts, row.params);
  };
  await replayLedger();

  const behave = async (behaviour, what, signal) => {
    if (behaviour.mode === 'failing') throw new PortError(`${what}: service unavailable (HTTP 503)`, 'UNAVAILABLE', true);
    if (behaviour.mode === 'slow') await sleep(behaviour.delayMs, signal);
  };

  /** Other open requests of the same task on the same target, from the host's own register. */
  const openRequests = async ({ task, matricola, riferimento, requestId }) => {
    await client.query('INSERT INTO web_open_request_targets (request_id, task, matricola, riferimento) VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING', [requestId, task, matricola ?? null, riferimento]);
    const { rows } = await client.query('SELECT request_id FROM web_open_request_targets WHERE task = $1 AND riferimento = $2 AND request_id <> $3 AND ($4::text IS NULL OR matricola = $4)', [task, riferimento, requestId, matricola ?? null]);
    const open = [];
    for (const row of rows) {
      const other = await repository.get(row.request_id);
      if (other && ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'IN_CARICO_SEDE'].includes(other.state)) {
        open.push({ requestId: other.protocollo, protocollo: other.protocollo, dataInvio: other.submittedAt.slice(0, 10) });
      }
    }
    return open;
  };

  /** @type {import('@smart-task/core').DataPort} */
  const dataPort = {
    async fetch(fact, params, context) {
      await behave(control.dataPort, fact, context.signal);
      if (fact === 'richiesteAperte') return openRequests(params);
      return structuredClone(await data.fetch(fact, params, context));
    },
  };

  /** @type {import('@smart-task/core').ActionPort} */
  const actionPort = {
    async perform(call, { signal }) {
      await behave(control.actionPort, call.action, signal);
      const { rowCount } = await client.query('INSERT INTO web_back_office_ledger (idempotency_key, action, params) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [call.idempotencyKey, call.action, JSON.stringify(call.params)]);
      if (rowCount !== 1) return { status: 'ALREADY_PERFORMED' };
      EFFECTS[call.action]?.(archives.facts, call.params);
      return { status: 'PERFORMED', details: { esito: 'eseguita', backOffice: 'demo' } };
    },
  };

  return {
    dataPort,
    actionPort,
    /** The current behaviour of both ports. */
    control: () => structuredClone(control),
    /** Changes the behaviour of one port or both. */
    setControl(change) {
      for (const port of ['dataPort', 'actionPort']) if (change[port]) control[port] = { ...control[port], ...change[port] };
      return structuredClone(control);
    },
    /** Puts the archives back as they were at the start and both ports back to normal; the ledger is emptied. */
    async reset() {
      await client.exec('DELETE FROM web_back_office_ledger');
      archives = demoArchives();
      data = createInMemoryDataPort(archives);
      control.dataPort = { mode: 'ok', delayMs: 0 };
      control.actionPort = { mode: 'ok', delayMs: 0 };
      return structuredClone(control);
    },
    /** The operations performed, newest first. */
    async ledger() {
      const { rows } = await client.query('SELECT idempotency_key, action, params, at FROM web_back_office_ledger ORDER BY at DESC LIMIT 50');
      return rows.map((row) => ({ idempotencyKey: row.idempotency_key, action: row.action, params: row.params, at: new Date(row.at).toISOString() }));
    },
  };
}
