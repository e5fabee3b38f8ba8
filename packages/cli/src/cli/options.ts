import { domainFormats } from '@smart-task/core';
import { didYouMean } from '@smart-task/core/toolchain';
import type { Locale } from '@smart-task/schemas';
import { CliError } from './cli-error.js';

/** The option values `parseArgs` returns. */
export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** A string option's value, or `undefined` when absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').at(-1);
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (empty when absent). */
export function stringsOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A string option that must be given; otherwise a {@link CliError} that says what to add. */
export function requiredOption(values: OptionValues, name: string, example: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new CliError(`missing --${name}: add --${name} ${example}.`);
  return value;
}

/**
 * An option whose value is one of `choices`: `fallback` when absent; any other value is a
 * {@link CliError} that lists the choices (`what` names one: "a reporter").
 */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T, what: string): T {
  const value = stringOption(values, name) ?? fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} ${JSON.stringify(value)} is not ${what}.${didYouMean(value, choices)} Use one of: ${choices.join(', ')}.`);
}

/** A boolean option. */
export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * True for an ISO 8601 date-time with an offset (`2026-03-10T09:00:00+01:00`, `…Z`) that names a real
 * instant; the offset is required so that the same command gives the same result on every machine.
 */
export function isIsoDateTime(text: string): boolean {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return false;
  const [, , , hour, minute, second, , offsetHours, offsetMinutes] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (!domainFormats.data(text.slice(0, 10)).ok) return false;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return false;
  if ((offsetHours ?? 0) > 23 || (offsetMinutes ?? 0) > 59) return false;
  return Number.isFinite(Date.parse(text));
}

/** The `--now` option: an ISO date-time with offset that fixes the clock, or `undefined` for the system clock. */
export function nowOption(values: OptionValues): string | undefined {
  const now = stringOption(values, 'now');
  if (now === undefined) return undefined;
  if (!isIsoDateTime(now)) throw new CliError(`--now ${JSON.stringify(now)} is not an ISO date-time with an offset: write e.g. --now 2026-03-10T09:00:00+01:00.`);
  return now;
}

/** The `--locale` option (`it` by default). */
export function localeOption(values: OptionValues): Locale {
  const locale = stringOption(values, 'locale') ?? 'it';
  if (locale !== 'it' && locale !== 'en') throw new CliError(`--locale ${JSON.stringify(locale)} is not supported: use --locale it or --locale en.`);
  return locale;
}

/** A percentage option (`--min 90`, `--min 87.5`): a number from 0 to 100, or `undefined` when absent. */
export function percentageOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 100)) throw new CliError(`--${name} ${JSON.stringify(text)} is not a percentage: write a number from 0 to 100, e.g. --${name} 90.`);
  return value;
}

/** A whole-number option with a lower bound (`--threads 2`), or `fallback` when absent. */
export function countOption(values: OptionValues, name: string, fallback: number, minimum: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
    throw new CliError(`--${name} ${JSON.stringify(text)} is not a whole number of at least ${minimum}: write e.g. --${name} ${Math.max(minimum, fallback)}.`);
  }
  return value;
}
