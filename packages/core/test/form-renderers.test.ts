import { createAjv as createJsonFormsAjv, isVisible, type UISchemaElement } from '@jsonforms/core';
import { catalogDocuments } from '@smart-task/rules';
import { retrieveSchema, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { createEngine, createInMemoryActionPort, createInMemoryDataPort, type ReadyForm } from '../src/index.js';
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
  const elements = (form.jsonFormsUiSchema as { elements: (UISchemaElement & { scope: string })[] }).elements;
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
