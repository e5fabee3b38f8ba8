import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CasesDocument } from '@smart-task/schemas';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { createEngine, type ReadyForm } from '../../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { NOW, TASK, azienda, revocaFixture } from '../support/revoca.js';

/**
 * What a composed form gives a host so that RJSF and JSON Forms behave the same: the renderers' own
 * messages in the form's language (the words of engine.validate), no empty read-only input for a value
 * the archives do not hold, descriptions shown without focus in JSON Forms.
 */
const engine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });

async function ready(taskId: string, subject = azienda, locale: 'it' | 'en' = 'it', target = engine): Promise<ReadyForm> {
  const form = await target.composeForm(taskId, subject, { locale });
  if (form.status !== 'ready') throw new Error(`expected a ready form, got ${form.status}`);
  return form;
}

describe("fieldMessages: the renderers' own checks in the form's language", () => {
  it('words each keyword of each asked field, conditional ones included, as engine.validate does', async () => {
    const form = await ready(TASK);
    expect(Object.keys(form.fieldMessages)).toEqual(['delegaId', 'dataEfficacia', 'motivo', 'noteMotivo']);
    const missing = engine.validate(TASK, { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'ALTRO' }).issues.find((issue) => issue.field === 'noteMotivo');
    expect(missing?.code).toBe('REQUIRED');
    expect(form.fieldMessages.noteMotivo?.required).toBe(missing?.message.it);
    expect(form.fieldMessages.dataEfficacia?.format).toBe(engine.validate(TASK, { delegaId: 'DEL-001', dataEfficacia: '10/03/2026', motivo: 'CESSAZIONE_INCARICO' }).issues[0]?.message.it);
    expect(form.fieldMessages.delegaId?.oneOf).toMatch(/^Per «.+» scegli una delle opzioni proposte\.$/);
  });

  it('maps every error RJSF reports for the form to a message of the map, in Italian and in English', async () => {
    for (const locale of ['it', 'en'] as const) {
      const form = await ready(TASK, azienda, locale);
      const { errors } = validator.validateFormData({ dataEfficacia: '2026-13-45', motivo: 'ALTRO', noteMotivo: '' }, form.schema as RJSFSchema);
      const fieldErrors = errors.filter((error) => !['if', 'allOf', 'then'].includes(error.name ?? ''));
      expect(fieldErrors.length).toBeGreaterThan(1);
      for (const error of fieldErrors) {
        const field = error.name === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : String(error.property).replace(/^\./, '');
        expect(form.fieldMessages[field]?.[error.name as string], `${locale} ${field} ${error.name}`).toEqual(expect.any(String));
      }
    }
    expect((await ready(TASK, azienda, 'en')).fieldMessages.noteMotivo?.required).toMatch(/^(Fill in «.+»\.|.+)$/);
  });

  it("takes the field's own x-messages first", async () => {
    const cases = caseDocuments.find((document) => document.file.endsWith('/variazione-indirizzo-pec-aziendale.cases.json'))?.content as CasesDocument;
    const pecEngine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(cases.fixture ?? { facts: {} }), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const form = await ready('variazione-indirizzo-pec-aziendale', azienda, 'it', pecEngine);
    expect(form.fieldMessages.nuovaPec?.required).toBe('Indica la nuova PEC.');
    expect(form.fieldMessages.nuovaPec?.maxLength).toContain('254');
  });
});

describe('known data', () => {
  const cases = caseDocuments.find((document) => document.file.endsWith('/variazione-contatti-dipendente.cases.json'))?.content as CasesDocument;
  const dipendente = cases.subject as typeof azienda;

  it('lists a read-only field the archives hold no value for as known and absent, never as an empty input', async () => {
    const contattiEngine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(cases.fixture ?? { facts: {} }), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const form = await ready('variazione-contatti-dipendente', dipendente, 'it', contattiEngine);
    const asked = Object.keys(form.schema.properties as object);
    expect(asked).not.toContain('pecAttuale');
    expect(asked).not.toContain('telefonoAttuale');
    expect(asked.every((name) => !name.endsWith('Attuale'))).toBe(true);
    expect(form.known.find((known) => known.field === 'pecAttuale')).toEqual(expect.objectContaining({ title: 'PEC registrata', value: null }));
    expect(form.known.find((known) => known.field === 'emailAttuale')?.value).toEqual(expect.any(String));
  });
});

describe('JSON Forms UI schema', () => {
  it("shows the form's title and description, in the form's language, as RJSF does", async () => {
    for (const locale of ['it', 'en'] as const) {
      const form = await ready(TASK, azienda, locale);
      const root = form.jsonFormsUiSchema as { type: string; label: string; elements: { type: string; text?: string }[] };
      expect(root.type).toBe('Group');
      expect(root.label).toBe(form.schema.title);
      expect(root.elements[0]).toEqual({ type: 'Label', text: form.schema.description });
      expect(root.elements.slice(1).every((element) => element.type === 'Control')).toBe(true);
    }
    expect(((await ready(TASK, azienda, 'en')).jsonFormsUiSchema as { label: string }).label).toBe("Revocation of an intermediary's delega");
  });

  it('shows a field description without focus, as RJSF does', async () => {
    const form = await ready(TASK);
    const described = Object.entries({ ...(form.schema.properties as object), ...((form.schema.allOf as { then: { properties: object } }[] | undefined)?.reduce((all, block) => ({ ...all, ...block.then.properties }), {}) ?? {}) })
      .filter(([, schema]) => typeof (schema as { description?: unknown }).description === 'string')
      .map(([name]) => name);
    const elements = (form.jsonFormsUiSchema as { elements: { type: string; scope: string; options?: { showUnfocusedDescription?: boolean } }[] }).elements.filter((element) => element.type === 'Control');
    for (const element of elements) {
      const name = element.scope.split('/').pop() as string;
      expect(element.options?.showUnfocusedDescription === true, name).toBe(described.includes(name));
    }
  });
});

describe('field order', () => {
  it('asks a conditional field right after the field its condition tests, in both renderers', async () => {
    const cases = caseDocuments.find((document) => document.file.endsWith('/inserimento-soggetto-collegato.cases.json'))?.content as CasesDocument;
    const collegatiEngine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(cases.fixture ?? { facts: {} }), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, plannedTasks: 'all' });
    const form = await ready('inserimento-soggetto-collegato', azienda, 'it', collegatiEngine);
    const order = form.uiSchema['ui:order'] as string[];
    expect(order.slice(0, 5)).toEqual(['tipoSoggetto', 'cognome', 'nome', 'denominazione', 'cf']);
    const controls = (form.jsonFormsUiSchema as { elements: { type: string; scope?: string }[] }).elements.filter((element) => element.type === 'Control');
    expect(controls.map((element) => element.scope?.split('/').pop())).toEqual(order);
    expect(Object.keys(form.fieldMessages)).toEqual(order);
  });
});

describe('a list of options', () => {
  it('is a group of checkboxes in RJSF, with its options on the items', async () => {
    const cases = caseDocuments.find((document) => document.file.endsWith('/cancellazione-contatti-anomali-ndr.cases.json'))?.content as CasesDocument;
    const contattiEngine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(cases.fixture ?? { facts: {} }), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const form = await ready('cancellazione-contatti-anomali-ndr', azienda, 'it', contattiEngine);
    expect(form.uiSchema.contattiIds).toEqual({ 'ui:widget': 'checkboxes' });
    const field = (form.schema.properties as Record<string, { uniqueItems?: boolean; items: { oneOf: unknown[] } }>).contattiIds;
    expect(field?.uniqueItems).toBe(true);
    expect(field?.items.oneOf.length).toBeGreaterThan(0);
    expect(form.fieldMessages.contattiIds?.required).toBe('Scegli almeno un recapito da cancellare.');
  });
});
