export { lintCatalog } from './lint-catalog.js';
export type { LintOptions } from './lint-catalog.js';
export { LINT_CODES, formatFinding } from './lint-finding.js';
export type { LintCode, LintFinding, LintSeverity } from './lint-finding.js';
