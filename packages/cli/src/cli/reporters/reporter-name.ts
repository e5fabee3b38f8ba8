import { choiceOption, type OptionValues } from '../options.js';

/** The output formats of `validate`, `test` (and every command that reports findings). */
export const REPORTER_NAMES = ['text', 'json', 'junit', 'github'] as const;

/** `text` (the human-readable lines), `json`, `junit` (JUnit XML) or `github` (GitHub Actions workflow commands). */
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** The `--reporter` option: `text` by default; an unknown name is a {@link CliError} listing the known ones. */
export function reporterOption(values: OptionValues): ReporterName {
  return choiceOption(values, 'reporter', REPORTER_NAMES, 'text', 'a reporter');
}
