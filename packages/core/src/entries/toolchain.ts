/**
 * @smart-task/core/toolchain — what catalog tooling builds on: the lint, case coverage, diagnostics,
 * the meta-schema and fixture checks, and the catalog's request fields. `@smart-task/cli` is made of
 * these; a host application does not need them.
 */
export { lintCatalog, formatFinding, LINT_CODES } from '../lint/index.js';
export type { LintCode, LintFinding, LintOptions, LintSeverity } from '../lint/index.js';
export { measureCoverage, coverageGaps } from '../cases/coverage.js';
export { countCases } from '../cases/count-cases.js';
export type { CasesCount } from '../cases/count-cases.js';
export type { ConditionCoverage, ConditionOutcomes, CoverageFigures, CoverageGap, CoverageReport, CoverageRun, RuleCoverage, RuleOutcomes, RuleSetCoverage, TaskCoverage } from '../cases/coverage.js';
export { diagnosticLine, diagnosticOfIssue, messageWithHint } from '../diagnostic.js';
export type { Diagnostic, DiagnosticSeverity } from '../diagnostic.js';
export { KIND_LABELS, kindOfFile } from '../catalog/document-kinds.js';
export type { DocumentKind } from '../catalog/document-kinds.js';
export { sourceOf } from '../catalog/rule-library.js';
export { validateAgainstMetaSchema } from '../catalog/meta-validation.js';
export { checkFixtureAgainstContract } from '../catalog/check-fixture.js';
export { CONTENT_CHECKS } from '../catalog/build-check.js';
export { makeBuildCheckRecord } from '../catalog/make-build-check-record.js';
export { fingerprintOf } from '../json/fingerprint.js';
export { conditionalsOf, requestFieldsOf } from '../request-schema/request-fields.js';
export type { RequestField } from '../request-schema/request-fields.js';
export { didYouMean } from '../text/suggest.js';
export { fromPointer, joinPointer } from '../json/pointer.js';
export { addDays, isoDateInTimeZone } from '../calendar/iso-dates.js';
export { isRecord } from '../json/read-safely.js';
