import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/run-cli.js';
import { usageText } from '../../src/cli/usage.js';
import { REPO_ROOT, cli } from './cli-harness.js';

describe('smart-task', () => {
  it('prints the usage with --help, -h and help (exit 0)', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      for (const command of ['validate', 'test', 'form', 'evaluate', '--now', '--catalog', '--explain', '--view']) expect(run.out).toContain(command);
    }
  });

  it('prints the version of @smart-task/core from its package.json with --version and -v (exit 0)', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const args of [['--version'], ['-v']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toEqual([version]);
      expect(run.stderr).toEqual([]);
    }
    expect((await cli(['--help'])).out).toContain('smart-task --version');
  });

  it('prints the usage on stderr with no arguments (exit 2)', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr.join('\n')).toContain('smart-task validate');
  });

  it('prints a command usage with <command> --help, with its options and without those of other commands', async () => {
    const run = await cli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: smart-task evaluate <task> --request');
    expect(run.out).toMatch(/^ {2}--explain +print the trace as Italian text$/m);
    expect(run.out).not.toContain('--reporter');
  });

  it('exits 2 with one line for an unknown command, listing every command', async () => {
    const run = await cli(['evalute']);
    expect(run.code).toBe(2);
    const names = COMMANDS.map((command) => command.name);
    expect(names).toContain('evaluate');
    expect(run.stderr).toEqual([`smart-task: unknown command "evalute". Did you mean "evaluate"? Commands: ${names.join(', ')}; run smart-task --help.`]);
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

  describe('the usage text', () => {
    const usage = usageText(COMMANDS);
    const optionsSection = usage.slice(usage.indexOf('\nOptions:\n'));

    it('has help text for every option of every command, and none for an option the command lacks', () => {
      for (const command of COMMANDS) {
        const options = Object.keys(command.options).sort();
        expect(Object.keys(command.optionHelp).sort(), `optionHelp of ${command.name}`).toEqual(options);
        for (const name of options) {
          const help = command.optionHelp[name];
          expect(help?.text.trim(), `help of ${command.name} --${name}`).not.toBe('');
          // A flag takes no value; a string option shows the value it takes.
          expect(help?.value === undefined, `value of ${command.name} --${name}`).toBe(command.options[name]?.type === 'boolean');
        }
      }
    });

    it('lists every option of every command under "Options:", naming the command', () => {
      for (const command of COMMANDS) {
        for (const [name, help] of Object.entries(command.optionHelp)) {
          const line = optionsSection.split('\n').find((candidate) => candidate.trimStart().startsWith(`--${name}${help.value ? ` ${help.value}` : ''} `) && candidate.endsWith(help.text));
          expect(line, `usage line of ${command.name} --${name}`).toBeDefined();
          expect(line).toMatch(new RegExp(`\\s(\\w+, )*${command.name}(, \\w+)*: `));
        }
      }
    });

    it('refuses a command whose option has no help, naming both', () => {
      const [first] = COMMANDS;
      if (!first) throw new Error('no command');
      const withoutHelp = { ...first, options: { ...first.options, 'dry-run': { type: 'boolean' as const } } };
      expect(() => usageText([withoutHelp])).toThrow(`smart-task ${first.name}: option --dry-run has no entry in optionHelp`);
    });

    it('is the usage block of docs/reference/cli.md, word for word', () => {
      const doc = readFileSync(join(REPO_ROOT, 'docs/reference/cli.md'), 'utf8');
      const section = doc.slice(doc.indexOf('\n## Usage\n'));
      const block = /```\n([\s\S]*?)\n```/.exec(section)?.[1];
      expect(block, 'docs/reference/cli.md "## Usage" is out of date: paste the output of smart-task --help there').toBe(usage);
    });

    it('lists under "In CI" of docs/reference/cli.md the commands of the root scripts pnpm test runs', () => {
      const doc = readFileSync(join(REPO_ROOT, 'docs/reference/cli.md'), 'utf8');
      const ci = /\n## In CI\n[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
      const documented = ci.split('\n').map((line) => /^(smart-task .*?)\s+# pnpm ([\w:]+)/.exec(line)?.slice(1, 3));
      const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      const run = [...(scripts.test ?? '').matchAll(/pnpm ((?:catalog|types):[\w:]+)/g)].map((match) => match[1]);
      expect(run.length).toBeGreaterThan(0);
      expect(documented.map((entry) => entry?.[1]).sort()).toEqual([...run].sort());
      for (const entry of documented) expect(entry?.[0], `the command of pnpm ${entry?.[1]}`).toBe(scripts[entry?.[1] ?? '']);
    });
  });
});
