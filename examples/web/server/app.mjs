// The example host application's server: the Cassetto's Smart-Task API for contributors, the
// Fascicolo elettronico's API for INPS operators, and the control of the fake back office, over a
// request lifecycle kept in the embedded PostgreSQL (PGlite) or a PostgreSQL server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createEngine, isSmartTaskError, toContributorView } from '@smart-task/core';
import { createRequestLifecycle, listRequestRows, stateLabel, toOperatorRequestView, visibleStateOf, REQUEST_STATES } from '@smart-task/core/lifecycle';
import { openSmartTaskStore } from '@smart-task/postgres';
import { catalogDocuments } from '@smart-task/rules';
import { createBackOffice } from './back-office.mjs';
import { IDENTITIES, subjectOf } from './identities.mjs';

/** The demo's "now" starts here: the date the catalog's cases and the archives are written for. */
export const DEMO_START = '2026-03-10T09:00:00+01:00';
const LOCALES = ['it', 'en'];
const MAX_BODY_BYTES = 64 * 1024;
const STALE_AFTER_MS = 30_000;
const OPEN_STATES = ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED', 'IN_CARICO_SEDE'];

/** An HTTP error with a status and a body the page can show. */
class HttpError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.body = { error: { code, message, ...extra } };
  }
}

const localeOf = (value) => (LOCALES.includes(value) ? value : 'it');
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads and checks a JSON body: an object whose listed keys have the given types (and no others). */
async function jsonBody(c, shape) {
  let body;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The body is not JSON.');
  }
  if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_BODY', 'The body must be a JSON object.');
  const problems = [];
  for (const key of Object.keys(body)) if (!(key in shape)) problems.push(`unknown key ${JSON.stringify(key)}`);
  for (const [key, rule] of Object.entries(shape)) {
    const optional = rule.endsWith('?');
    const type = optional ? rule.slice(0, -1) : rule;
    const value = body[key];
    if (value === undefined) {
      if (!optional) problems.push(`${key} is required`);
    } else if (type === 'object' ? !isPlainObject(value) : type.startsWith('enum:') ? !type.slice(5).split('|').includes(value) : typeof value !== type) {
      problems.push(`${key} must be ${type.startsWith('enum:') ? `one of ${type.slice(5).replaceAll('|', ', ')}` : `a ${type}`}`);
    }
  }
  if (problems.length > 0) throw new HttpError(400, 'INVALID_BODY', problems.join('; '));
  return body;
}

/** The subject named by the query or body (identity and position ids), or a 404. */
function requireSubject(identityId, positionId) {
  const found = subjectOf(identityId, positionId);
  if (!found) throw new HttpError(404, 'UNKNOWN_IDENTITY', 'Unknown identity or position.');
  return found;
}

/** A clock that starts at {@link DEMO_START} on the first run and then runs at real speed, across restarts. */
async function demoClock(client, mode) {
  if (mode === 'real') return { now: () => new Date() };
  await client.exec('CREATE TABLE IF NOT EXISTS web_demo_clock (id int PRIMARY KEY, started_at timestamptz NOT NULL)');
  await client.query('INSERT INTO web_demo_clock (id, started_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING');
  const { rows } = await client.query('SELECT started_at FROM web_demo_clock WHERE id = 1');
  const offset = Date.parse(DEMO_START) - new Date(rows[0].started_at).getTime();
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * Opens the database, the engine, the lifecycle and the back office, and builds the HTTP application.
 *
 * @param {{ dataDir?: string, databaseUrl?: string, staticDir?: string, clock?: 'demo' | 'real',
 *   retryPolicy?: object, tickMs?: number, log?: (line: string) => void }} [options]
 */
export async function createWebApp(options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  const store = await openSmartTaskStore(options.databaseUrl ? { connectionString: options.databaseUrl } : { dataDir: options.dataDir });
  const { client, repository } = store;
  const clock = await demoClock(client, options.clock ?? 'demo');
  const backOffice = await createBackOffice({ client, repository });
  const engine = createEngine({ catalog: catalogDocuments, dataPort: backOffice.dataPort, actionPort: backOffice.actionPort, clock, timeoutMs: 3_000, plannedTasks: 'all' });

  await client.exec(`CREATE TABLE IF NOT EXISTS web_notices (id text PRIMARY KEY, protocollo text NOT NULL, requester_cf text NOT NULL, kind text NOT NULL, channel text NOT NULL, recipient text NOT NULL, locale text NOT NULL, subject text, body text NOT NULL, sent_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS web_contributor_views (protocollo text NOT NULL, attempt int NOT NULL, audit_id text, views jsonb NOT NULL, PRIMARY KEY (protocollo, attempt));
    CREATE SEQUENCE IF NOT EXISTS web_protocollo_seq`);

  const lifecycle = createRequestLifecycle({
    engine,
    repository,
    outbox: store.outbox,
    clock,
    retryPolicy: options.retryPolicy ?? { maxAttempts: 3, baseDelayMs: 2_000, factor: 2, maxDelayMs: 10_000 },
    // The host's protocol register.
    nextProtocollo: async () => {
      const { rows } = await client.query("SELECT nextval('web_protocollo_seq') AS n");
      return `INPS.7000.${clock.now().getUTCFullYear()}.${String(rows[0].n).padStart(4, '0')}`;
    },
    // The audit record of every evaluation, and the contributor views the request page shows.
    recordEvaluation: async (result, request) => {
      const auditId = await store.auditStore.record(result, request);
      const decided = result.kind === 'decision' ? result : result.decision;
      if (decided) {
        const views = Object.fromEntries(LOCALES.map((locale) => [locale, toContributorView(decided, locale)]));
        await client.query('INSERT INTO web_contributor_views (protocollo, attempt, audit_id, views) VALUES ($1, $2, $3, $4) ON CONFLICT (protocollo, attempt) DO UPDATE SET views = EXCLUDED.views, audit_id = EXCLUDED.audit_id', [
          request.protocollo,
          request.attempts,
          auditId,
          JSON.stringify(views),
        ]);
      }
      return auditId;
    },
    // The e-mail, PEC and SMS gateways of a real host; here the notices land in the page's "Avvisi".
    notifications: {
      async send(message) {
        const request = await repository.get(message.protocollo);
        await client.query('INSERT INTO web_notices (id, protocollo, requester_cf, kind, channel, recipient, locale, subject, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING', [
          message.id,
          message.protocollo,
          request?.subject.cf ?? '',
          message.kind,
          message.channel,
          message.to,
          message.locale,
          message.subject ?? null,
          message.body,
        ]);
      },
      async wasSent(messageId) {
        const { rows } = await client.query('SELECT 1 FROM web_notices WHERE id = $1', [messageId]);
        return rows.length > 0;
      },
    },
  });

  // The scheduler: one piece of lifecycle work at a time (the istruttoria of a new request, the due
  // retries, the recovery of interrupted steps, the notices), so that two never race for a request.
  let work = Promise.resolve();
  const enqueue = (what, job) => {
    work = work.then(job).catch((error) => log(`scheduler: ${what}: ${error?.message ?? error}`));
    return work;
  };
  let ticking = true;
  const tick = async () => {
    if (!ticking) return;
    await enqueue('runDueWork', () => lifecycle.runDueWork({ staleAfterMs: STALE_AFTER_MS }));
    if (ticking) timer = setTimeout(tick, options.tickMs ?? 500);
  };
  let timer = setTimeout(tick, 0);

  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body, error.status);
    if (isSmartTaskError(error)) {
      const issue = error.issues[0];
      const status = issue?.code === 'UNKNOWN_PROTOCOLLO' || issue?.code === 'UNKNOWN_TASK' ? 404 : issue?.code === 'ILLEGAL_TRANSITION' || issue?.code === 'VERSION_CONFLICT' ? 409 : 400;
      return c.json({ error: { code: issue?.code ?? 'ERROR', message: error.message } }, status);
    }
    log(`error: ${error?.stack ?? error}`);
    return c.json({ error: { code: 'INTERNAL', message: 'Internal error.' } }, 500);
  });
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: { code: 'BODY_TOO_LARGE', message: `The body exceeds ${MAX_BODY_BYTES} bytes.` } }, 413) }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  // ---- contributor side (Cassetto previdenziale) ----------------------------------------------
  app.get('/api/identities', (c) => c.json({ identities: IDENTITIES }));

  app.get('/api/tasks', (c) => {
    const { subject } = requireSubject(c.req.query('identity'), c.req.query('position'));
    return c.json({ tasks: engine.listTasks(subject, { locale: localeOf(c.req.query('locale')) }) });
  });

  app.get('/api/forms/:taskId', async (c) => {
    const { subject } = requireSubject(c.req.query('identity'), c.req.query('position'));
    const form = await engine.composeForm(c.req.param('taskId'), subject, { locale: localeOf(c.req.query('locale')), signal: AbortSignal.timeout(15_000) });
    // The technical detail of an unavailable form is for the logs and the operator, never the contributor.
    if (form.status === 'unavailable') {
      log(`form ${form.taskId} unavailable: ${form.error.code} ${form.error.message}`);
      const { error, ...shown } = form;
      return c.json({ form: shown });
    }
    return c.json({ form });
  });

  app.post('/api/validate', async (c) => {
    const body = await jsonBody(c, { taskId: 'string', data: 'object' });
    const data = engine.pruneHidden(body.taskId, body.data);
    return c.json(engine.validate(body.taskId, data));
  });

  app.post('/api/requests', async (c) => {
    const body = await jsonBody(c, { identity: 'string', position: 'string?', taskId: 'string', data: 'object', locale: 'string?' });
    const { identity, subject } = requireSubject(body.identity, body.position);
    const data = engine.pruneHidden(body.taskId, body.data);
    const validation = engine.validate(body.taskId, data);
    if (!validation.ok) return c.json({ error: { code: 'INVALID_REQUEST', message: 'The request data is not valid.' }, issues: validation.issues }, 422);
    const { request } = await lifecycle.submit({ taskId: body.taskId, subject, data, notifications: { ...identity.notifications, locale: localeOf(body.locale) } }, { istruttoria: 'deferred' });
    void enqueue(`istruttoria ${request.protocollo}`, () => lifecycle.advance(request.protocollo, { staleAfterMs: STALE_AFTER_MS }));
    return c.json({ protocollo: request.protocollo, state: request.state, submittedAt: request.submittedAt }, 201);
  });

  const listQuery = (c, fixed) => {
    const page = Number(c.req.query('page') ?? 1);
    const pageSize = Number(c.req.query('pageSize') ?? 10);
    const states = (c.req.query('states') ?? '').split(',').filter((state) => REQUEST_STATES.includes(state));
    const taskId = c.req.query('taskId');
    const submittedFrom = c.req.query('submittedFrom');
    const submittedTo = c.req.query('submittedTo');
    return {
      ...fixed,
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 50 ? pageSize : 10,
      ...(states.length > 0 && { states }),
      ...(taskId && { taskId }),
      ...(submittedFrom && { submittedFrom }),
      ...(submittedTo && { submittedTo }),
    };
  };

  app.get('/api/requests', async (c) => {
    const { position } = requireSubject(c.req.query('identity'), c.req.query('position'));
    const page = await listRequestRows(repository, listQuery(c, { matricola: position.matricola }), localeOf(c.req.query('locale')), lifecycle.messages);
    return c.json({ ...page, open: page.items.some((row) => OPEN_STATES.includes(row.state) && row.state !== 'IN_CARICO_SEDE') });
  });

  /** The request of this contributor's position, or 404 (a request of another position is not theirs to see). */
  const contributorRequest = async (c) => {
    const { position } = requireSubject(c.req.query('identity'), c.req.query('position'));
    const request = await repository.get(c.req.param('protocollo'));
    if (!request || request.subject.matricola !== position.matricola) throw new HttpError(404, 'UNKNOWN_PROTOCOLLO', 'No such request on this position.');
    return request;
  };

  const latestViews = async (protocollo) => {
    const { rows } = await client.query('SELECT views FROM web_contributor_views WHERE protocollo = $1 ORDER BY attempt DESC LIMIT 1', [protocollo]);
    return rows[0]?.views;
  };

  const textOf = (text, locale) => (typeof text === 'string' ? text : (text?.[locale] ?? text?.it ?? ''));

  app.get('/api/requests/:protocollo', async (c) => {
    const locale = localeOf(c.req.query('locale'));
    const request = await contributorRequest(c);
    const view = (await latestViews(request.protocollo))?.[locale];
    const outcome = request.outcome;
    return c.json({
      request: {
        protocollo: request.protocollo,
        task: { id: request.taskId, title: textOf(request.title, locale) },
        state: request.state,
        stateLabel: stateLabel(request.state, locale, lifecycle.messages),
        visibleState: visibleStateOf(request.state),
        submittedAt: request.submittedAt,
        updatedAt: request.updatedAt,
        requester: request.subject.cf,
        data: request.data,
        outcome: outcome ? { verdict: outcome.verdict, decidedBy: outcome.decidedBy, at: outcome.at, ...(outcome.motivazione && { motivazione: outcome.motivazione }) } : null,
        summary: view?.summary ?? null,
        checks: view?.checks ?? [],
        reasons: outcome?.decidedBy === 'istruttoria' ? outcome.reasons.map((reason) => ({ code: reason.code, message: textOf(reason.message, locale) })) : [],
        warnings: view?.warnings ?? [],
        operations: request.operations.map((operation) => ({ description: textOf(operation.description, locale) })),
        retry: request.retry ?? null,
        history: request.history.map((entry) => ({ at: entry.event.at, type: entry.event.type, actor: entry.event.actor.kind, to: entry.to, toLabel: stateLabel(entry.to, locale, lifecycle.messages) })),
      },
    });
  });

  app.get('/api/notices', async (c) => {
    const { identity } = requireSubject(c.req.query('identity'), c.req.query('position'));
    const { rows } = await client.query('SELECT id, protocollo, kind, channel, recipient, locale, subject, body, sent_at FROM web_notices WHERE requester_cf = $1 ORDER BY sent_at DESC, id DESC LIMIT 100', [identity.cf]);
    return c.json({
      notices: rows.map((row) => ({ id: row.id, protocollo: row.protocollo, kind: row.kind, channel: row.channel, to: row.recipient, locale: row.locale, subject: row.subject, body: row.body, sentAt: new Date(row.sent_at).toISOString() })),
    });
  });

  // ---- operator side (Fascicolo elettronico) --------------------------------------------------
  app.get('/api/operator/requests', async (c) => {
    const fixed = {};
    const matricola = c.req.query('matricola');
    if (matricola) fixed.matricola = matricola;
    const page = await listRequestRows(repository, listQuery(c, fixed), localeOf(c.req.query('locale')), lifecycle.messages);
    return c.json(page);
  });

  app.get('/api/operator/queue', async (c) => {
    const page = await listRequestRows(repository, { ...listQuery(c, {}), states: ['IN_CARICO_SEDE'] }, localeOf(c.req.query('locale')), lifecycle.messages);
    return c.json(page);
  });

  app.get('/api/operator/requests/:protocollo', async (c) => {
    const locale = localeOf(c.req.query('locale'));
    const request = await repository.get(c.req.param('protocollo'));
    if (!request) throw new HttpError(404, 'UNKNOWN_PROTOCOLLO', 'No such request.');
    const audits = await store.auditStore.listFor(request.protocollo);
    return c.json({
      view: toOperatorRequestView(request, locale, lifecycle.messages),
      subject: request.subject,
      data: request.data,
      motivazione: request.outcome?.motivazione ?? null,
      checks: (await latestViews(request.protocollo))?.[locale]?.checks ?? [],
      retry: request.retry ?? null,
      history: request.history.map((entry) => ({
        at: entry.event.at,
        type: entry.event.type,
        actor: entry.event.actor.kind,
        ...(entry.event.actor.operatorId && { operatorId: entry.event.actor.operatorId }),
        from: entry.from ?? null,
        to: entry.to,
        ...(entry.event.code && { code: entry.event.code, message: entry.event.message }),
      })),
      audits: audits.map((audit) => ({ id: audit.id, attempt: audit.attempt, recordedAt: audit.recordedAt, outcome: audit.record.outcome.kind ?? null, ruleSet: audit.record.ruleSet ?? null })),
    });
  });

  app.post('/api/operator/requests/:protocollo/close', async (c) => {
    const body = await jsonBody(c, { operatorId: 'string', verdict: 'enum:ACCOLTA|NON_ACCOLTA', motivazione: 'string' });
    if (!/^OP-[0-9A-Z-]{1,30}$/.test(body.operatorId)) throw new HttpError(400, 'INVALID_BODY', 'operatorId must look like OP-7000-12.');
    if (body.motivazione.trim().length < 10 || body.motivazione.length > 2_000) throw new HttpError(400, 'INVALID_BODY', 'motivazione must be 10 to 2,000 characters.');
    const step = await lifecycle.closeByOperator(c.req.param('protocollo'), { operatorId: body.operatorId, verdict: body.verdict, motivazione: body.motivazione.trim() });
    return c.json({ protocollo: step.request.protocollo, state: step.request.state });
  });

  // The audit records of a request, one JSON per line: what `smart-task replay` reads.
  app.get('/api/operator/requests/:protocollo/audit', async (c) => {
    const request = await repository.get(c.req.param('protocollo'));
    if (!request) throw new HttpError(404, 'UNKNOWN_PROTOCOLLO', 'No such request.');
    const audits = await store.auditStore.listFor(request.protocollo);
    const body = audits.map((audit) => JSON.stringify(audit.record)).join('\n') + (audits.length > 0 ? '\n' : '');
    return c.body(body, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': `attachment; filename="audit-${request.protocollo}.jsonl"` });
  });

  // ---- the fake back office's control -----------------------------------------------------------
  app.get('/api/control/back-office', async (c) => c.json({ control: backOffice.control(), ledger: await backOffice.ledger() }));
  app.post('/api/control/back-office', async (c) => {
    const body = await jsonBody(c, { dataPort: 'object?', actionPort: 'object?' });
    const change = {};
    for (const port of ['dataPort', 'actionPort']) {
      const given = body[port];
      if (!given) continue;
      if (!['ok', 'slow', 'failing'].includes(given.mode)) throw new HttpError(400, 'INVALID_BODY', `${port}.mode must be ok, slow or failing`);
      const delayMs = given.delayMs ?? 1_500;
      if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 20_000) throw new HttpError(400, 'INVALID_BODY', `${port}.delayMs must be 0 to 20000`);
      change[port] = { mode: given.mode, delayMs };
    }
    return c.json({ control: backOffice.setControl(change) });
  });
  app.post('/api/control/reset', async (c) => c.json({ control: await backOffice.reset() }));

  app.all('/api/*', (c) => c.json({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } }, 404));

  // ---- the page -----------------------------------------------------------------------------------
  const staticDir = options.staticDir ?? fileURLToPath(new URL('../dist', import.meta.url));
  if (existsSync(staticDir)) {
    app.use('/*', serveStatic({ root: staticDir }));
    app.get('*', serveStatic({ path: `${staticDir}/index.html` }));
  }

  return {
    app,
    engine,
    lifecycle,
    store,
    backOffice,
    /** Stops the scheduler, waits for the work in hand and closes the database. */
    async close() {
      ticking = false;
      clearTimeout(timer);
      await work;
      await store.close();
    },
  };
}

/**
 * Starts the server on `host:port` (127.0.0.1 and a free port by default) and answers its URL.
 * @param {Parameters<typeof createWebApp>[0] & { host?: string, port?: number }} [options]
 */
export async function startWebServer(options = {}) {
  const web = await createWebApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise((resolve, reject) => {
    const started = serve({ fetch: web.app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address();
  return {
    ...web,
    url: `http://${host}:${port}`,
    async close() {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await closed;
      await web.close();
    },
  };
}
