import type { CliCommand } from './command.js';

/** The usage text of `smart-task --help`. */
export function usageText(commands: readonly CliCommand[]): string {
  return [
    'smart-task — check, test and run Smart-Task rule sets.',
    '',
    'Usage:',
    ...commands.flatMap((command) => [`  smart-task ${command.synopsis}`, `      ${command.summary}`]),
    '  smart-task help',
    '      Show this text (also --help, -h).',
    '',
    'Options:',
    '  --catalog <dir>        form, evaluate: a directory of the catalog; repeat it for several (default: .)',
    '  --subject <file>       form: the subject JSON (cf, profilo, soggettoCf, matricola)',
    '  --request <file>       evaluate: { "requestId"?, "subject", "data", "submittedAt"? }',
    '  --fixture <file>       form, evaluate: the data-port answers (*.fixture.json shape)',
    '  --explain              evaluate: print the trace as Italian text',
    '  --view <name>          evaluate: print the contributor or operator view',
    '  --now <date-time>      form, evaluate, test: fix the clock, e.g. 2026-03-10T09:00:00+01:00',
    '  --locale it|en         form, evaluate: language of the form and views (default: it)',
    '  --task <id>            test: only the cases of this task',
    '',
    'Paths are relative to the working directory.',
    'Exit codes: 0 done; 1 catalog issues or failed cases; 2 wrong command line or input.',
  ].join('\n');
}

/** The usage of one command, for `smart-task <command> --help`. */
export function commandUsage(command: CliCommand): string {
  return [`Usage: smart-task ${command.synopsis}`, '', command.summary, '', 'Run smart-task --help for every command and option.'].join('\n');
}
