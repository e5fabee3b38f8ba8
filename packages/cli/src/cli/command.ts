import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io.js';
import type { OptionValues } from './options.js';
import { REPORTER_NAMES } from './reporters/reporter-name.js';

/** The options a command accepts, in `node:util` `parseArgs` form. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * The usage line of one option: `value` is the placeholder after the option name (`<dir>`,
 * `text|json`), absent for a flag; `text` is one line saying what it does and its default.
 */
export interface OptionHelp {
  readonly value?: string;
  readonly text: string;
}

/** The usage line of each option of a command, by option name (without `--`). */
export type CommandOptionHelp = Readonly<Record<string, OptionHelp>>;

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
  /** One entry per key of `options`: the "Options:" list of the usage text is generated from them. */
  readonly optionHelp: CommandOptionHelp;
  /** Runs the command and returns the exit code; throws a `CliError` for a wrong command line or input. */
  run(commandLine: ParsedCommandLine, io: CliIo): Promise<number>;
}

/** `--now <date-time>`, shared by the commands that evaluate. */
export const CLOCK_OPTION: CommandOptions = { now: { type: 'string' } };
/** The usage line of {@link CLOCK_OPTION}. */
export const CLOCK_OPTION_HELP: CommandOptionHelp = {
  now: { value: '<date-time>', text: 'the clock, an ISO date-time with offset, e.g. 2026-03-10T09:00:00+01:00 (default: the system clock; test: for the cases that set none)' },
};

/** `--locale it|en`. */
export const LOCALE_OPTION: CommandOptions = { locale: { type: 'string' } };
/** The usage line of {@link LOCALE_OPTION}. */
export const LOCALE_OPTION_HELP: CommandOptionHelp = {
  locale: { value: 'it|en', text: 'language of the form, the views and the messages of refused data (default: it)' },
};

/** `--catalog <dir>`, repeatable. */
export const CATALOG_OPTION: CommandOptions = { catalog: { type: 'string', multiple: true } };
/** The usage line of {@link CATALOG_OPTION}. */
export const CATALOG_OPTION_HELP: CommandOptionHelp = {
  catalog: { value: '<dir>', text: 'a directory of the catalog; repeat it for several (default: .)' },
};

/** `--reporter text|json|junit|github`, shared by the commands that report findings or cases. */
export const REPORTER_OPTION: CommandOptions = { reporter: { type: 'string' } };
/** The usage line of {@link REPORTER_OPTION}. */
export const REPORTER_OPTION_HELP: CommandOptionHelp = {
  reporter: { value: REPORTER_NAMES.join('|'), text: 'output format (default: text); any other prints the report on stdout and the summary line on stderr' },
};
