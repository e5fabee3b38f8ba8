import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyCatalog, revocaCases } from './cli-harness.js';

const TASK = 'revoca-delega-intermediario';
const NOW = '2026-03-10T09:00:00+01:00';

describe('smart-task form', () => {
  let files: ReturnType<typeof copyCatalog>;
  const base = revocaCases();
  beforeAll(() => {
    files = copyCatalog();
    files.write('subject.json', base.subject);
    files.write('intermediario.json', { ...base.subject, profilo: 'DIPENDENTE_DELEGATO' });
    files.write('fixture.json', base.fixture);
    files.write('not-a-subject.json', { cf: 'RSSMRA80A01H501U' });
  });
  afterAll(() => files.remove());

  const form = (...args: string[]) => cli(['form', TASK, '--catalog', 'schemas', '--catalog', 'rules', '--now', NOW, ...args], files.dir);

  it('prints a ready form as JSON', async () => {
    const run = await form('--subject', 'subject.json', '--fixture', 'fixture.json');
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.out);
    expect(printed).toMatchObject({ status: 'ready', taskId: TASK, locale: 'it', canSubmit: true });
    expect(printed.schema.properties.delegaId.oneOf.map((option: { const: string }) => option.const)).toEqual(['DEL-001', 'DEL-003']);
    expect(printed.known).toContainEqual(expect.objectContaining({ field: 'matricola', value: base.subject.matricola }));
  });

  it('composes it in English with --locale en', async () => {
    const run = await form('--subject', 'subject.json', '--fixture', 'fixture.json', '--locale', 'en');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'ready', locale: 'en', schema: { title: "Revocation of an intermediary's delega" } });
  });

  it('prints a not-allowed form as a result (exit 0)', async () => {
    const run = await form('--subject', 'intermediario.json', '--fixture', 'fixture.json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'not-allowed', reasons: [{ code: 'NA-AUTH-PROFILO' }] });
  });

  it('exits 2 with one line per invalid field of the subject', async () => {
    const run = await form('--subject', 'not-a-subject.json', '--fixture', 'fixture.json');
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^smart-task: --subject not-a-subject\.json:\/profilo INVALID_REQUEST "profilo" must be one of AZIENDA, INTERMEDIARIO, DIPENDENTE_DELEGATO; found undefined/),
      expect.stringMatching(/^smart-task: --subject not-a-subject\.json:\/soggettoCf INVALID_REQUEST The subject's "soggettoCf" must be a non-empty string/),
      expect.stringMatching(/^smart-task: --subject not-a-subject\.json:\/matricola INVALID_REQUEST The subject's "matricola" must be a non-empty string/),
    ]);
  });

  it('exits 2 with one line for a missing --subject', async () => {
    const run = await form('--fixture', 'fixture.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: missing --subject/)]);
  });

  it('exits 2 for a fixture that is not a port fixture', async () => {
    const run = await form('--subject', 'subject.json', '--fixture', 'subject.json');
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/^smart-task: --fixture subject\.json:\/ SCHEMA_VIOLATION Missing required property "facts"/);
  });

  it('exits 2 for a fixture answering a fact the port contract does not have', async () => {
    files.write('typo.fixture.json', { facts: { ...base.fixture.facts, deleg: [] } });
    const run = await form('--subject', 'subject.json', '--fixture', 'typo.fixture.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: --fixture typo\.fixture\.json:\/facts\/deleg UNKNOWN_PORT_FACT .*Did you mean "delega/)]);
  });
});
