import { didYouMean } from '@smart-task/core/toolchain';
import { CliError } from '../cli-error.js';
import { stringOption, type OptionValues } from '../options.js';

/** The output formats of `validate`, `test` (and every command that reports findings). */
export const REPORTER_NAMES = ['text', 'json', 'junit', 'github'] as const;

/** `text` (the human-readable lines), `json`, `junit` (JUnit XML) or `github` (GitHub Actions workflow commands). */
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** The `--reporter` option: `text` by default; an unknown name is a {@link CliError} listing the known ones. */
export function reporterOption(values: OptionValues): ReporterName {
  const name = stringOption(values, 'reporter') ?? 'text';
  if ((REPORTER_NAMES as readonly string[]).includes(name)) return name as ReporterName;
  throw new CliError(`--reporter ${JSON.stringify(name)} is not a reporter.${didYouMean(name, REPORTER_NAMES)} Use one of: ${REPORTER_NAMES.join(', ')}.`);
}
