import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

describe('smart-task', () => {
  it('prints the usage with --help, -h and help (exit 0)', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      for (const command of ['validate', 'test', 'form', 'evaluate', '--now', '--catalog', '--explain', '--view']) expect(run.out).toContain(command);
    }
  });

  it('prints the usage on stderr with no arguments (exit 2)', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr.join('\n')).toContain('smart-task validate');
  });

  it('prints a command usage with <command> --help', async () => {
    const run = await cli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: smart-task evaluate <task> --request');
  });

  it('exits 2 with one line for an unknown command', async () => {
    const run = await cli(['evalute']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual(['smart-task: unknown command "evalute". Did you mean "evaluate"? Commands: validate, test, form, evaluate; run smart-task --help.']);
  });

  it('exits 2 with one line for an unknown option', async () => {
    const run = await cli(['evaluate', 'x', '--expalin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: unknown option --expalin for evaluate\. Did you mean "--explain"\?/)]);
  });

  it('exits 2 with one line for an option without its value', async () => {
    const run = await cli(['evaluate', 'x', '--request']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: evaluate: Option '--request <value>' argument missing/)]);
  });

  it('exits 2 when the task is missing or doubled', async () => {
    expect((await cli(['form', '--subject', 's.json'])).stderr).toEqual([expect.stringMatching(/^smart-task: missing the task: smart-task form <task>/)]);
    const doubled = await cli(['evaluate', 'a', 'b']);
    expect(doubled.code).toBe(2);
    expect(doubled.stderr).toEqual([expect.stringMatching(/unexpected argument "b"/)]);
  });

  it('exits 2 for a --catalog directory that does not exist', async () => {
    const run = await cli(['form', 'x', '--subject', 's.json', '--fixture', 'f.json', '--catalog', 'no/such/dir']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: --catalog no\/such\/dir: no such file or directory/)]);
  });
});
