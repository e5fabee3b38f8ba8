import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io.js';
import type { OptionValues } from './options.js';

/** The options a command accepts, in `node:util` `parseArgs` form. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** A command line after parsing: positionals (without the command name) and option values. */
export interface ParsedCommandLine {
  readonly positionals: readonly string[];
  readonly values: OptionValues;
}

/** One `smart-task` command. */
export interface CliCommand {
  readonly name: string;
  /** One line for the usage text. */
  readonly summary: string;
  /** The synopsis: `validate [dir...]`. */
  readonly synopsis: string;
  readonly options: CommandOptions;
  /** Runs the command and returns the exit code; throws a `CliError` for a wrong command line or input. */
  run(commandLine: ParsedCommandLine, io: CliIo): Promise<number>;
}

/** Options shared by the commands that evaluate: `--now`, `--locale`. */
export const CLOCK_OPTION: CommandOptions = { now: { type: 'string' } };
/** `--locale it|en`. */
export const LOCALE_OPTION: CommandOptions = { locale: { type: 'string' } };
/** `--catalog <dir>`, repeatable. */
export const CATALOG_OPTION: CommandOptions = { catalog: { type: 'string', multiple: true } };
