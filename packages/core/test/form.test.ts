import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type ReadyForm } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { portableSubsetIssues } from './support/portable-subset.js';
import { engineFor } from './support/shared-engine.js';
import { NOW, TASK, azienda, intermediarioSenzaDelega, revocaFixture } from './support/revoca.js';

const fixture = revocaFixture();
const memory = createInMemoryDataPort(fixture);
/** The shared engine, answering from `memory` (other tests of this file give it their own ports). */
const engine = () => engineFor({ dataPort: memory, actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });

async function readyForm(locale: 'it' | 'en' = 'it'): Promise<ReadyForm> {
  const form = await engine().composeForm(TASK, azienda, { locale });
  if (form.status !== 'ready') throw new Error(`expected a ready form, got ${form.status}`);
  return form;
}

describe('composeForm', () => {
  it('moves what the port knows into the read-only block, with provenance', async () => {
    const form = await readyForm();
    expect(form.known).toEqual([expect.objectContaining({ field: 'matricola', value: '1234567860', source: expect.objectContaining({ fact: 'subject' }) })]);
    const properties = form.schema.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(['delegaId', 'dataEfficacia', 'motivo']);
  });

  it('builds the choice of delega from port data, active deleghe only', async () => {
    const form = await readyForm();
    const delega = (form.schema.properties as Record<string, { oneOf?: unknown[] }>).delegaId;
    expect(delega?.oneOf).toEqual([{ const: 'DEL-001', title: 'Studio Verdi Consulenti (VRDLGU75C12F205G), attiva dal 10/01/2022' }]);
    expect(form.canSubmit).toBe(true);
  });

  it('emits draft-07 in the portable subset, with both UI hint documents covering the conditional field', async () => {
    const form = await readyForm();
    expect(form.schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(portableSubsetIssues(form.schema, TASK)).toEqual([]);
    expect(form.uiSchema['ui:order']).toEqual(['delegaId', 'dataEfficacia', 'motivo', 'noteMotivo']);
    const elements = (form.jsonFormsUiSchema as { elements: { type: string; scope: string; rule?: unknown }[] }).elements.filter((element) => element.type === 'Control');
    expect(elements.map((element) => element.scope)).toEqual(['#/properties/delegaId', '#/properties/dataEfficacia', '#/properties/motivo', '#/allOf/0/then/properties/noteMotivo']);
    expect(elements[3]?.rule).toEqual({
      effect: 'SHOW',
      condition: { scope: '#', schema: { properties: { motivo: { const: 'ALTRO' } }, required: ['motivo'] } },
    });
  });

  it('speaks English when asked', async () => {
    const form = await readyForm('en');
    expect(form.schema.title).toBe("Revocation of an intermediary's delega");
    expect((form.schema.properties as Record<string, { title: string }>).dataEfficacia?.title).toBe('Date of effect of the revocation');
  });

  it('runs the gates first: a requester without delega gets the reason and no target data', async () => {
    const before = memory.calls.length;
    const form = await engine().composeForm(TASK, intermediarioSenzaDelega);
    expect(form).toEqual({ status: 'not-allowed', taskId: TASK, reasons: [expect.objectContaining({ code: 'NA-AUTH-NO-DELEGA' })] });
    expect(memory.calls.slice(before).map((call) => call.fact)).toEqual(['abilitazioni']);
  });

  it('says the request cannot be filed when a required choice has no options', async () => {
    const empty = engineFor({ dataPort: createInMemoryDataPort(revocaFixture({ deleghe: [{ result: [] }] })), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const form = await empty.composeForm(TASK, azienda);
    if (form.status !== 'ready') throw new Error('expected a ready form');
    expect(form.canSubmit).toBe(false);
    expect(form.notices).toEqual([expect.objectContaining({ field: 'delegaId', code: 'NO_OPTIONS' })]);
  });
});

describe('pruneHidden and validate share one condition model', () => {
  it('drops a conditional value whose condition does not hold, and keeps it when it does', () => {
    const data = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO', noteMotivo: 'testo' };
    expect(engine().pruneHidden(TASK, data)).not.toHaveProperty('noteMotivo');
    expect(engine().pruneHidden(TASK, { ...data, motivo: 'ALTRO' })).toHaveProperty('noteMotivo', 'testo');
  });

  it('requires a conditional field exactly when it is shown', () => {
    const data = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'ALTRO' };
    expect(engine().validate(TASK, data).issues).toEqual([{ code: 'REQUIRED', pointer: '/noteMotivo', field: 'noteMotivo', message: { it: 'Compila il campo «Descrivi il motivo».', en: 'Fill in «Describe the reason».' } }]);
    expect(engine().validate(TASK, { ...data, motivo: 'RINUNCIA_INTERMEDIARIO' }).ok).toBe(true);
  });
});

describe('form composition invariants (property)', () => {
  const delegaArbitrary = fc.record({
    id: fc.stringMatching(/^DEL-[0-9]{3}$/),
    tipo: fc.constantFrom('INTERMEDIARIO', 'SUBDELEGA', 'DIPENDENTE'),
    stato: fc.constantFrom('CREATA', 'ATTIVA', 'REVOCATA'),
    matricola: fc.constant('1234567860'),
    deleganteCf: fc.constant('12345670488'),
    delegatoCf: fc.constant('VRDLGU75C12F205G'),
    delegatoDenominazione: fc.string({ minLength: 1, maxLength: 20 }),
    dataInizio: fc.constantFrom('2020-01-01', '2024-06-30'),
  });

  it('offers exactly the active intermediary deleghe, asks nothing already known, and stays in the portable subset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(delegaArbitrary, { selector: (delega) => delega.id, maxLength: 6 }), async (deleghe) => {
        const composed = engineFor({ dataPort: createInMemoryDataPort(revocaFixture({ deleghe: [{ result: deleghe }] })), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
        const form = await composed.composeForm(TASK, azienda);
        if (form.status !== 'ready') throw new Error(form.status);
        const offered = ((form.schema.properties as Record<string, { oneOf?: { const: string }[] }>).delegaId?.oneOf ?? []).map((option) => option.const);
        const expected = deleghe.filter((delega) => delega.stato === 'ATTIVA' && delega.tipo !== 'DIPENDENTE').map((delega) => delega.id);
        expect(offered).toEqual(expected);
        expect(form.canSubmit).toBe(expected.length > 0);
        const asked = Object.keys(form.schema.properties as object);
        expect(form.known.filter((known) => asked.includes(known.field))).toEqual([]);
        expect(portableSubsetIssues(form.schema, TASK)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('choices built from port data on a list field', () => {
  it('puts the options on the items, so that a list of ids renders as a multi-select', async () => {
    const { readFileSync } = await import('node:fs');
    const { schemaDocuments } = await import('@smart-task/schemas');
    const { ruleDocuments } = await import('@smart-task/rules');
    // A task whose form asks for several ids at once: the anomalous NdR contacts to delete.
    const task = 'cancellazione-contatti-anomali-ndr';
    const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;
    const casesFile = read(`../../rules/tasks/${task}.cases.json`) as { subject: typeof azienda; fixture: Parameters<typeof createInMemoryDataPort>[0] };
    const others = [...schemaDocuments, ...ruleDocuments].filter((document) => !document.file.includes(task));
    const listEngine = createEngine({
      catalog: [...others, { file: `schemas/tasks/${task}.schema.json`, content: read(`../../schemas/tasks/${task}.schema.json`) }, { file: `rules/tasks/${task}.rules.json`, content: read(`../../rules/tasks/${task}.rules.json`) }],
      dataPort: createInMemoryDataPort(casesFile.fixture),
      actionPort: createInMemoryActionPort(),
      clock: { now: () => NOW },
    });
    const form = await listEngine.composeForm(task, casesFile.subject);
    if (form.status !== 'ready') throw new Error(`expected a ready form, got ${form.status}`);
    const field = (form.schema.properties as Record<string, { type: string; oneOf?: unknown; items: { type: string; oneOf: { const: string }[] } }>).contattiIds;
    expect(field?.type).toBe('array');
    expect(field?.oneOf).toBeUndefined();
    expect(field?.items.type).toBe('string');
    expect(field?.items.oneOf.map((option) => option.const)).toEqual(['NDR-C1', 'NDR-C3', 'NDR-C4', 'NDR-C5']);
    expect(portableSubsetIssues(form.schema, TASK)).toEqual([]);
    expect(form.canSubmit).toBe(true);
  });
});

describe('composeForm when port data cannot be read', () => {
  let answer: 'contract' | 'down' | 'ok' = 'ok';
  const flaky = () =>
    engineFor({
      dataPort: { fetch: (fact, params, context) => (answer === 'ok' || fact !== 'abilitazioni' ? memory.fetch(fact, params, context) : answer === 'down' ? Promise.reject(new Error('ECONNRESET 10.1.2.3')) : Promise.resolve([{ titolo: 42 }])) },
      actionPort: createInMemoryActionPort(),
      clock: { now: () => NOW },
    });

  it.each(['contract', 'down'] as const)('tells the contributor in plain Italian and English, and keeps the detail for the operator (%s)', async (fault) => {
    answer = fault;
    const form = await flaky().composeForm(TASK, azienda);
    answer = 'ok';
    if (form.status !== 'unavailable') throw new Error(`expected an unavailable form, got ${form.status}`);
    for (const text of [form.message.it, form.message.en]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/abilitazioni|port|contract|contratto|ECONNRESET|10\.1\.2\.3|"/i);
    }
    expect(form.message.it).toMatch(/riprova/i);
    expect(form.error.message).toContain('abilitazioni');
    expect(form.error.code).toBe(fault === 'down' ? 'PORT_ERROR' : 'PORT_CONTRACT_VIOLATION');
  });
});
