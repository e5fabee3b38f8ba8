// End-to-end tests of the example host application in headless Chromium: Debian's chromium driven by
// playwright-core (never a browser download), the server on 127.0.0.1 with a free port and a fresh
// embedded database, nothing reached beyond 127.0.0.1. Each case runs in both renderers (RJSF and JSON
// Forms); every page visited is checked with axe-core (no serious or critical violation); the main
// pages are photographed into a temporary folder, or into docs/images/web/ with `pnpm web:screenshots`
// (SMART_TASK_SCREENSHOTS_DIR), so that a test run leaves the working tree as it was.
//
//   pnpm test:web                     # from the root: ensures chromium, builds, runs this file
//   pnpm web:screenshots              # the same, rewriting the screenshots the docs show
//   SMART_TASK_CHROMIUM=/path/to/chromium pnpm --filter @smart-task/example-web test:e2e
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startWebServer } from '../server/app.mjs';

const require = createRequire(import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const CHROMIUM = process.env.SMART_TASK_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SMART_TASK_SCREENSHOTS_DIR ?? join(tmpdir(), 'smart-task-web-screenshots');
const AXE = require.resolve('axe-core/axe.min.js');
/** Long enough for a busy two-core machine: every wait is for a condition, never a fixed sleep. */
const WAIT = { timeout: 60_000 };

/** The visible text of every element a locator matches ('' when none). */
const textOf = async (locator) => ((await locator.count()) === 0 ? '' : (await locator.allInnerTexts()).join('\n'));
/** Waits until the text of `locator` contains (or, with `not`, no longer contains) `text`. */
const hasText = (locator, text) => expect.poll(() => textOf(locator), WAIT).toContain(text);
const lacksText = (locator, text) => expect.poll(() => textOf(locator), WAIT).not.toContain(text);
const attributeOf = (locator, name) => expect.poll(() => locator.first().getAttribute(name), WAIT);
const countOf = (locator) => expect.poll(() => locator.count(), WAIT);

let web;
let browser;
let dataDir;
const accessibility = [];

beforeAll(async () => {
  if (!existsSync(here('../dist/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: here('../vite.config.mjs'), logLevel: 'warn' });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/chromium-for-tests.sh (or set SMART_TASK_CHROMIUM)`);
  dataDir = mkdtempSync(join(tmpdir(), 'smart-task-web-e2e-'));
  // Retries within a second, so that a technical fault reaches the Sede while the test watches.
  web = await startWebServer({ dataDir, port: 0, retryPolicy: { maxAttempts: 3, baseDelayMs: 300, factor: 1, maxDelayMs: 300 }, tickMs: 200, log: () => undefined });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--lang=it-IT', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * What happened in the page — its console, errors, failed requests and the API calls with their
 * bodies and answers — printed when the test fails; with SMART_TASK_TRACE_DIR, a Playwright trace of
 * the JSON Forms tests too (`npx playwright show-trace` on the zip). An intermittent failure then
 * shows what the page did, not only the assertion that timed out.
 */
async function keepJournal(context, page, renderer) {
  const journal = [];
  const note = (line) => journal.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  const isApi = (url) => url.includes('/api/');
  page.on('console', (message) => note(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => note(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => note(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
  page.on('request', (request) => isApi(request.url()) && note(`-> ${request.method()} ${request.url().replace(web.url, '')} ${request.postData() ?? ''}`));
  page.on('response', async (response) => isApi(response.url()) && response.request().method() === 'POST' && note(`<- ${response.status()} ${response.url().replace(web.url, '')} ${await response.text().catch(() => '')}`));
  const traceDir = renderer === 'jsonforms' ? process.env.SMART_TASK_TRACE_DIR : undefined;
  if (traceDir) await context.tracing.start({ screenshots: true, snapshots: true });
  onTestFailed(async ({ task }) => {
    console.error(`--- the page during "${task.name}" ---\n${journal.join('\n')}`);
    if (!traceDir) return;
    const path = join(traceDir, `trace-${Date.now()}.zip`);
    await context.tracing.stop({ path });
    console.error(`trace: ${path}`);
  });
}

/** A new page of the application as `identity`, with `renderer` and the language chosen. */
async function openApp({ renderer = 'rjsf', identity = 'azienda', locale = 'it' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  // Nothing beyond the server: any other request fails the test.
  const origin = new URL(web.url).origin;
  const foreign = [];
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : (foreign.push(route.request().url()), route.abort())));
  await context.addInitScript(
    ([chosenRenderer, chosenIdentity, chosenLocale]) => {
      if (window.sessionStorage.getItem('st.init')) return;
      window.sessionStorage.setItem('st.init', '1');
      window.localStorage.setItem('st.renderer', chosenRenderer);
      window.localStorage.setItem('st.identity', chosenIdentity);
      window.localStorage.setItem('st.locale', chosenLocale);
    },
    [renderer, identity, locale],
  );
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await keepJournal(context, page, renderer);
  await page.goto(`${web.url}/#/`);
  await page.getByRole('heading', { level: 1, name: locale === 'it' ? 'Crea Smart-Task' : 'Create Smart-Task' }).waitFor();
  return {
    page,
    async close() {
      expect(errors, 'errors thrown in the page').toEqual([]);
      expect(foreign, 'requests beyond 127.0.0.1').toEqual([]);
      await context.close();
    },
  };
}

/** axe-core on the page as it is: no serious or critical violation. */
async function checkAccessibility(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const grave = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  accessibility.push({ name, violations: result.violations.length, grave: grave.length });
  expect(
    grave.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    `axe on ${name}`,
  ).toEqual([]);
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const api = async (path, body) => {
  const response = await fetch(`${web.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
};

/** Opens the form of a task from "Crea Smart-Task". */
async function openTask(page, taskId) {
  await page.goto(`${web.url}/#/`);
  await page.locator(`a[data-task="${taskId}"]`).click();
  await page.getByRole('button', { name: /Invia richiesta|Send request/ }).waitFor();
}

/** Chooses, in the select labelled `label`, the option whose text contains `text`. */
async function choose(page, label, text) {
  const select = page.getByLabel(label, { exact: false }).and(page.locator('select'));
  // JSON Forms' vanilla select puts the text in the option's label attribute, RJSF in its content.
  const labels = () => select.locator('option').evaluateAll((options) => options.map((option) => option.label || option.textContent || ''));
  await expect.poll(labels, WAIT).toEqual(expect.arrayContaining([expect.stringContaining(text)]));
  const options = await labels();
  await select.selectOption({ index: options.findIndex((option) => option.includes(text)) });
}

/** The field block of the input labelled `label` (RJSF's form-group, JSON Forms' control). */
function fieldBlock(page, label) {
  return page
    .locator('.form-group, .control')
    .filter({ has: page.getByLabel(label, { exact: false }) })
    .last();
}

async function fillRevoca(page, { delega = 'Studio Verdi', date, motivo = "Cessazione dell'incarico" }) {
  await choose(page, 'Delega da revocare', delega);
  await page.getByLabel('Data di efficacia della revoca', { exact: false }).fill(date);
  await page.getByLabel(motivo, { exact: true }).check();
}

/** Submits the form and answers the protocol number shown. */
async function submit(page) {
  await page.getByRole('button', { name: 'Invia richiesta' }).click();
  const protocollo = page.getByTestId('protocollo');
  await protocollo.waitFor();
  return protocollo.textContent();
}

/** Opens the contributor's page of a request and waits for one of `states`. */
async function detailIn(page, protocollo, states) {
  await page.goto(`${web.url}/#/richieste/${protocollo}`);
  const article = page.locator('article.detail');
  await expect.poll(() => article.getAttribute('data-state'), WAIT).toMatch(new RegExp(`^(${states.join('|')})$`));
  return article;
}

describe.each(['rjsf', 'jsonforms'])('the Cassetto and the Fascicolo with %s', (renderer) => {
  it('accepts a revocation: protocol number, Lista Richieste, esito with checks and operations; the back office changes', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await checkAccessibility(page, `crea (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'crea-smart-task');
    await openTask(page, 'revoca-delega-intermediario');
    // The known data, read-only, with its source.
    await hasText(page.locator('[data-known="matricola"]'), '1234567860');
    await hasText(page.locator('[data-known="matricola"]'), 'Fonte');
    await fillRevoca(page, { date: '2026-03-10' });
    await checkAccessibility(page, `form (${renderer})`);
    await screenshot(page, `form-${renderer}`);
    const protocollo = await submit(page);
    expect(protocollo).toMatch(/^INPS\.7000\.2026\.\d{4}$/);

    await page.goto(`${web.url}/#/richieste`);
    const row = page.locator(`tr[data-protocollo="${protocollo}"]`);
    await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('ACCOLTA');
    await attributeOf(row, 'class').toBe('smart-task--accolta');
    await expect.poll(() => textOf(row.locator('.smart-task-marker')), WAIT).toBe('Smart-Task');
    await checkAccessibility(page, `lista richieste (${renderer})`);

    const article = await detailIn(page, protocollo, ['ACCOLTA']);
    await expect.poll(() => textOf(article.getByTestId('state')), WAIT).toBe('Accolta');
    await hasText(article.locator('.operations li').first(), 'Delega DEL-001 revocata');
    await article.locator('.checks li.check--passed').first().first().waitFor();
    await checkAccessibility(page, `dettaglio accolta (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'dettaglio-accolta');

    // The back office performed the revocation: the delega is no longer offered.
    await openTask(page, 'revoca-delega-intermediario');
    const form = await api(`/api/forms/revoca-delega-intermediario?identity=azienda`);
    expect(JSON.stringify(form.form.schema)).not.toContain('DEL-001');
    await close();
  });

  it('rejects a revocation with its reasons, at once and in Italian', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'revoca-delega-intermediario');
    await fillRevoca(page, { date: '2025-01-01' });
    const protocollo = await submit(page);
    const article = await detailIn(page, protocollo, ['NON_ACCOLTA']);
    await expect.poll(() => textOf(article.getByTestId('state')), WAIT).toBe('Non accolta');
    await hasText(article.locator('.reasons li[data-code="NA-DATA-NON-AMMESSA"]'), '01/01/2025');
    await article.locator('.checks li.check--failed').first().first().waitFor();
    await countOf(article.locator('.operations')).toBe(0);
    await checkAccessibility(page, `dettaglio non accolta (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'dettaglio-non-accolta');

    // The notice of the outcome reached the requester's PEC.
    await page.goto(`${web.url}/#/avvisi`);
    await hasText(page.locator(`li[data-protocollo="${protocollo}"][data-kind="ESITO_DISPONIBILE"]`), 'Non accolta');
    await checkAccessibility(page, `avvisi (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'avvisi');
    await close();
  });

  it('sends the change made just before the submit, even one the page has not been told of yet', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'revoca-delega-intermediario');
    await choose(page, 'Delega da revocare', 'Studio Verdi');
    await page.getByLabel('Data di efficacia della revoca', { exact: false }).fill('2026-03-10');
    // On a busy machine the browser runs queued input before an overdue timer, so the last click and the
    // submit can both come before JSON Forms emits that click (10 ms later): here both in one task, every time.
    const send = await page.getByRole('button', { name: 'Invia richiesta' }).elementHandle();
    await page.getByLabel("Cessazione dell'incarico", { exact: true }).evaluate((radio, button) => {
      radio.click();
      button.click();
    }, send);
    expect(await page.getByTestId('protocollo').textContent()).toMatch(/^INPS\.7000\.2026\.\d{4}$/);
    await close();
  });

  it("shows the engine's Italian message for a PEC the renderer cannot check, at the field, and clears it when fixed", async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'variazione-indirizzo-pec-aziendale');
    await hasText(page.locator('[data-known="pecAttuale"]'), 'aurora@pec.it');
    const input = page.getByLabel('Nuova PEC', { exact: false });
    await input.fill('aurora-at-pec.it');
    await page.getByRole('button', { name: 'Invia richiesta' }).click();
    const block = fieldBlock(page, 'Nuova PEC');
    await hasText(block, "L'indirizzo PEC non è scritto correttamente");
    await hasText(page.getByRole('alert'), 'Correggi i campi segnalati');
    await countOf(page.getByTestId('protocollo')).toBe(0);
    await checkAccessibility(page, `form with errors (${renderer})`);
    await screenshot(page, `form-errors-${renderer}`);
    // A required field left empty: the renderer's own check, in Italian too.
    await input.fill('');
    await hasText(block, 'Indica la nuova PEC.');
    await lacksText(block, 'must');
    await input.fill('direzione.aurora@pec.it');
    await lacksText(block, "L'indirizzo PEC non è scritto correttamente");
    await lacksText(block, 'Indica la nuova PEC.');

    // English on request: the same message from the engine, in English.
    await page.getByTestId('locale').selectOption('en');
    await page.getByRole('button', { name: 'Send request' }).waitFor();
    await page.getByLabel('New PEC', { exact: false }).fill('aurora-at-pec.it');
    await page.getByRole('button', { name: 'Send request' }).click();
    await hasText(fieldBlock(page, 'New PEC'), 'The PEC address is not written correctly');
    await close();
  });

  it('shows a conditional field, required, only when its condition holds', async () => {
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'revoca-delega-intermediario');
    await api('/api/control/reset', {});
    await fillRevoca(page, { date: '2026-03-10', motivo: 'Altro' });
    const note = page.getByLabel('Descrivi il motivo', { exact: false });
    await note.waitFor();
    // The required mark, in both renderers.
    await hasText(fieldBlock(page, 'Descrivi il motivo'), '*');
    await page.getByRole('button', { name: 'Invia richiesta' }).click();
    await hasText(fieldBlock(page, 'Descrivi il motivo'), 'Compila il campo «Descrivi il motivo».');
    await page.getByLabel("Cessazione dell'incarico", { exact: true }).check();
    // Hidden: RJSF takes it out of the page, JSON Forms hides it.
    await expect.poll(() => note.isVisible(), WAIT).toBe(false);
    await page.getByLabel('Altro', { exact: true }).check();
    await page.getByLabel('Descrivi il motivo', { exact: false }).fill('Chiusura dello studio');
    await lacksText(fieldBlock(page, 'Descrivi il motivo'), 'Compila il campo');
    const protocollo = await submit(page);
    await detailIn(page, protocollo, ['ACCOLTA']);
    await close();
  });

  it('offers a list of options as checkboxes with its required mark and Italian message', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'cancellazione-contatti-anomali-ndr');
    const block = page.locator('.form-group, .control').filter({ hasText: 'Recapiti anomali da cancellare' }).last();
    const boxes = block.locator('input[type="checkbox"]');
    await boxes.first().waitFor();
    await hasText(block, 'Recapiti anomali da cancellare*');
    await lacksText(page.locator('main'), 'Add to');
    await page.getByRole('button', { name: 'Invia richiesta' }).click();
    await hasText(block, 'Scegli almeno un recapito da cancellare.');
    await boxes.first().check();
    await lacksText(block, 'Scegli almeno un recapito da cancellare.');
    await checkAccessibility(page, `form with a list (${renderer})`);
    const protocollo = await submit(page);
    await detailIn(page, protocollo, ['ACCOLTA', 'NON_ACCOLTA']);
    await close();
  });

  it('retries a technical fault, hands the request to the Sede, and an operator closes it with a motivazione', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp({ renderer });
    await openTask(page, 'variazione-indirizzo-pec-aziendale');
    await page.getByLabel('Nuova PEC', { exact: false }).fill(`sede.${renderer}@pec.it`);

    // The archives go down, through the back office's control page.
    const control = await page.context().newPage();
    await control.goto(`${web.url}/#/back-office`);
    await control.locator('select[name="dataPort-mode"]').selectOption('failing');
    await control.getByRole('button', { name: 'Applica' }).click();
    await control.getByRole('status').waitFor();
    await checkAccessibility(control, `back office (${renderer})`);
    if (renderer === 'rjsf') await screenshot(control, 'back-office');
    await control.close();

    const protocollo = await submit(page);
    const article = await detailIn(page, protocollo, ['IN_CARICO_SEDE']);
    await expect.poll(() => textOf(article.getByTestId('state')), WAIT).toBe('In carico alla Sede');
    await hasText(article.locator('.history li'), 'In lavorazione');
    await api('/api/control/back-office', { dataPort: { mode: 'ok' } });

    await page.goto(`${web.url}/#/operatore`);
    const row = page.locator(`table:has(caption:text-is("Richieste in carico alla Sede")) tr[data-protocollo="${protocollo}"]`);
    await row.waitFor();
    await checkAccessibility(page, `operatore (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'operatore-coda');
    await row.getByRole('link', { name: protocollo }).click();
    await expect.poll(() => textOf(page.getByTestId('attempts')), WAIT).toBe('3');
    await hasText(page.getByTestId('last-failure'), 'PORT_UNAVAILABLE');
    const download = page.getByTestId('audit-download');
    const audit = await (await fetch(new URL(await download.getAttribute('href'), web.url))).text();
    const records = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => record.outcome.kind)).toEqual(['technical-failure', 'technical-failure', 'technical-failure']);
    expect(records.every((record) => record.requestId === protocollo)).toBe(true);

    await page.getByLabel('Motivazione (per il richiedente)').fill('La nuova PEC è stata registrata dalla Sede dopo la verifica manuale.');
    await checkAccessibility(page, `operatore richiesta (${renderer})`);
    if (renderer === 'rjsf') await screenshot(page, 'operatore-chiusura');
    await page.getByRole('button', { name: 'Chiudi con questo esito' }).click();
    await attributeOf(page.locator('article.operator'), 'data-state').toBe('ACCOLTA');

    const closed = await detailIn(page, protocollo, ['ACCOLTA']);
    await hasText(closed.getByTestId('motivazione'), 'registrata dalla Sede');
    await page.goto(`${web.url}/#/avvisi`);
    await page.locator(`li[data-protocollo="${protocollo}"][data-kind="CHIUSA_DA_OPERATORE"]`).first().waitFor();
    await close();
  });
});

describe('Lista Richieste and the identities', () => {
  it('updates by itself while the istruttoria runs, filters by state and pages', async () => {
    await api('/api/control/reset', {});
    const { page, close } = await openApp();
    // Enough requests for a second page, filed through the API.
    for (let index = 0; index < 11; index += 1) {
      const answer = await api('/api/requests', { identity: 'azienda', taskId: 'revoca-delega-intermediario', data: { delegaId: 'DEL-001', dataEfficacia: '2024-01-01', motivo: 'CESSAZIONE_INCARICO' } });
      expect(answer.protocollo).toMatch(/^INPS\./);
    }
    // A slow archive: the list says the istruttoria is running, then the row changes without a reload.
    await api('/api/control/back-office', { dataPort: { mode: 'slow', delayMs: 1_500 } });
    await openTask(page, 'revoca-delega-intermediario');
    await fillRevoca(page, { date: '2026-03-10' });
    const protocollo = await submit(page);
    await page.goto(`${web.url}/#/richieste`);
    await page.getByText('Istruttoria in corso').waitFor();
    await screenshot(page, 'lista-richieste');
    const row = page.locator(`tr[data-protocollo="${protocollo}"]`);
    await attributeOf(row, 'data-state').toBe('ACCOLTA');
    await countOf(page.getByText('Istruttoria in corso')).toBe(0);
    await api('/api/control/back-office', { dataPort: { mode: 'ok' } });

    await page.locator('select[name="states"]').selectOption('NON_ACCOLTA');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await expect.poll(async () => [...new Set(await page.locator('tbody tr').evaluateAll((rows) => rows.map((item) => item.getAttribute('data-state'))))], WAIT).toEqual(['NON_ACCOLTA']);
    await page.locator('select[name="states"]').selectOption('');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await hasText(page.locator('.pager'), 'Pagina 1 di');
    await page.getByRole('button', { name: 'Pagina successiva' }).click();
    await hasText(page.locator('.pager'), 'Pagina 2 di');
    await countOf(page.locator('tbody tr')).not.toBe(0);
    await close();
  });

  it('offers each profile its own tasks, and shows a value the archives do not hold as absent', async () => {
    const { page, close } = await openApp({ identity: 'dipendente' });
    await page.locator('a[data-task="variazione-contatti-dipendente"]').waitFor();
    await countOf(page.locator('a[data-task="revoca-delega-intermediario"]')).toBe(0);
    await openTask(page, 'variazione-contatti-dipendente');
    await hasText(page.locator('[data-known="pecAttuale"]'), 'non presente in archivio');
    await countOf(page.getByLabel('PEC registrata')).toBe(0);
    await page.getByTestId('identity').selectOption('intermediario');
    await page.goto(`${web.url}/#/`);
    await page.locator('a[data-task="variazione-contatti-intermediario"]').waitFor();
    await countOf(page.locator('a[data-task="variazione-contatti-dipendente"]')).toBe(0);
    await close();
  });
});

describe('the accessibility checks', () => {
  it('ran on every page', () => {
    expect(accessibility.length).toBeGreaterThanOrEqual(22);
  });
});
