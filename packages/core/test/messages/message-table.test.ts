import { describe, expect, it } from 'vitest';
import { BUILT_IN_MESSAGES, MESSAGE_CODES, MESSAGE_PARAMS, SmartTaskError, createMessages, isMessageCode } from '../../src/index.js';
import { NOTIFICATION_KINDS, REQUEST_STATES, stateLabel } from '../../src/entries/lifecycle.js';
import type { MessageOverrides } from '../../src/index.js';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((match) => match[1]))].sort();

/** The issues `createMessages(overrides)` refuses with, as `pointer CODE message`. */
function refused(overrides: unknown): string[] {
  try {
    createMessages(overrides as MessageOverrides);
  } catch (error) {
    if (!(error instanceof SmartTaskError)) throw error;
    return error.issues.map((found) => `${found.pointer} ${found.code} ${found.message}`);
  }
  return [];
}

describe('the built-in message table', () => {
  it.each([...MESSAGE_CODES])('%s has an Italian and an English text with the same placeholders, all among its params', (code) => {
    const text = BUILT_IN_MESSAGES[code];
    expect(Object.keys(text).sort()).toEqual(['en', 'it']);
    expect(text.it.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(placeholders(text.en)).toEqual(placeholders(text.it));
    for (const name of placeholders(text.it)) expect(MESSAGE_PARAMS[code]).toContain(name);
  });

  it('lists every code once, with a stable dotted name, and knows no other', () => {
    expect(new Set(MESSAGE_CODES).size).toBe(MESSAGE_CODES.length);
    expect(Object.keys(BUILT_IN_MESSAGES)).toEqual([...MESSAGE_CODES]);
    expect(Object.keys(MESSAGE_PARAMS)).toEqual([...MESSAGE_CODES]);
    for (const code of MESSAGE_CODES) expect(code).toMatch(/^[a-z][A-Za-z]*(\.[A-Za-z_]+)+$/);
    expect(isMessageCode('state.ACCOLTA')).toBe(true);
    expect(isMessageCode('state.UNKNOWN')).toBe(false);
    expect(isMessageCode('constructor')).toBe(false);
  });

  it('has the notice texts of every kind and the label of every state', () => {
    for (const kind of NOTIFICATION_KINDS) for (const part of ['subject', 'lead', 'sms']) expect(MESSAGE_CODES).toContain(`notice.${kind}.${part}`);
    for (const state of REQUEST_STATES) expect(MESSAGE_CODES).toContain(`state.${state}`);
  });

  it('labels the states that show an outcome as the contributor view labels that outcome', () => {
    for (const locale of ['it', 'en'] as const) {
      expect(BUILT_IN_MESSAGES['state.ACCOLTA'][locale]).toBe(BUILT_IN_MESSAGES['outcome.ACCOLTA.label'][locale]);
      expect(BUILT_IN_MESSAGES['state.NON_ACCOLTA'][locale]).toBe(BUILT_IN_MESSAGES['outcome.NON_ACCOLTA.label'][locale]);
      expect(BUILT_IN_MESSAGES['state.RETRY_SCHEDULED'][locale]).toBe(BUILT_IN_MESSAGES['outcome.IN_LAVORAZIONE.label'][locale]);
      expect(BUILT_IN_MESSAGES['state.OPERATIONS_IN_PROGRESS'][locale]).toBe(BUILT_IN_MESSAGES['outcome.ACCOLTA_IN_ESECUZIONE.label'][locale]);
    }
  });

  it('is frozen: a host cannot change it in place', () => {
    expect(Object.isFrozen(BUILT_IN_MESSAGES)).toBe(true);
    expect(Object.isFrozen(BUILT_IN_MESSAGES['state.ACCOLTA'])).toBe(true);
  });
});

describe('the formatter', () => {
  const messages = createMessages();

  it('fills the named params in one pass, numbers as written, a missing one empty', () => {
    expect(messages.format('operatorView.operations', { done: 1, all: 3 })).toBe('1 di 3 operazioni eseguite.');
    expect(messages.format('operatorView.operations', { done: 1, all: 3 }, 'en')).toBe('1 of 3 operation(s) performed.');
    expect(messages.format('operatorView.pending', { ids: '{done}' })).toBe('Da completare: {done}.');
    expect(messages.format('request.MIN_LENGTH', { field: 'Nota' })).toBe('«Nota» deve contenere almeno  caratteri.');
  });

  it('takes the locale being written from a param given in several locales, else its Italian', () => {
    const field = { it: 'Codice fiscale', en: 'Tax code' };
    expect(messages.format('request.REQUIRED', { field }, 'en')).toBe('Fill in «Tax code».');
    expect(messages.localized('request.REQUIRED', { field })).toEqual({ it: 'Compila il campo «Codice fiscale».', en: 'Fill in «Tax code».' });
  });

  it('writes a locale the table does not have in Italian, and a code it does not have as the code', () => {
    expect(messages.format('state.ACCOLTA', {}, 'xx' as never)).toBe('Accolta');
    expect(messages.format('no.such.code' as never)).toBe('no.such.code');
  });

  it('the built-in table is what stateLabel uses by default', () => {
    expect(stateLabel('IN_CARICO_SEDE', 'en')).toBe(messages.format('state.IN_CARICO_SEDE', {}, 'en'));
  });
});

describe('createMessages: a host rewords a text', () => {
  it('in Italian or English; the other texts stay built in', () => {
    const messages = createMessages({ it: { 'state.IN_CARICO_SEDE': 'In lavorazione presso la Sede' }, en: { 'notice.greeting': 'Hello,' } });
    expect(messages.format('state.IN_CARICO_SEDE')).toBe('In lavorazione presso la Sede');
    expect(messages.format('state.IN_CARICO_SEDE', {}, 'en')).toBe('With the INPS office');
    expect(messages.format('notice.greeting', {}, 'en')).toBe('Hello,');
    expect(messages.format('state.ACCOLTA')).toBe('Accolta');
    expect(messages.locales).toEqual(['it', 'en']);
  });

  it('with a function of the params, for what a template cannot say (plurals)', () => {
    const messages = createMessages({ en: { 'operatorView.operations': ({ done, all }) => `${done} of ${all} ${all === 1 ? 'operation' : 'operations'} performed.` } });
    expect(messages.format('operatorView.operations', { done: 0, all: 1 }, 'en')).toBe('0 of 1 operation performed.');
    expect(messages.format('operatorView.operations', { done: 2, all: 3 }, 'en')).toBe('2 of 3 operations performed.');
  });

  it('a function that throws or answers no string counts as missing: the Italian text is used', () => {
    const messages = createMessages({
      en: {
        'state.ACCOLTA': () => {
          throw new Error('boom');
        },
        'state.RITIRATA': (() => undefined) as never,
      },
    });
    expect(messages.format('state.ACCOLTA', {}, 'en')).toBe('Accolta');
    expect(messages.format('state.RITIRATA', {}, 'en')).toBe('Ritirata');
  });

  it('layers: extend puts more overrides on top', () => {
    const base = createMessages({ it: { 'state.RITIRATA': 'Annullata' } });
    const more = base.extend({ it: { 'state.ACCOLTA': 'Approvata' } });
    expect([more.format('state.RITIRATA'), more.format('state.ACCOLTA')]).toEqual(['Annullata', 'Approvata']);
    expect(base.format('state.ACCOLTA')).toBe('Accolta');
  });

  it('refuses, once per fault, an unknown code, an unknown placeholder, a bad locale or text (INVALID_MESSAGES)', () => {
    expect(refused({ it: { 'state.ACOLTA': 'x' } })).toEqual([expect.stringMatching(/^\/it\/state\.ACOLTA INVALID_MESSAGES "state\.ACOLTA" is not a message code\. Did you mean "state\.ACCOLTA"\?/)]);
    expect(refused({ it: { 'notice.RITIRATA.subject': 'Smart-Task {protocolo} ritirata' } })).toEqual([
      expect.stringMatching(/^\/it\/notice\.RITIRATA\.subject INVALID_MESSAGES .*\{protocolo\}.* Did you mean "protocollo"\? Its parameters are "protocollo", "titolo", "esito", "data", "motivi"\.$/),
    ]);
    expect(refused({ it: { 'state.ACCOLTA': 'Accolta {esito}' } })).toEqual([expect.stringContaining('It takes no parameters.')]);
    expect(refused({ de_DE: {}, __proto__x: {} }).map((line) => line.split(' ')[0])).toEqual(['/de_DE', '/__proto__x']);
    expect(refused({ de: 'Angenommen' })).toEqual([expect.stringContaining('/de INVALID_MESSAGES')]);
    expect(refused({ de: { 'state.ACCOLTA': 42 } })).toEqual([expect.stringContaining('must be a string with {name} placeholders or a function')]);
    expect(refused([])).toEqual([expect.stringContaining('must be an object of locales')]);
    expect(refused({ it: { 'state.ACCOLTA': 'ok' } })).toEqual([]);
  });
});
