import { compileMetaValidators, type MetaValidators } from './formats/meta-schema-ajv.js';

/**
 * The DSL meta-schemas' validators in a browser build (`#meta-validators` under the `browser`
 * condition): compiled with Ajv when first needed. The generated standalone code of the Node variant
 * weighs about 340 KB (the meta-schemas inlined in each validator) and stays out of browser bundles.
 */
export const loadMetaValidators = (): MetaValidators => compileMetaValidators();
