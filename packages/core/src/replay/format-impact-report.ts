import type { ChangeCount, ImpactReport } from './impact-report.js';

const SKIP_LABELS = { unparseable: 'not JSON', 'invalid-record': 'not an audit record', 'unknown-task': 'unknown task' } as const;

function changeLines(title: string, count: ChangeCount, extra: readonly string[] = []): string[] {
  const lines = [`${title}: ${count.changed}`, ...extra];
  for (const example of count.examples) lines.push(`    line ${example.line}  ${example.requestId}  ${example.taskId}: ${example.before} → ${example.after}`);
  if (count.changed > count.examples.length && count.examples.length > 0) lines.push(`    … and ${count.changed - count.examples.length} more`);
  return lines;
}

/**
 * The impact report as text: counts first, then each kind of change with its `before → after`
 * transitions and the first examples (line, request id, task).
 */
export function formatImpactReport(report: ImpactReport): string {
  const lines = [
    `records read: ${report.records}${report.lines > report.records ? ` (${report.lines - report.records === 1 ? '1 blank line' : `${report.lines - report.records} blank lines`} ignored)` : ''}`,
    `replayed: ${report.replayed} (${report.unchanged} unchanged, ${report.changed} changed)`,
    `decided by other rules than now (rule set, request schema or port contract hash): ${report.rulesChanged}`,
  ];
  const skippedCauses = Object.entries(report.skipped.byCause).filter(([, count]) => count > 0);
  lines.push(`skipped: ${report.skipped.total}${skippedCauses.length > 0 ? ` (${skippedCauses.map(([cause, count]) => `${SKIP_LABELS[cause as keyof typeof SKIP_LABELS]}: ${count}`).join(', ')})` : ''}`);
  for (const skipped of report.skipped.lines) lines.push(`    line ${skipped.line}: ${skipped.problem}`);
  if (report.skipped.total > report.skipped.lines.length && report.skipped.lines.length > 0) lines.push(`    … and ${report.skipped.total - report.skipped.lines.length} more`);
  lines.push(`not replayable: ${report.notReplayable.total}`);
  for (const [cause, count] of Object.entries(report.notReplayable.byCause)) lines.push(`  ${cause}: ${count}`);
  for (const example of report.notReplayable.examples) lines.push(`    line ${example.line}  ${example.requestId}  ${example.taskId}: ${example.detail}`);
  lines.push(
    ...changeLines(
      'verdicts changed',
      report.verdicts,
      Object.entries(report.verdicts.byTransition).map(([transition, count]) => `  ${transition}: ${count}`),
    ),
  );
  lines.push(...changeLines('reason lists changed', report.reasons));
  lines.push(...changeLines('warning lists changed', report.warnings));
  lines.push(...changeLines('operation lists changed', report.operations));
  return lines.join('\n');
}
