import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { EXIT, type CliIo } from './cli-io.js';
import type { CliCommand } from './command.js';
import { docCommand } from './commands/doc.js';
import { evaluateCommand } from './commands/evaluate.js';
import { formCommand } from './commands/form.js';
import { newCommand } from './commands/new.js';
import { lintCommand } from './commands/lint.js';
import { replayCommand } from './commands/replay.js';
import { testCommand } from './commands/test.js';
import { typesCommand } from './commands/types.js';
import { validateCommand } from './commands/validate.js';
import { didYouMean } from '@smart-task/core/toolchain';
import type { OptionValues } from './options.js';
import { commandUsage, usageText } from './usage.js';
import { CLI_VERSION } from './version.js';

export type { CliIo } from './cli-io.js';
export { EXIT } from './cli-io.js';

/** The commands of `smart-task`, in the order the usage text lists them. */
export const COMMANDS: readonly CliCommand[] = [validateCommand, lintCommand, testCommand, formCommand, evaluateCommand, replayCommand, typesCommand, newCommand, docCommand];

const HELP = new Set(['help', '--help', '-h']);
const VERSION = new Set(['--version', '-v']);

function printError(io: CliIo, lines: readonly string[]): void {
  for (const line of lines) io.stderr(`smart-task: ${line}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

function parse(command: CliCommand, args: readonly string[]): { positionals: string[]; values: OptionValues } {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as OptionValues };
  } catch (error) {
    const known = Object.keys(command.options).map((name) => `--${name}`);
    const option = /'(--?[^' ]+)/.exec(messageOf(error))?.[1];
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
      const allowed = known.length > 0 ? ` Options of ${command.name}: ${known.join(', ')}.` : ` ${command.name} takes no options.`;
      throw new CliError(`unknown option ${option} for ${command.name}.${didYouMean(option, known)}${allowed}`);
    }
    throw new CliError(`${command.name}: ${messageOf(error)}. Run smart-task ${command.name} --help.`);
  }
}

/**
 * Runs `smart-task` with the arguments after the program name and returns the exit code: 0 when the
 * command did its job, 1 when the catalog has issues or a case failed, 2 when the command line or an
 * input is wrong (one `smart-task: …` line per problem on standard error; never a stack trace).
 *
 * @example
 * const code = await runCli(['validate', 'packages/schemas', 'packages/rules'], { stdout: console.log, stderr: console.error, cwd: process.cwd() });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usageText(COMMANDS));
    return EXIT.usage;
  }
  if (HELP.has(name)) {
    io.stdout(usageText(COMMANDS));
    return EXIT.ok;
  }
  if (VERSION.has(name)) {
    io.stdout(CLI_VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const names = COMMANDS.map((candidate) => candidate.name);
    printError(io, [`unknown command ${JSON.stringify(name)}.${didYouMean(name, names)} Commands: ${names.join(', ')}; run smart-task --help.`]);
    return EXIT.usage;
  }
  try {
    const commandLine = parse(command, rest);
    if (commandLine.values.help === true) {
      io.stdout(commandUsage(command));
      return EXIT.ok;
    }
    return await command.run(commandLine, io);
  } catch (error) {
    if (error instanceof CliError) {
      printError(io, error.lines);
      return error.exitCode;
    }
    printError(io, [`${command.name} stopped on an unexpected error: ${messageOf(error)}`]);
    return EXIT.usage;
  }
}
