import { describe, expect, it } from 'vitest';
import type { NotificationMessage, RequestState } from '../../src/entries/lifecycle.js';
import type { PortFixture } from '../../src/index.js';
import { SmartTaskError, createEngine, toContributorView } from '../../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { createInMemoryRequestRepository, createRequestLifecycle, stateLabel, toRequestListRow } from '../../src/entries/lifecycle.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from '../support/revoca.js';
import { bundledCatalog, engineFor } from '../support/shared-engine.js';

// The host declares its locale once; 'de' then type-checks wherever a locale is chosen.
declare module '../../src/index.js' {
  interface HostLocales {
    de: true;
  }
}

const rejected = { ...revocaData, delegaId: 'DEL-002' };
const email = (locale?: 'it' | 'en' | 'de') => ({ channel: 'EMAIL', address: 'aurora@example.it', ...(locale && { locale }) }) as const;

/** The issues a call is refused with, as `file pointer CODE`. */
function refusal(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (!(error instanceof SmartTaskError)) throw error;
    return error.issues.map((found) => `${found.file} ${found.pointer} ${found.code}`);
  }
  return [];
}

describe('a host rewords a notice text and a state label', () => {
  it("through the lifecycle: its notices and its list rows say the host's words, the rest stays built in", async () => {
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const sent: NotificationMessage[] = [];
    const lifecycle = createRequestLifecycle({
      engine,
      repository: createInMemoryRequestRepository(),
      clock: { now: () => NOW },
      nextProtocollo: () => 'INPS.7000.2026.0042',
      notifications: { send: async (message) => void sent.push(message) },
      messages: { it: { 'notice.PROTOCOLLATA.subject': 'Smart-Task {protocollo}: abbiamo ricevuto «{titolo}»', 'state.NON_ACCOLTA': 'Respinta' } },
    });
    const { request } = await lifecycle.submit({ taskId: TASK, subject: azienda, data: rejected, notifications: email() });
    expect(sent.map((message) => message.subject)).toEqual(['Smart-Task INPS.7000.2026.0042: abbiamo ricevuto «Revoca delega intermediario»', 'Smart-Task INPS.7000.2026.0042: Respinta']);
    expect(sent[1]?.body).toContain('è stata esaminata. Esito: Respinta.\n\nMotivi:\n');
    expect(sent[1]?.body.startsWith('Gentile utente,\n')).toBe(true);
    expect(toRequestListRow(request, 'it', lifecycle.messages).stateLabel).toBe('Respinta');
    expect(toRequestListRow(request, 'it').stateLabel).toBe('Non accolta');
    expect(stateLabel('NON_ACCOLTA', 'en', lifecycle.messages)).toBe('Not accepted');
  });

  it('refuses a faulty override when the engine or the lifecycle is created', () => {
    const ports = { dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort() };
    expect(refusal(() => createEngine({ catalog: bundledCatalog(), ...ports, messages: { it: { 'state.ACOLTA': 'Sì' } as never } }))).toEqual(['<engine> /messages/it/state.ACOLTA INVALID_MESSAGES']);
    const engine = engineFor(ports);
    expect(refusal(() => createRequestLifecycle({ engine, repository: createInMemoryRequestRepository(), nextProtocollo: () => 'P', messages: { en: { 'notice.greeting': 'Hi {nome},' } } }))).toEqual([
      '<lifecycle> /messages/en/notice.greeting INVALID_MESSAGES',
    ]);
  });
});

describe('a third locale, with Italian for what it lacks', () => {
  let fixture: PortFixture = revocaFixture();
  const dataPort = { fetch: (...args: Parameters<ReturnType<typeof createInMemoryDataPort>['fetch']>) => createInMemoryDataPort(fixture).fetch(...args) };
  const engine = createEngine({
    catalog: bundledCatalog(),
    dataPort,
    actionPort: createInMemoryActionPort(),
    clock: { now: () => NOW },
    locale: 'de',
    messages: {
      de: {
        'state.NON_ACCOLTA': 'Nicht angenommen',
        'outcome.NON_ACCOLTA.label': 'Nicht angenommen',
        'notice.greeting': 'Guten Tag,',
        'request.MIN_LENGTH': '«{field}» braucht mindestens {limit} Zeichen.',
        'request.DOMAIN_FORMAT': '„{field}“: {detail}',
        'form.NO_OPTIONS': 'Es gibt nichts zur Auswahl.',
      },
    },
  });

  it("is a locale of the engine's messages", () => {
    expect(engine.messages.locales).toEqual(['it', 'en', 'de']);
    expect(stateLabel('NON_ACCOLTA', 'de', engine.messages)).toBe('Nicht angenommen');
    expect(stateLabel('RITIRATA', 'de', engine.messages)).toBe('Ritirata');
    expect(stateLabel('RITIRATA', 'de')).toBe('Ritirata');
  });

  it('request issues carry the German text, Italian where the host wrote none, and catalog titles in Italian', () => {
    const issues = engine.validate(TASK, { ...revocaData, motivo: 'ALTRO', noteMotivo: 'ab', extra: 1 }).issues;
    expect(issues.map((found) => found.message)).toEqual([
      { it: '«Descrivi il motivo» deve contenere almeno 5 caratteri.', en: '«Describe the reason» needs at least 5 characters.', de: '«Descrivi il motivo» braucht mindestens 5 Zeichen.' },
      { it: 'Il dato «extra» non fa parte di questa richiesta: toglilo.', en: '«extra» is not part of this request: remove it.', de: 'Il dato «extra» non fa parte di questa richiesta: toglilo.' },
    ]);
    const [pec] = engine.validate('variazione-indirizzo-pec-aziendale', { nuovaPec: 'aurora@@pec.it' }).issues;
    expect(pec?.message.de).toBe(`„Nuova PEC“: ${pec?.message.it.replace(/^«Nuova PEC»: /, '')}`);
  });

  it('the form is composed in German where the host wrote it, in Italian elsewhere', async () => {
    fixture = revocaFixture({ deleghe: [{ result: [] }] });
    const form = await engine.composeForm(TASK, azienda);
    fixture = revocaFixture();
    if (form.status !== 'ready') throw new Error(`expected a ready form, got ${form.status}`);
    expect(form.locale).toBe('de');
    expect(form.notices).toEqual([{ field: 'delegaId', code: 'NO_OPTIONS', message: 'Es gibt nichts zur Auswahl.' }]);
    expect(form.schema.title).toBe('Revoca delega intermediario');
    expect(form.known.find((value) => value.field === 'matricola')?.source.description).toBe('Cassetto previdenziale: profilo e posizione selezionati');
  });

  it('views and notices in German fall back to Italian text by text', async () => {
    const result = await engine.evaluate(TASK, { requestId: 'R-de', subject: azienda, data: rejected });
    const view = toContributorView(result, 'de', engine.messages);
    expect(view.outcomeLabel).toBe('Nicht angenommen');
    expect(view.summary).toBe(toContributorView(result, 'it').summary);
    expect(view.reasons).toEqual(toContributorView(result, 'it').reasons);

    const sent: NotificationMessage[] = [];
    const lifecycle = createRequestLifecycle({ engine, repository: createInMemoryRequestRepository(), clock: { now: () => NOW }, nextProtocollo: () => 'INPS.7000.2026.0043', notifications: { send: async (message) => void sent.push(message) } });
    const { request } = await lifecycle.submit({ taskId: TASK, subject: azienda, data: rejected, notifications: email('de') });
    const outcome = sent[1] as NotificationMessage;
    expect(outcome).toMatchObject({ kind: 'ESITO_DISPONIBILE', locale: 'de', subject: 'Smart-Task INPS.7000.2026.0043: Nicht angenommen' });
    expect(outcome.body.split('\n').slice(0, 3)).toEqual(['Guten Tag,', '', 'la tua richiesta Smart-Task «Revoca delega intermediario» (protocollo INPS.7000.2026.0043) è stata esaminata. Esito: Nicht angenommen.']);
    expect(outcome.body).toContain('\nMotivi:\n- ');
    expect(toRequestListRow(request, 'de', lifecycle.messages)).toMatchObject({ stateLabel: 'Nicht angenommen', task: { title: 'Revoca delega intermediario' } });
  });

  it('a locale the engine has no texts for is refused where it is chosen', async () => {
    expect(refusal(() => engine.listTasks(azienda, { locale: 'fr' as never }))).toEqual(['<request> /options/locale INVALID_REQUEST']);
    expect(refusal(() => createEngine({ catalog: bundledCatalog(), dataPort, actionPort: createInMemoryActionPort(), locale: 'de' }))).toEqual(['<engine> /locale INVALID_ENGINE_OPTION']);
    // Only declared locales type-check (checked by `pnpm typecheck`, never run).
    const typeOnly = (state: RequestState) => [
      stateLabel(state, 'de'),
      // @ts-expect-error 'fr' is not a declared locale
      stateLabel(state, 'fr'),
    ];
    expect(typeof typeOnly).toBe('function');
  });
});
