import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';

const engine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort({ facts: {} }), actionPort: createInMemoryActionPort() });

describe('validate: field-level messages in Italian and English', () => {
  it("uses the field's own message when the schema gives one", () => {
    const result = engine.validate('variazione-indirizzo-pec-aziendale', {});
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ code: 'REQUIRED', pointer: '/nuovaPec', field: 'nuovaPec', message: { it: 'Indica la nuova PEC.', en: 'Give the new PEC.' } }]);
  });

  it('explains a domain format in plain words, naming the field', () => {
    const [found] = engine.validate('variazione-indirizzo-pec-aziendale', { nuovaPec: 'aurora@@pec.it' }).issues;
    expect(found?.pointer).toBe('/nuovaPec');
    expect(found?.code).toMatch(/^PEC_/);
    expect(found?.message.it).toMatch(/^«Nuova PEC»: /);
    expect(found?.message.en).toMatch(/^«New PEC»: /);
  });

  it('reports a date that does not exist and a choice that is not offered', () => {
    const result = engine.validate('revoca-delega-intermediario', { delegaId: 'DEL-001', dataEfficacia: '2026-02-30', motivo: 'BOH' });
    expect(result.issues.map((found) => [found.pointer, found.code])).toEqual([
      ['/dataEfficacia', 'FORMAT_DATE'],
      ['/motivo', 'ONE_OF'],
    ]);
    expect(result.issues[0]?.message.it).toBe('Inserisci in «Data di efficacia della revoca» una data valida.');
  });

  it('reports fields that are not part of the request', () => {
    const result = engine.validate('riattivazione-posizione-contributiva', { dataRipresa: '2026-03-01', iban: 'IT60X0542811101000000123456' });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ADDITIONAL_PROPERTIES', pointer: '/iban' })]);
  });

  it('lists the issues in the order the form asks the fields: a conditional field right after the one it depends on', () => {
    const result = engine.validate('inserimento-soggetto-collegato', { tipoSoggetto: 'PERSONA_FISICA', email: 'non-una-email' });
    // Declared: denominazioneSoggetto, tipoSoggetto, cf, ruolo, dataInizio, email… then cognome and nome in allOf.
    expect(result.issues.map((found) => found.field)).toEqual(['cognome', 'nome', 'cf', 'ruolo', 'dataInizio', 'email']);
  });

  it('refuses data that is not an object', () => {
    expect(engine.validate('riattivazione-posizione-contributiva', [1, 2]).issues[0]?.code).toBe('TYPE');
  });
});
