import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyCatalog } from './cli-harness.js';
import { readSoggettoInTheChecks, recordEveryCase, repositoryCatalog, toJsonLines } from '../../../core/test/audit/audit-support.js';

const TASK = 'riattivazione-posizione-contributiva';

describe('smart-task replay', () => {
  let files: ReturnType<typeof copyCatalog>;
  let recordCount = 0;
  beforeAll(async () => {
    files = copyCatalog();
    const lines = toJsonLines((await recordEveryCase(repositoryCatalog())).map((item) => item.record));
    recordCount = lines.length;
    files.write('records.jsonl', `${lines.join('\n')}\n`);
    files.write('mixed.jsonl', [lines[0], 'not json', '', lines[1], '{"auditVersion":1}'].join('\n'));
    files.write('garbage.jsonl', 'a\nb\n');
    files.write('empty.jsonl', '');
    cpSync(files.path('rules'), files.path('rules-12'), { recursive: true });
    files.editJson(`rules-12/tasks/${TASK}.rules.json`, (rules) => {
      rules.facts.limiteRiattivazione.args.months = 12;
    });
  });
  afterAll(() => files.remove());

  // Files under 16 MB replay in the main thread by default. Replay threads run the built module (dist/replay-thread.js),
  // and these tests run on the sources: core's replay-in-threads test and the built packages' test replay across threads.
  const replay = (...args: string[]) => cli(['replay', ...args], files.dir);
  const exit2 = (run: { code: number; stderr: string[] }, pattern: RegExp) => {
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(pattern)]);
    expect(run.stderr[0]).toMatch(/^smart-task: /);
  };

  it('replays every record with the same rules and reports no change (exit 0, also with --fail-on-change)', async () => {
    const run = await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules', '--fail-on-change');
    expect(run).toMatchObject({ code: 0, stderr: [] });
    expect(run.out.split('\n')[0]).toBe('replay of records.jsonl with schemas, rules');
    expect(run.out).toContain(`records read: ${recordCount}\nreplayed: ${recordCount} (${recordCount} unchanged, 0 changed)`);
    expect(run.out).toContain('verdicts changed: 0\nreason lists changed: 0\nwarning lists changed: 0\noperation lists changed: 0');
    const json = await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules', '--report', 'json');
    expect(JSON.parse(json.out)).toMatchObject({ file: 'records.jsonl', rules: ['schemas', 'rules'], records: recordCount, replayed: recordCount, changed: 0 });
  });

  it('reports the records a changed rule set flips, with at most --examples examples, and exits 1 with --fail-on-change', async () => {
    const run = await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-12', '--report', 'json', '--examples', '1');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.verdicts.changed).toBeGreaterThan(0);
    expect(report.verdicts.byTransition['ACCOLTA → NON_ACCOLTA']).toBe(report.verdicts.changed);
    expect(report.verdicts.examples).toEqual([{ line: expect.any(Number), requestId: expect.stringContaining(TASK), taskId: TASK, before: 'ACCOLTA', after: 'NON_ACCOLTA' }]);
    expect(report.replayed).toBe(recordCount);
    const text = await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-12', '--examples', '1');
    expect(text.out).toContain('ACCOLTA → NON_ACCOLTA: ');
    expect(text.out).toMatch(/reason lists changed: \d+\n {4}line \d+ {2}case:riattivazione-posizione-contributiva:\S+ {2}riattivazione-posizione-contributiva: \[\] → \[NA-SOSPESA-OLTRE-18-MESI\]/);
    const failing = await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-12', '--fail-on-change');
    expect(failing.code).toBe(1);
  });

  it('with --fail-on-change, also fails when the rules can no longer replay a record (a port fact it lacks)', async () => {
    cpSync(files.path('rules'), files.path('rules-new-fact'), { recursive: true });
    files.editJson(`rules-new-fact/tasks/${TASK}.rules.json`, readSoggettoInTheChecks);
    const report = JSON.parse((await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-new-fact', '--report', 'json')).out);
    expect(report.changed).toBe(0);
    expect(report.notReplayable.becauseOfRules).toBeGreaterThan(0);
    expect((await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-new-fact')).code).toBe(0);
    expect((await replay('records.jsonl', '--rules', 'schemas', '--rules', 'rules-new-fact', '--fail-on-change')).code).toBe(1);
  });

  it('counts malformed lines with their numbers and replays the others', async () => {
    const run = await replay('mixed.jsonl', '--rules', 'schemas', '--rules', 'rules');
    expect(run.code).toBe(0);
    expect(run.out).toContain('records read: 4 (1 blank line ignored)');
    expect(run.out).toContain('replayed: 2');
    expect(run.out).toContain('skipped: 2 (not JSON: 1, not an audit record: 1)');
    expect(run.out).toMatch(/ {4}line 2: not JSON/);
    expect(run.out).toMatch(/ {4}line 5: not a valid audit record v1: /);
  });

  it('exits 2 on bad input: no such file, a directory, no --rules, a wrong option value, a file with no record', async () => {
    exit2(await replay('missing.jsonl', '--rules', 'rules'), /missing\.jsonl: no such file/);
    exit2(await replay('rules', '--rules', 'rules'), /rules: is a directory/);
    exit2(await replay('records.jsonl'), /missing --rules: add the directories/);
    exit2(await replay(), /missing the records file/);
    exit2(await replay('records.jsonl', '--rules', 'rules', '--report', 'xml'), /--report "xml" is not a report format/);
    exit2(await replay('records.jsonl', '--rules', 'rules', '--examples=-1'), /--examples "-1" is not a whole number of at least 0/);
    exit2(await replay('records.jsonl', '--rules', 'rules', '--concurrency', 'many'), /--concurrency "many" is not a whole number of at least 1/);
    exit2(await replay('records.jsonl', '--rules', 'rules', '--threads', '0'), /--threads "0" is not a whole number of at least 1/);
    exit2(await replay('records.jsonl', '--rules', 'nowhere'), /--rules nowhere: no such file or directory/);
    const garbage = await replay('garbage.jsonl', '--rules', 'schemas', '--rules', 'rules');
    expect(garbage.code).toBe(2);
    expect(garbage.out).toContain('skipped: 2 (not JSON: 2)');
    expect(garbage.stderr).toEqual(['smart-task: no line of garbage.jsonl is an audit record: write one toAuditRecord() result as JSON per line.']);
    const empty = await replay('empty.jsonl', '--rules', 'schemas', '--rules', 'rules');
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('records read: 0');
  });
});
