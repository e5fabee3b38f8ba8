import { createAjv as createJsonFormsAjv, isVisible, type UISchemaElement } from '@jsonforms/core';
import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { getDefaultFormState, retrieveSchema, type Experimental_DefaultFormStateBehavior, type RJSFSchema } from '@rjsf/utils';
import type { CasesDocument, JsonSchema } from '@smart-task/schemas';
import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { createEngine, type ReadyForm } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { NOW, TASK, azienda, revocaFixture } from './support/revoca.js';

/**
 * The composed form as the two renderers see it: RJSF's schema retrieval decides which fields are
 * drawn, JSON Forms' rule evaluation decides which controls are shown. Both must agree with pruneHidden.
 */
const engine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
const form = (await engine.composeForm(TASK, azienda)) as ReadyForm;
const base = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10' };

function rjsfFields(data: Record<string, unknown>): string[] {
  const schema = form.schema as RJSFSchema;
  return Object.keys((retrieveSchema(validator, schema, schema, data) as { properties: object }).properties);
}

function jsonFormsVisible(data: Record<string, unknown>): string[] {
  const ajv = createJsonFormsAjv();
  const elements = (form.jsonFormsUiSchema as { elements: (UISchemaElement & { scope: string })[] }).elements.filter((element) => element.type === 'Control');
  return elements.filter((element) => isVisible(element, data, '', ajv, undefined)).map((element) => element.scope.split('/').pop() as string);
}

describe('the composed form in RJSF and JSON Forms', () => {
  it.each([
    ['CESSAZIONE_INCARICO', ['delegaId', 'dataEfficacia', 'motivo']],
    ['ALTRO', ['delegaId', 'dataEfficacia', 'motivo', 'noteMotivo']],
  ])('motivo %s shows the same fields in both, and pruneHidden keeps exactly those', (motivo, expected) => {
    const data = { ...base, motivo, noteMotivo: 'Chiusura dello studio' };
    expect(rjsfFields(data)).toEqual(expected);
    expect(jsonFormsVisible(data)).toEqual(expected);
    expect(Object.keys(engine.pruneHidden(TASK, data))).toEqual(expected);
  });

  it('RJSF validates the composed schema without errors for valid data, and reports the hidden-then-shown required field', () => {
    const valid = validator.validateFormData({ ...base, motivo: 'CESSAZIONE_INCARICO' }, form.schema as RJSFSchema);
    expect(valid.errors).toEqual([]);
    const missing = validator.validateFormData({ ...base, motivo: 'ALTRO' }, form.schema as RJSFSchema);
    expect(missing.errors).toContainEqual(expect.objectContaining({ name: 'required', property: 'noteMotivo' }));
  });
});

/** The declarations of a composed schema: boolean fields that must be ticked (`enum: [true]`), base or conditional. */
function declarationsOf(schema: JsonSchema): { name: string; shownWhen: JsonSchema | undefined }[] {
  const isDeclaration = (field: unknown) => (field as JsonSchema).type === 'boolean' && JSON.stringify((field as JsonSchema).enum) === '[true]';
  const base = Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})
    .filter(([, field]) => isDeclaration(field))
    .map(([name]) => ({ name, shownWhen: undefined }));
  const conditional = ((schema.allOf as { if: JsonSchema; then: { properties: Record<string, unknown> } }[] | undefined) ?? []).flatMap((block) =>
    Object.entries(block.then.properties)
      .filter(([, field]) => isDeclaration(field))
      .map(([name]) => ({ name, shownWhen: block.if })),
  );
  return [...base, ...conditional];
}

/** Data that makes an `if` of the portable subset hold: the first allowed value of each tested key. */
function dataSatisfying(condition: JsonSchema | undefined): Record<string, unknown> {
  const properties = (condition?.properties as Record<string, { const?: unknown; enum?: unknown[] }> | undefined) ?? {};
  return Object.fromEntries(Object.entries(properties).map(([key, test]) => [key, test.const ?? test.enum?.[0]]));
}

/** RJSF's default form-state settings, and those the forms guide recommends hosts to use. */
const RJSF_SETTINGS: [string, Experimental_DefaultFormStateBehavior | undefined][] = [
  ['RJSF defaults', undefined],
  ['constAsDefaults: never (recommended)', { constAsDefaults: 'never' }],
  ['constAsDefaults: skipOneOf', { constAsDefaults: 'skipOneOf' }],
  ['allOf: populateDefaults', { allOf: 'populateDefaults' }],
  ['emptyObjectFields: populateAllDefaults', { emptyObjectFields: 'populateAllDefaults' }],
  ['mergeDefaultsIntoFormData: useDefaultIfFormDataUndefined', { mergeDefaultsIntoFormData: 'useDefaultIfFormDataUndefined' }],
];

describe('a declaration the contributor must tick', () => {
  const cases = caseDocuments.find((document) => document.file.endsWith('/sostituzione-maternita-9r.cases.json'))?.content as CasesDocument;
  const engine9r = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(cases.fixture ?? { facts: {} }), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, plannedTasks: 'all' });

  it.each(RJSF_SETTINGS)('starts unticked in RJSF (%s), before and after the field is shown', async (_name, behavior) => {
    const composed = (await engine9r.composeForm('sostituzione-maternita-9r', cases.subject ?? (cases.cases[0]?.subject as never))) as ReadyForm;
    const schema = composed.schema as RJSFSchema;
    const declarations = declarationsOf(composed.schema);
    expect(declarations.map((declaration) => declaration.name)).toEqual(['dichiarazioneOrganico']);
    for (const { name, shownWhen } of declarations) {
      for (const data of [undefined, {}, dataSatisfying(shownWhen)]) {
        for (const includeUndefined of [false, true, 'excludeObjectChildren'] as const) {
          const defaults = getDefaultFormState(validator, schema, data, schema, includeUndefined, behavior) as Record<string, unknown>;
          expect(defaults[name], `${JSON.stringify(data)} ${String(includeUndefined)}`).not.toBe(true);
        }
      }
    }
  });

  it('starts unticked in JSON Forms (its Ajv fills defaults)', async () => {
    const composed = (await engine9r.composeForm('sostituzione-maternita-9r', cases.subject ?? (cases.cases[0]?.subject as never))) as ReadyForm;
    for (const { name, shownWhen } of declarationsOf(composed.schema)) {
      const data = structuredClone(dataSatisfying(shownWhen));
      createJsonFormsAjv().validate(composed.schema, data);
      expect(data[name]).toBeUndefined();
    }
  });

  it("left unticked — false, as RJSF fills a required boolean — is reported as missing, with the declaration's own message", () => {
    const accepted = cases.cases.find((item) => item.data.dichiarazioneOrganico === true && item.expect.verdict === 'ACCOLTA');
    if (!accepted) throw new Error('the 9R cases have no accepted request with the declaration');
    expect(engine9r.validate('sostituzione-maternita-9r', accepted.data).issues).toEqual([]);
    for (const unticked of [false, undefined]) {
      const { issues } = engine9r.validate('sostituzione-maternita-9r', { ...accepted.data, dichiarazioneOrganico: unticked });
      expect(issues, String(unticked)).toEqual([
        {
          code: 'REQUIRED',
          pointer: '/dichiarazioneOrganico',
          field: 'dichiarazioneOrganico',
          message: { it: "Per lo sgravio serve la dichiarazione che l'azienda ha meno di 20 dipendenti.", en: 'The relief needs the declaration that the company has fewer than 20 employees.' },
        },
      ]);
    }
  });

  it('the check fails for a declaration written as const: true, which RJSF pre-ticks', async () => {
    const composed = (await engine9r.composeForm('sostituzione-maternita-9r', cases.subject ?? (cases.cases[0]?.subject as never))) as ReadyForm;
    const asConst = JSON.parse(JSON.stringify(composed.schema).replace('"enum":[true]', '"const":true')) as RJSFSchema;
    const shown = dataSatisfying(declarationsOf(composed.schema)[0]?.shownWhen);
    expect((getDefaultFormState(validator, asConst, shown, asConst) as Record<string, unknown>).dichiarazioneOrganico).toBe(true);
  });
});
