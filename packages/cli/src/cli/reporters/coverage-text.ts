import { coverageGaps, type CoverageFigures, type CoverageReport } from '@smart-task/core/toolchain';
import { gapOutcomeText } from './report.js';

/** The share of outcomes seen, for people: rounded down to one decimal, so 89.96% never shows as 90.0%. */
export function percentText(figures: Pick<CoverageFigures, 'outcomes' | 'outcomesSeen'>): string {
  const tenths = figures.outcomes === 0 ? 1000 : Math.floor((figures.outcomesSeen * 1000) / figures.outcomes);
  return `${(tenths / 10).toFixed(1)}%`;
}

function columns(name: string, figures: CoverageFigures): string[] {
  return [name, `${figures.conditionsBothWays}/${figures.conditions}`, `${figures.outcomesSeen}/${figures.outcomes} ${percentText(figures)}`, `${figures.rulesPassedAndFailed}/${figures.rules}`];
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd((widths[column] ?? 0) + 2)))
      .join('')
      .trimEnd(),
  );
}

/**
 * The coverage section of `smart-task test --coverage`: one row per task (leaf conditions seen both true
 * and false, condition outcomes seen, gates and checks seen both passing and failing), a total row, then
 * each task's gaps as `file:pointer what: never …`.
 */
export function coverageLines(coverage: CoverageReport): string[] {
  const rows = [['coverage', 'conditions true+false', 'outcomes seen', 'gates+checks passed+failed'], ...coverage.tasks.map((task) => columns(task.task, task)), columns('total', coverage)];
  const lines = table(rows);
  const gapLines = coverage.tasks.flatMap((task) => {
    const gaps = coverageGaps(task);
    return gaps.length === 0 ? [] : [`  ${task.task}:`, ...gaps.map((gap) => `    ${gap.file}:${gap.pointer} ${gap.label}: ${gapOutcomeText(gap)}`)];
  });
  return gapLines.length === 0 ? [...lines, 'every condition outcome was seen'] : [...lines, 'never exercised:', ...gapLines];
}

/** True when the coverage is below `minimum` (a percentage), compared on the exact counts. */
export function isBelowMinimum(coverage: CoverageFigures, minimum: number): boolean {
  return coverage.outcomesSeen * 100 < minimum * coverage.outcomes;
}
