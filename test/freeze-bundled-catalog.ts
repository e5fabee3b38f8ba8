import { catalogDocuments, ruleDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { schemaDocuments } from '@smart-task/schemas';

/**
 * Vitest setup: the bundled catalog's documents frozen, deeply. Test files share one module registry
 * per worker (`isolate: false` in vitest.config.ts), so a test that changed a bundled document in place
 * would change it for every file after it; frozen, such a test fails where it writes (tests edit copies:
 * `withEdit`, `structuredClone`).
 */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

deepFreeze([catalogDocuments, ruleDocuments, caseDocuments, schemaDocuments]);
