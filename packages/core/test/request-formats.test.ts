import type { RequestSchemaDocument } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/formats/create-ajv.js';
import { compileRequestValidator } from '../src/validation/request-validator.js';

const field = (format: string, title: string) => ({ type: 'string', title, 'x-format': format });
const schema = {
  $schema: 'https://smart-task.dev/schemas/request-schema/v1.json',
  'x-task': 'formati',
  type: 'object',
  title: 'Formati',
  properties: {
    cfSostituto: field('codice-fiscale', 'Codice fiscale del sostituto'),
    cfCedente: field('codice-fiscale-o-partita-iva', 'Codice fiscale del cedente'),
    partitaIva: field('partita-iva', 'Partita IVA'),
    matricola: field('matricola-inps', 'Matricola'),
    pec: field('pec', 'PEC'),
    periodoDa: field('periodo', 'Periodo da'),
    decorrenza: field('data', 'Decorrenza'),
  },
} as unknown as RequestSchemaDocument;
const validate = compileRequestValidator(createAjv(), schema);

describe('domain formats in request validation', () => {
  it('accepts valid identifiers', () => {
    expect(
      validate({
        cfSostituto: 'RSSMRA80A01H501U',
        cfCedente: '12345670488',
        partitaIva: '12345670488',
        matricola: '1234567860',
        pec: 'aurora@pec.it',
        periodoDa: '12/2025',
        decorrenza: '2026-01-01',
      }),
    ).toEqual({ ok: true, issues: [] });
  });

  it('gives one plain Italian and English message per wrong identifier, naming the field', () => {
    const result = validate({
      cfSostituto: 'RSSMRA80A01H501X',
      cfCedente: '12345670480',
      partitaIva: '1234567048',
      matricola: '1234567800',
      pec: 'aurora@pec',
      periodoDa: '13/2025',
      decorrenza: '2026-02-29',
    });
    expect(result.issues.map((found) => [found.field, found.code])).toEqual([
      ['cfSostituto', 'CF_CHECK_CHARACTER'],
      ['cfCedente', 'CF_NUMERIC_CHECK_DIGIT'],
      ['partitaIva', 'PIVA_SYNTAX'],
      ['matricola', 'MATRICOLA_CHECK_DIGITS'],
      ['pec', expect.stringMatching(/^PEC_/)],
      ['periodoDa', 'PERIODO_MONTH'],
      ['decorrenza', 'DATE_INVALID'],
    ]);
    for (const found of result.issues) {
      expect(found.message.it.startsWith(`«${(schema.properties[found.field] as { title: string }).title}»: `)).toBe(true);
      expect(found.message.en).not.toBe(found.message.it);
      expect(found.message.it).not.toMatch(/\^|\$|\[0-9\]/);
    }
  });
});
