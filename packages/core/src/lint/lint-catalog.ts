import type { Catalog } from '../catalog/catalog.js';
import { createVocabulary, type Vocabulary } from '../vocabulary/vocabulary.js';
import { factShapesOf } from './fact-shapes.js';
import { createFindingCollector } from './findings.js';
import type { LintFinding } from './lint-finding.js';
import type { RuleSetScope } from './rule-set-scope.js';
import { lintConditionLogic } from './rules/condition-logic.js';
import { lintFactPaths, lintFormAnnotations } from './rules/fact-paths.js';
import { lintMessages } from './rules/messages.js';
import { lintOperatorTypes } from './rules/operator-types.js';
import { lintSlowPatterns } from './rules/slow-patterns.js';
import { lintThirdPartyData } from './rules/third-party-data.js';
import { lintUnreadRequestFields } from './rules/unread-request-fields.js';
import { lintVersionGaps } from './rules/version-gaps.js';

/** Options of {@link lintCatalog}. */
export interface LintOptions {
  /** The vocabulary the catalog was loaded with; defaults to the built-in operators and helpers. */
  readonly vocabulary?: Vocabulary;
}

/**
 * Static analysis of a loaded catalog, beyond what `loadCatalog` refuses: paths that leave their
 * fact's schema, request fields nobody reads, operators applied to the wrong type, conditions the
 * schemas already decide, unreachable rules, blank or mismatched messages, messages that quote a third
 * party's personal data, patterns open to
 * catastrophic backtracking, gaps between versions. Findings come in catalog order, each once, placed
 * in the file to edit (a rule-library file for a shared gate or check).
 *
 * @example
 * const loaded = loadCatalog(catalogDocuments);
 * if (loaded.ok) for (const finding of lintCatalog(loaded.value)) console.log(formatFinding(finding));
 */
export function lintCatalog(catalog: Catalog, options: LintOptions = {}): readonly LintFinding[] {
  const vocabulary = options.vocabulary ?? createVocabulary();
  const findings = createFindingCollector();
  const contract = catalog.portContract.document;
  lintSlowPatterns(catalog.portContract, findings);
  for (const task of catalog.tasks.values()) {
    lintSlowPatterns(task.requestSchema, findings);
    lintUnreadRequestFields(task, findings);
    lintVersionGaps(task, findings);
    for (const loaded of task.ruleSets) {
      const scope: RuleSetScope = {
        task,
        loaded,
        contract,
        vocabulary,
        shapes: factShapesOf(loaded.document, contract, task.requestSchema.document, vocabulary),
        report: (draft) => findings.addAt(loaded, draft),
      };
      lintFormAnnotations(scope, (draft) => findings.add(task.requestSchema.file, draft));
      lintFactPaths(scope);
      lintOperatorTypes(scope);
      lintConditionLogic(scope);
      lintMessages(scope);
      lintThirdPartyData(scope);
    }
  }
  return findings.findings;
}
