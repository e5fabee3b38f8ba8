import type { PortContractDocument, RuleSetDocument } from '@smart-task/schemas';
import type { LoadedDocument, TaskDefinition } from '../catalog/catalog.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import type { FactShapes } from './fact-shapes.js';
import type { FindingDraft } from './findings.js';

/** What a lint rule needs to look at one rule-set version: the document, the shapes of its facts, the vocabulary. */
export interface RuleSetScope {
  readonly task: TaskDefinition;
  readonly loaded: LoadedDocument<RuleSetDocument>;
  readonly contract: PortContractDocument;
  readonly vocabulary: Vocabulary;
  readonly shapes: FactShapes;
  /** Reports a finding at a pointer of the rule set (moved to its rule library when it was copied from one). */
  report(draft: FindingDraft): void;
}
