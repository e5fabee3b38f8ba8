import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { MetaValidators } from './formats/meta-schema-ajv.js';
import type { ValidateFunction } from 'ajv';
import { createAuditRecordValidator } from './generated/audit-record-validator.js';
import { createMetaValidators } from './generated/meta-validators.js';

/** What `require` answers for an Ajv run-time module, whichever way the build interoperates with its `default`. */
const asRequired = (imported: unknown) => ({ default: (imported as { default?: unknown }).default ?? imported });

/**
 * The DSL meta-schemas' validators in Node and the toolchain (`#meta-validators` without the `browser`
 * condition): generated at build time as standalone code (`src/generated/meta-validators.ts`), so
 * nothing is compiled when a catalog is loaded. They report the same errors as the run-time compiled
 * ones of the browser variant (a test compares them).
 */
export function loadMetaValidators(): MetaValidators {
  return createMetaValidators(RUNTIME);
}

/**
 * The audit record's validator in Node (`#meta-validators`): generated at build time like the
 * meta-schemas' (`src/generated/audit-record-validator.ts`), so a replay, and each of its threads,
 * compiles nothing to read records. It reports the same errors as the compiled one of the browser variant.
 */
export function loadAuditRecordValidator(): ValidateFunction {
  return createAuditRecordValidator(RUNTIME);
}

/** What the generated code requires, by specifier. */
const RUNTIME = {
  'ajv/dist/runtime/equal': asRequired(equalModule),
  'ajv/dist/runtime/ucs2length': asRequired(ucs2lengthModule),
  'ajv-formats/dist/formats': { fullFormats },
} as const;
