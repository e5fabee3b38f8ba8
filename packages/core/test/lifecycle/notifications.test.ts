import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, Locale, Reason, RuleSetDocument } from '../../src/index.js';
import { BUILT_IN_MESSAGES } from '../../src/index.js';
import type { LifecycleEvent, LifecycleRequest, NotificationChannel, NotificationKind, NotificationMessage } from '../../src/entries/lifecycle.js';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, SMS_MAX_LENGTH, applyEvent, composeNotification, createInMemoryRequestRepository, createRequestLifecycle, openRequest, summarizeReasons } from '../../src/entries/lifecycle.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { gsm7Length } from '../../src/notifications/gsm7.js';
import { withholdOtherTaxCodes } from '../../src/notifications/reason-summary.js';
import { AZIENDA_CF, INTERMEDIARIO_CF, NOW, SOGGETTO_CF, TASK, azienda, revocaData, revocaFixture } from '../support/revoca.js';
import { at, eventOf, submitEvent } from './support.js';
import { bundledCatalog, engineFor } from '../support/shared-engine.js';

const LOCALES: readonly Locale[] = ['it', 'en'];
const LATER = at(3_600_000);

/** A request whose latest step calls for `kind`, told through `channel` in `locale`. */
function requestFor(kind: NotificationKind, channel: NotificationChannel, locale: Locale, title = submitEvent().title): LifecycleRequest {
  const opened = openRequest(submitEvent({ title, notifications: { channel, address: channel === 'SMS' ? '+393331234567' : 'aurora@pec.it', locale } }));
  const start = eventOf('START_ISTRUTTORIA', at(1000));
  switch (kind) {
    case 'PROTOCOLLATA':
      return opened;
    case 'ESITO_DISPONIBILE':
      return applyEvent(applyEvent(opened, start), eventOf('RECORD_DECISION', LATER));
    case 'PRESA_IN_CARICO_SEDE':
      return applyEvent(applyEvent(opened, start), { ...(eventOf('RECORD_TECHNICAL_FAILURE', LATER) as Extract<LifecycleEvent, { type: 'RECORD_TECHNICAL_FAILURE' }>), retryable: false });
    case 'CHIUSA_DA_OPERATORE':
      return applyEvent(requestFor('PRESA_IN_CARICO_SEDE', channel, locale, title), eventOf('CLOSE_BY_OPERATOR', at(3_700_000)));
    case 'RITIRATA':
      return applyEvent(opened, eventOf('WITHDRAW', LATER));
  }
}

const compose = (kind: NotificationKind, channel: NotificationChannel, locale: Locale) => composeNotification(requestFor(kind, channel, locale), kind) as NotificationMessage;

describe('notice templates', () => {
  it('exist for every kind in Italian and English and use only the documented placeholders', () => {
    for (const locale of LOCALES) {
      for (const kind of NOTIFICATION_KINDS) {
        for (const text of (['subject', 'lead', 'sms'] as const).map((part) => BUILT_IN_MESSAGES[`notice.${kind}.${part}`][locale])) {
          expect(text.length).toBeGreaterThan(10);
          for (const [placeholder] of text.matchAll(/\{[^}]*\}/g)) expect(['{protocollo}', '{titolo}', '{esito}', '{data}', '{motivi}']).toContain(placeholder);
        }
      }
    }
  });
});

describe('notices per kind, channel and language', () => {
  it('the protocol notice says what was filed, its number and when (Rome time)', () => {
    const it = compose('PROTOCOLLATA', 'EMAIL', 'it');
    expect(it).toMatchObject({ kind: 'PROTOCOLLATA', channel: 'EMAIL', to: 'aurora@pec.it', locale: 'it', protocollo: 'INPS.7000.2026.0001', subject: 'Smart-Task INPS.7000.2026.0001: richiesta ricevuta' });
    expect(it.body).toContain('la tua richiesta Smart-Task «Revoca delega intermediario» è stata protocollata con il numero INPS.7000.2026.0001 il 10/03/2026 09:00.');
    expect(it.body.startsWith('Gentile utente,\n')).toBe(true);
    expect(it.body).toContain('Messaggio generato automaticamente');
    const en = compose('PROTOCOLLATA', 'PEC', 'en');
    expect(en.body).toContain('your Smart-Task request "Revocation of an intermediary\'s delega" was registered with protocol number INPS.7000.2026.0001 on 10/03/2026 09:00.');
    expect(en.body).toContain('sent to the PEC address in your contacts');
  });

  it('the outcome notice carries the outcome and the reasons in plain words, not codes alone', () => {
    const it = compose('ESITO_DISPONIBILE', 'PEC', 'it');
    expect(it.subject).toBe('Smart-Task INPS.7000.2026.0001: Non accolta');
    expect(it.body).toContain('Esito: Non accolta.\n\nMotivi:\n- La delega non è attiva.\n');
    expect(it.body).not.toContain('NA-DELEGA-NON-ATTIVA');
    const en = compose('ESITO_DISPONIBILE', 'EMAIL', 'en');
    expect(en.subject).toBe('Smart-Task INPS.7000.2026.0001: Not accepted');
    expect(en.body).toContain('Outcome: Not accepted.\n\nReasons:\n- The delega is not active.\n');
  });

  it('the hand-over notice says a Sede operator will decide and the request need not be filed again', () => {
    expect(compose('PRESA_IN_CARICO_SEDE', 'EMAIL', 'it').body).toContain('Un operatore della Sede INPS la esaminerà e la chiuderà con un esito: non devi presentarla di nuovo.');
    expect(compose('PRESA_IN_CARICO_SEDE', 'SMS', 'en').body).toBe("INPS Smart-Task INPS.7000.2026.0001 (Revocation of an intermediary's delega): passed to the INPS office after a technical problem. No need to file again.");
  });

  it("the closure notice carries the verdict and the operator's motivazione, not the operator's id", () => {
    const message = compose('CHIUSA_DA_OPERATORE', 'EMAIL', 'it');
    expect(message.body).toContain('è stata esaminata da un operatore della Sede INPS. Esito: Accolta.\n\nMotivazione:\n- Verificata la delega: revoca registrata.');
    expect(message.body).not.toContain('OP-7000-12');
    expect(compose('CHIUSA_DA_OPERATORE', 'SMS', 'it').body).toBe('INPS Smart-Task INPS.7000.2026.0001 (Revoca delega intermediario): Accolta. Verificata la delega: revoca registrata. Dettagli nel Cassetto.');
  });

  it('the withdrawal notice confirms it', () => {
    expect(compose('RITIRATA', 'SMS', 'it').body).toBe('INPS Smart-Task INPS.7000.2026.0001 (Revoca delega intermediario): richiesta ritirata come hai chiesto.');
    expect(compose('RITIRATA', 'EMAIL', 'en').subject).toBe('Smart-Task INPS.7000.2026.0001: request withdrawn');
  });

  it('e-mail and PEC have a subject, SMS has none; nothing is sent without a preference', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of LOCALES) {
        for (const channel of NOTIFICATION_CHANNELS) {
          const message = compose(kind, channel, locale);
          expect(message.body).toContain('INPS.7000.2026.0001');
          expect(message.subject === undefined).toBe(channel === 'SMS');
        }
      }
    }
    const { notifications: _none, ...withoutNotices } = submitEvent();
    const silent = openRequest(withoutNotices);
    expect(composeNotification(silent, 'PROTOCOLLATA')).toBeUndefined();
  });
});

describe('SMS', () => {
  const longTitle = { it: `Richiesta ${'molto '.repeat(30)}lunga`, en: `A ${'very '.repeat(30)}long request` };

  it.each(LOCALES.flatMap((locale) => NOTIFICATION_KINDS.map((kind) => [kind, locale] as const)))('%s (%s) fits one GSM-7 message even with a long title and long reasons', (kind, locale) => {
    for (const title of [submitEvent().title, longTitle]) {
      const request = requestFor(kind, 'SMS', locale, title);
      const body = composeNotification(request, kind)?.body ?? '';
      const length = gsm7Length(body);
      expect(length, body).toBeDefined();
      expect(length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(body).toContain('INPS.7000.2026.0001');
    }
  });

  it('shortens the reasons to fit and keeps the pointer to the Cassetto', () => {
    const reason = { code: 'NA-X', ruleId: 'X', message: { it: 'x', en: 'x' }, summary: { it: `La data di efficacia non è ammessa perché ${'cade fuori dalla finestra consentita '.repeat(4)}.`, en: 'x' } };
    const request = applyEvent(applyEvent(openRequest(submitEvent({ notifications: { channel: 'SMS', address: '+393331234567' } })), eventOf('START_ISTRUTTORIA', at(1000))), {
      type: 'RECORD_DECISION',
      at: LATER,
      actor: { kind: 'system' },
      verdict: 'NON_ACCOLTA',
      reasons: [reason, reason],
      warnings: [],
      operations: [],
    });
    const body = composeNotification(request, 'ESITO_DISPONIBILE')?.body ?? '';
    expect(gsm7Length(body)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(body).toBe('INPS Smart-Task INPS.7000.2026.0001 (Revoca delega intermediario): Non accolta. La data di efficacia non è ammessa perché cade fuori... Dettagli nel Cassetto.');
  });

  it('counts the GSM-7 extension characters (€ [ ] { } ^ ~ | \\) as two and still fits one SMS, whatever the title and motivazione', () => {
    expect(gsm7Length('€[]')).toBe(6);
    const text = fc.string({ unit: fc.constantFrom(...'€[]{}^~|\\ aèÈ—…“”«»ñ😀abc. '), maxLength: 240 });
    fc.assert(
      fc.property(text, text, fc.constantFrom(...LOCALES), (title, motivazione, locale) => {
        const inSede = requestFor('PRESA_IN_CARICO_SEDE', 'SMS', locale, { it: title || 'x', en: title || 'x' });
        const closed = applyEvent(inSede, { ...(eventOf('CLOSE_BY_OPERATOR', at(3_700_000)) as Extract<LifecycleEvent, { type: 'CLOSE_BY_OPERATOR' }>), motivazione: `${motivazione}.` });
        for (const [request, kind] of [
          [inSede, 'PRESA_IN_CARICO_SEDE'],
          [closed, 'CHIUSA_DA_OPERATORE'],
        ] as const) {
          const body = composeNotification(request, kind)?.body ?? '';
          const length = gsm7Length(body);
          expect(length, body).toBeDefined();
          expect(length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
          expect(body).toContain('INPS.7000.2026.0001');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('prefers whole reasons to a cut one', () => {
    const reason = (text: string) => ({ code: 'NA-X', ruleId: 'X', message: { it: text, en: text }, summary: { it: text, en: text } });
    const request = applyEvent(applyEvent(openRequest(submitEvent({ notifications: { channel: 'SMS', address: '+393331234567' } })), eventOf('START_ISTRUTTORIA', at(1000))), {
      type: 'RECORD_DECISION',
      at: LATER,
      actor: { kind: 'system' },
      verdict: 'NON_ACCOLTA',
      reasons: [reason('La delega non è attiva.'), reason(`La data ${'non va bene '.repeat(10)}.`)],
      warnings: [],
      operations: [],
    });
    expect(composeNotification(request, 'ESITO_DISPONIBILE')?.body).toBe('INPS Smart-Task INPS.7000.2026.0001 (Revoca delega intermediario): Non accolta. La delega non è attiva. Dettagli nel Cassetto.');
  });
});

describe('no data the requester did not give', () => {
  /** A rule set whose messages read port data, values derived from port data, and a third party's CF the requester typed. */
  const ruleSet = {
    facts: {
      soggetto: { port: 'soggettoContribuente', params: { cf: { fact: 'subject', path: '$.soggettoCf' } } },
      nuovaPec: { helper: 'normalizeEmail', args: { address: { fact: 'request', path: '$.nuovaPec' } } },
      esito: { port: 'esitoNotificheIndirizzo', params: { indirizzo: { fact: 'nuovaPec' } } },
      limite: { helper: 'addMonths', args: { date: { fact: 'soggetto', path: '$.dataInizio' }, months: 18 } },
    },
    gates: [],
    checks: [
      {
        id: 'C-1',
        message: { it: '{soggetto.denominazione} deve comunicare la PEC al Registro Imprese: presenta la variazione con ComUnica.', en: '{soggetto.denominazione} must give its PEC to the Registro Imprese: file the change through ComUnica.' },
      },
      { id: 'C-2', message: { it: 'Le notifiche a {nuovaPec} non sono state consegnate (esito: {esito.ultimoEsito}): verifica la casella.', en: 'Notices sent to {nuovaPec} were not delivered (outcome: {esito.ultimoEsito}): check the mailbox.' } },
      { id: 'C-3', message: { it: 'Il soggetto {request.cfCollegato} non è collegato a {subject.soggettoCf}; scegli un soggetto collegato.', en: 'Subject {request.cfCollegato} is not linked to {subject.soggettoCf}; choose a linked subject.' } },
      { id: 'C-4', message: { it: 'Il termine è scaduto il {limite|date}.', en: 'The time limit ended on {limite|date}.' } },
    ],
  } as unknown as RuleSetDocument;
  const reasons: Reason[] = ['C-1', 'C-2', 'C-3', 'C-4'].map((ruleId) => ({ code: `NA-${ruleId}`, ruleId, severity: 'BLOCKING', message: { it: 'filled', en: 'filled' } }));
  const decision = {
    request: { nuovaPec: 'Nuova@Pec.it', cfCollegato: INTERMEDIARIO_CF },
    subject: azienda,
    facts: { soggetto: { denominazione: 'Aurora Srl', dataInizio: '2024-03-01' }, nuovaPec: 'nuova@pec.it', esito: { ultimoEsito: 'CASELLA_PIENA' }, limite: '2025-09-01' },
  } as unknown as Decision;

  it("withholds port values, values derived from them and third parties' tax codes; keeps what the requester gave", () => {
    const summaries = summarizeReasons(reasons, decision, ruleSet);
    expect(summaries.map((reason) => reason.summary.it)).toEqual([
      '… deve comunicare la PEC al Registro Imprese.',
      'Le notifiche a nuova@pec.it non sono state consegnate (esito: …).',
      `Il soggetto … non è collegato a ${SOGGETTO_CF}.`,
      'Il termine è scaduto il …',
    ]);
    expect(summaries[1]?.summary.en).toBe('Notices sent to nuova@pec.it were not delivered (outcome: …).');
    const text = JSON.stringify(summaries.map((reason) => reason.summary));
    for (const secret of ['Aurora Srl', 'CASELLA_PIENA', '01/09/2025', INTERMEDIARIO_CF]) expect(text).not.toContain(secret);
    expect(summaries.map((reason) => reason.message.it)).toEqual(['filled', 'filled', 'filled', 'filled']);
  });

  it('fills the built-in facts the decision keeps apart (requesters, task, requestId), as the contributor message does', () => {
    const document = bundledCatalog().tasks.get('variazione-contatti-dipendente')?.ruleSets[0]?.document as RuleSetDocument;
    const gate = { code: 'NA-AUTH-PROFILO', ruleId: 'AUTH-01', severity: 'BLOCKING', message: { it: 'filled', en: 'filled' } } as Reason;
    const [summary] = summarizeReasons([gate], { ...decision, requestId: 'P-1', taskId: 'variazione-contatti-dipendente', facts: {} } as unknown as Decision, document);
    expect(summary?.summary).toEqual({
      it: 'Questa richiesta cambia i contatti di chi la presenta ed è riservata al profilo DIPENDENTE_DELEGATO.',
      en: 'This request changes the contacts of whoever files it and is open only to the profile DIPENDENTE_DELEGATO.',
    });
    const own = { ...ruleSet, requesters: ['AZIENDA'], checks: [{ id: 'C-9', message: { it: 'La richiesta {requestId} ({task}) non è ammessa per i profili {requesters}.', en: 'x' } }] } as unknown as RuleSetDocument;
    const [filled] = summarizeReasons([{ ...gate, ruleId: 'C-9' }], { ...decision, requestId: 'P-1', taskId: 'revoca-delega-intermediario' } as unknown as Decision, own);
    expect(filled?.summary.it).toBe('La richiesta P-1 (revoca-delega-intermediario) non è ammessa per i profili AZIENDA.');
  });

  it("withholds a third party's partita IVA written with the IT prefix, and a tax code glued to other text", () => {
    expect(withholdOtherTaxCodes(`P.IVA IT01234567897, CF_${INTERMEDIARIO_CF}, it01234567897`, [AZIENDA_CF, SOGGETTO_CF])).toBe('P.IVA …, CF_…, …');
    expect(withholdOtherTaxCodes(`IT${SOGGETTO_CF} e ${AZIENDA_CF.toLowerCase()}`, [AZIENDA_CF, SOGGETTO_CF])).toBe(`IT${SOGGETTO_CF} e ${AZIENDA_CF.toLowerCase()}`);
  });

  it('falls back to a generic sentence when the rule is unknown', () => {
    expect(summarizeReasons([{ code: 'NA-Z', ruleId: 'Z', severity: 'BLOCKING', message: { it: 'Aurora Srl', en: 'Aurora Srl' } }], decision, ruleSet)[0]?.summary).toEqual({
      it: 'Un requisito della richiesta non è soddisfatto.',
      en: 'A requirement of the request is not met.',
    });
  });

  it('in a real rejection, no notice on any channel holds archive data the requester did not give', async () => {
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const messages: NotificationMessage[] = [];
    for (const channel of NOTIFICATION_CHANNELS) {
      for (const locale of LOCALES) {
        const lifecycle = createRequestLifecycle({ engine, repository: createInMemoryRequestRepository(), clock: { now: () => NOW }, nextProtocollo: () => 'P-1', notifications: { send: async (message) => void messages.push(message) } });
        const { request } = await lifecycle.submit({ taskId: TASK, subject: azienda, data: { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2025-01-01' }, notifications: { channel, address: 'contatto@example.it', locale } });
        // The contributor-facing messages do show archive data: the notices must not.
        expect(JSON.stringify(request.outcome)).toContain('10/01/2022');
      }
    }
    expect(messages).toHaveLength(NOTIFICATION_CHANNELS.length * LOCALES.length * 2);
    const text = JSON.stringify(messages);
    for (const secret of ['Studio Verdi', INTERMEDIARIO_CF, 'Associazione Culturale Aurora', 'RAPPRESENTANTE_LEGALE', '10/01/2022', '2022-01-10', AZIENDA_CF]) expect(text).not.toContain(secret);
    expect(text).toContain('La data di efficacia 01/01/2025 non è ammessa.');
    expect(text).toContain('Delega DEL-002 cannot be revoked with this request.');
  });
});
