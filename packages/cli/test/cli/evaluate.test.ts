import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyCatalog, revocaCases } from './cli-harness.js';

const TASK = 'revoca-delega-intermediario';
const NOW = '2026-03-10T09:00:00+01:00';

describe('smart-task evaluate', () => {
  let files: ReturnType<typeof copyCatalog>;
  const base = revocaCases();
  const data = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' };
  beforeAll(() => {
    files = copyCatalog();
    files.write('request.json', { subject: base.subject, data });
    files.write('named.json', { requestId: 'PROT-42', subject: base.subject, data, submittedAt: '2026-03-09T16:00:00+01:00' });
    files.write('invalid-data.json', { subject: base.subject, data: { ...data, dataEfficacia: '10/03/2026' } });
    files.write('broken.json', '{\n  "subject": {}\n  "data": {}\n}\n');
    files.write('fixture.json', base.fixture);
  });
  afterAll(() => files.remove());

  const evaluate = (...args: string[]) => cli(['evaluate', TASK, '--catalog', 'schemas', '--catalog', 'rules', ...args], files.dir);
  const oneLineExit2 = (run: { code: number; stdout: string[]; stderr: string[] }, pattern: RegExp) => {
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/^smart-task: /);
    expect(run.stderr[0]).toMatch(pattern);
  };

  it('prints the decision as JSON', async () => {
    const run = await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', NOW);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA', requestId: 'cli-request', taskId: TASK, reasons: [] });
    expect(result.operations.map((operation: { id: string }) => operation.id)).toEqual(['revoca-delega', 'revoca-subdeleghe', 'notifica-controparte']);
    expect(Object.keys(result.facts).sort()).toEqual(['abilitazioni', 'delega', 'posizione', 'primoGiornoAmmesso', 'richiesteAperte', 'submittedOn', 'ultimoGiornoAmmesso']);
    expect(result.evaluatedAt).toBe(new Date(NOW).toISOString());
  });

  it('takes requestId and submittedAt from the request file', async () => {
    const run = await evaluate('--request', 'named.json', '--fixture', 'fixture.json', '--now', NOW);
    expect(JSON.parse(run.out)).toMatchObject({ requestId: 'PROT-42', submittedAt: '2026-03-09T16:00:00+01:00', referenceDate: '2026-03-09' });
  });

  it('prints the contributor view without internals', async () => {
    const run = await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', NOW, '--view', 'contributor');
    expect(run.code).toBe(0);
    const view = JSON.parse(run.out);
    expect(view).toMatchObject({ outcome: 'ACCOLTA', outcomeLabel: 'Accolta' });
    expect(view).not.toHaveProperty('facts');
    expect(view).not.toHaveProperty('portCalls');
    expect(run.out).not.toContain('portCalls');
  });

  it('prints the operator view in English with --locale en', async () => {
    const run = await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', NOW, '--view', 'operator', '--locale', 'en');
    expect(run.code).toBe(0);
    const view = JSON.parse(run.out);
    expect(view).toMatchObject({ outcome: 'ACCOLTA', outcomeLabel: 'Accepted' });
    expect(view.portCalls.length).toBeGreaterThan(0);
    expect(view).toHaveProperty('facts');
  });

  it('explains the trace in Italian', async () => {
    const run = await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', NOW, '--explain');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Esito: ACCOLTA');
    expect(run.out).toContain('Verifiche:');
    expect(() => JSON.parse(run.out)).toThrow();
  });

  it('fixes the clock with --now: the same date of effect is in the window or out of it', async () => {
    const inWindow = JSON.parse((await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', NOW)).out);
    const late = await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', '2027-06-01T09:00:00+02:00');
    expect(late.code).toBe(0);
    expect(inWindow.verdict).toBe('ACCOLTA');
    expect(JSON.parse(late.out)).toMatchObject({ verdict: 'NON_ACCOLTA', reasons: [{ code: 'NA-DATA-NON-AMMESSA' }], operations: [] });
  });

  it('exits 2 with one line for an unknown task, suggesting the closest and listing the known ones', async () => {
    // One letter off revoca-delega-intermediario and far from every other id, so the suggestion cannot change.
    const typo = 'revoca-delega-intermediaro';
    // The catalog lists its tasks in the order of their schema files, each named after its task.
    const known = readdirSync(files.path('schemas/tasks'))
      .filter((file) => file.endsWith('.schema.json'))
      .sort()
      .map((file) => file.slice(0, -'.schema.json'.length));
    expect(known).toContain(TASK);
    const run = await cli(['evaluate', typo, '--catalog', 'schemas', '--catalog', 'rules', '--request', 'request.json', '--fixture', 'fixture.json'], files.dir);
    oneLineExit2(run, /./);
    expect(run.stderr).toEqual([`smart-task: unknown task "${typo}". Did you mean "${TASK}"? Known tasks: ${known.join(', ')}.`]);
  });

  it('exits 2 with one line for bad JSON in --request, naming the file and the line', async () => {
    oneLineExit2(await evaluate('--request', 'broken.json', '--fixture', 'fixture.json', '--now', NOW), /^smart-task: --request broken\.json: Not valid JSON at line 3, column 3/);
  });

  it('exits 2 with one line for a request file that does not exist', async () => {
    oneLineExit2(await evaluate('--request', 'missing.json', '--fixture', 'fixture.json'), /--request missing\.json: cannot read the file/);
  });

  it('exits 2 with one line for a missing --fixture', async () => {
    oneLineExit2(await evaluate('--request', 'request.json'), /^smart-task: missing --fixture: add --fixture/);
  });

  it('exits 2 with one line for an invalid --now', async () => {
    oneLineExit2(await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', 'yesterday'), /^smart-task: --now "yesterday" is not an ISO date-time/);
    oneLineExit2(await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', '2026-02-30T10:00:00Z'), /--now "2026-02-30T10:00:00Z"/);
    oneLineExit2(await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--now', '2026-03-10T09:00:00'), /with an offset/);
  });

  it('exits 2 with the request issues for invalid data', async () => {
    oneLineExit2(await evaluate('--request', 'invalid-data.json', '--fixture', 'fixture.json', '--now', NOW), /^smart-task: --request invalid-data\.json:\/data\/dataEfficacia [A-Z_]+ .*«Data di efficacia della revoca»/);
  });

  it('exits 2 for a request without subject or data', async () => {
    files.write('empty-request.json', { data: {}, submitedAt: 'x' });
    const run = await evaluate('--request', 'empty-request.json', '--fixture', 'fixture.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^smart-task: --request empty-request\.json:\/submitedAt INVALID_REQUEST .*Did you mean "submittedAt"\?/),
      expect.stringMatching(/^smart-task: --request empty-request\.json:\/subject INVALID_REQUEST /),
    ]);
  });

  it('exits 2 when --explain and --view are both given', async () => {
    oneLineExit2(await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--explain', '--view', 'operator'), /--explain and --view are alternatives/);
  });

  it('exits 2 for an unknown view', async () => {
    oneLineExit2(await evaluate('--request', 'request.json', '--fixture', 'fixture.json', '--view', 'citizen'), /--view "citizen" is not a view/);
  });

  it('exits 1 with the issue lines when the catalog is broken', async () => {
    const broken = copyCatalog();
    try {
      broken.editJson('rules/tasks/revoca-delega-intermediario.rules.json', (json) => {
        delete json.checks[0].message.it;
      });
      const run = await cli(['evaluate', TASK, '--catalog', 'schemas', '--catalog', 'rules', '--request', files.path('request.json'), '--fixture', files.path('fixture.json')], broken.dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toEqual([]);
      expect(run.stderr).toEqual(['smart-task: the catalog has an issue; run smart-task validate for details:', expect.stringMatching(/^smart-task: rules\/tasks\/revoca-delega-intermediario\.rules\.json:\/checks\/0\/message MISSING_TRANSLATION /)]);
    } finally {
      broken.remove();
    }
  });
});
