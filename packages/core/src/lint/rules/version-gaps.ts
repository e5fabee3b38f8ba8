import type { TaskDefinition } from '../../catalog/catalog.js';
import { addDays } from '../../calendar/iso-dates.js';
import type { FindingCollector } from '../findings.js';

/**
 * Rule 7: consecutive versions of a task must meet — the day after one's `validTo` is the next one's
 * `validFrom` — or requests with a reference date in between have no rule set. Overlaps are already
 * refused by the loader (`VERSION_OVERLAP`).
 */
export function lintVersionGaps(task: TaskDefinition, findings: FindingCollector): void {
  const versions = [...task.ruleSets].sort((a, b) => a.document.validFrom.localeCompare(b.document.validFrom));
  versions.slice(1).forEach((next, index) => {
    const previous = versions[index];
    const validTo = previous?.document.validTo;
    if (!previous || !validTo) return;
    const firstUncovered = addDays(validTo, 1);
    if (firstUncovered >= next.document.validFrom) return;
    findings.add(previous.file, {
      code: 'LINT_VERSION_GAP',
      severity: 'error',
      pointer: '/validTo',
      message: `Version ${previous.document.version} of task "${task.id}" ends on ${validTo} and version ${next.document.version} (${next.file}) starts on ${next.document.validFrom}: a request with a reference date from ${firstUncovered} to ${addDays(next.document.validFrom, -1)} has no rule set.`,
      hint: `set validTo to ${addDays(next.document.validFrom, -1)}, or validFrom of version ${next.document.version} to ${firstUncovered}`,
    });
  });
}
