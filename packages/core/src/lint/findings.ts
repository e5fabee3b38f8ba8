import type { LoadedDocument } from '../catalog/catalog.js';
import { sourceOf } from '../catalog/rule-library.js';
import type { LintCode, LintFinding, LintSeverity } from './lint-finding.js';

/** A finding before it is placed in a file. */
export interface FindingDraft {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  readonly pointer: string;
  readonly message: string;
  readonly hint: string;
}

/** Collects findings, once each: a library rule used by several rule sets is reported once, where it is written. */
export interface FindingCollector {
  /** Adds a finding in `file`. */
  add(file: string, draft: FindingDraft): void;
  /** Adds a finding at a pointer of a loaded document, moved to the rule library it was copied from, if any. */
  addAt(loaded: LoadedDocument<unknown>, draft: FindingDraft): void;
  readonly findings: readonly LintFinding[];
}

/** A new, empty {@link FindingCollector}. */
export function createFindingCollector(): FindingCollector {
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const add = (file: string, draft: FindingDraft) => {
    const key = [draft.code, file, draft.pointer, draft.message].join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ code: draft.code, severity: draft.severity, file, pointer: draft.pointer, message: draft.message, hint: draft.hint });
  };
  return {
    add,
    addAt(loaded, draft) {
      const location = sourceOf(loaded, draft.pointer);
      add(location.file, { ...draft, pointer: location.pointer });
    },
    findings,
  };
}
