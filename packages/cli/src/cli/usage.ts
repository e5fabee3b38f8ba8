import type { CliCommand } from './command.js';

/** One line of the "Options:" list: an option, its placeholder and text, and the commands that take it so. */
interface OptionLine {
  readonly label: string;
  readonly text: string;
  readonly commands: string[];
}

function optionLabel(name: string, value: string | undefined): string {
  return value === undefined ? `--${name}` : `--${name} ${value}`;
}

/**
 * The options of the commands with their help, one line per option and meaning: an option that several
 * commands take with the same help (`--now`, `--reporter`) is listed once with every command; the same
 * name with another meaning (`--out` of `types` and of `doc`) gets its own line. Without `nameCommands`
 * (the usage of one command) the lines do not repeat the command names. Throws when an option
 * has no entry in its command's `optionHelp`, so that the usage cannot leave an option out.
 */
export function optionLines(commands: readonly CliCommand[], { nameCommands = true } = {}): string[] {
  const lines: OptionLine[] = [];
  for (const command of commands) {
    for (const name of Object.keys(command.options)) {
      const help = command.optionHelp[name];
      if (help === undefined) throw new Error(`smart-task ${command.name}: option --${name} has no entry in optionHelp; add one next to its options.`);
      const label = optionLabel(name, help.value);
      const same = lines.find((line) => line.label === label && line.text === help.text);
      if (same) same.commands.push(command.name);
      else lines.push({ label, text: help.text, commands: [command.name] });
    }
  }
  const width = Math.max(0, ...lines.map((line) => line.label.length)) + 2;
  return lines.map((line) => `  ${line.label.padEnd(width)}${nameCommands ? `${line.commands.join(', ')}: ` : ''}${line.text}`);
}

/** The usage text of `smart-task --help`: every command with its synopsis and summary, then every option. */
export function usageText(commands: readonly CliCommand[]): string {
  return [
    'smart-task — check, test and run Smart-Task rule sets.',
    '',
    'Usage:',
    ...commands.flatMap((command) => [`  smart-task ${command.synopsis}`, `      ${command.summary}`]),
    '  smart-task help',
    '      Show this text (also --help, -h).',
    '  smart-task --version',
    '      Print the version of @smart-task/core (also -v).',
    '',
    'Options:',
    ...optionLines(commands),
    '',
    'Paths are relative to the working directory.',
    'Exit codes: 0 done; 1 a check failed (catalog issues, a lint error, a failed case, coverage below --min, a stale generated file, a change with --fail-on-change, a replay or test thread that failed); 2 wrong command line or input.',
  ].join('\n');
}

/** The usage of one command, for `smart-task <command> --help`: its synopsis, summary and options. */
export function commandUsage(command: CliCommand): string {
  const options = optionLines([command], { nameCommands: false });
  return [`Usage: smart-task ${command.synopsis}`, '', command.summary, ...(options.length > 0 ? ['', 'Options:', ...options] : []), '', 'Run smart-task --help for every command and option.'].join('\n');
}
