import type { ValidateFunction } from 'ajv';
import { auditRecordSchema } from '@smart-task/schemas';
import { createAjv } from './formats/create-ajv.js';
import { compileMetaValidators, type MetaValidators } from './formats/meta-schema-ajv.js';

/**
 * The DSL meta-schemas' validators in a browser build (`#meta-validators` under the `browser`
 * condition): compiled with Ajv when first needed. The generated standalone code of the Node variant
 * weighs about 340 KB (the meta-schemas inlined in each validator) and stays out of browser bundles.
 */
export const loadMetaValidators = (): MetaValidators => compileMetaValidators();

/** The audit record's validator in a browser build: compiled with Ajv (as `createAjv` makes it) when first needed. */
export const loadAuditRecordValidator = (): ValidateFunction => createAjv().compile(auditRecordSchema);
