import type { ValidateFunction } from 'ajv';

/** The first errors of a failed validation as one line: `/path message; …` (at most three). */
export function describeAjvErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
    .join('; ');
}
