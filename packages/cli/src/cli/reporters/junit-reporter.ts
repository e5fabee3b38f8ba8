import type { TaskCoverage } from '@smart-task/core/toolchain';
import type { CaseResult } from '@smart-task/core/testing';
import { diagnosticLine, type Diagnostic } from '@smart-task/core/toolchain';
import { caseFailureText, type CasesReport, type DiagnosticsReport } from './report.js';
import { XML_DECLARATION, escapeXml, xmlAttributes } from './xml.js';

const firstLine = (text: string) => text.split(/\r\n|\r|\n/)[0] ?? '';

function failureElement(type: string, message: string, body: string): string {
  return `      <failure${xmlAttributes({ type, message: firstLine(message) })}>${escapeXml(body)}</failure>`;
}

function fileTestCase(command: string, file: string, diagnostics: readonly Diagnostic[]): string[] {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const others = diagnostics.filter((diagnostic) => diagnostic.severity !== 'error');
  const open = `    <testcase${xmlAttributes({ classname: `smart-task.${command}`, name: file, file })}`;
  if (diagnostics.length === 0) return [`${open}/>`];
  return [
    `${open}>`,
    ...errors.map((diagnostic) => failureElement(diagnostic.code, `${diagnostic.pointer || '/'} ${diagnostic.message}`, diagnosticLine(diagnostic))),
    ...(others.length > 0 ? [`      <system-out>${escapeXml(others.map(diagnosticLine).join('\n'))}</system-out>`] : []),
    '    </testcase>',
  ];
}

/**
 * The JUnit XML of a command that checks files: one test suite named after the command, one test case per
 * file (named by the file), one `<failure>` per error (its `type` is the code), warnings and infos in
 * `<system-out>`. `tests` counts files, `failures` the files with at least one error.
 */
export function junitOfDiagnostics(report: DiagnosticsReport): string {
  const files = [...new Set([...report.files, ...report.diagnostics.map((diagnostic) => diagnostic.file)])];
  const byFile = new Map(files.map((file) => [file, report.diagnostics.filter((diagnostic) => diagnostic.file === file)]));
  const failures = files.filter((file) => byFile.get(file)?.some((diagnostic) => diagnostic.severity === 'error')).length;
  const counts = { tests: files.length, failures, errors: 0, skipped: 0 };
  const name = `smart-task ${report.command}`;
  return [
    XML_DECLARATION,
    `<testsuites${xmlAttributes({ name, tests: counts.tests, failures: counts.failures, errors: counts.errors })}>`,
    `  <testsuite${xmlAttributes({ name, ...counts })}>`,
    ...files.flatMap((file) => fileTestCase(report.command, file, byFile.get(file) ?? [])),
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}

function caseTestCase(result: CaseResult): string[] {
  const open = `    <testcase${xmlAttributes({ classname: result.task, name: result.caseId, file: result.file })}`;
  if (result.passed) return [`${open}/>`];
  const body = `${caseFailureText(result)}\nat ${result.file}:${result.pointer}`;
  return [`${open}>`, failureElement('CASE_FAILED', result.failures[0] ?? 'failed', body), '    </testcase>'];
}

function coverageProperties(coverage: TaskCoverage | undefined): string[] {
  if (!coverage) return [];
  const property = (name: string, value: number) => `      <property${xmlAttributes({ name: `coverage.${name}`, value })}/>`;
  return [
    '    <properties>',
    property('percent', coverage.percent),
    property('outcomesSeen', coverage.outcomesSeen),
    property('outcomes', coverage.outcomes),
    property('conditionsBothWays', coverage.conditionsBothWays),
    property('conditions', coverage.conditions),
    '    </properties>',
  ];
}

/**
 * The JUnit XML of `smart-task test`: one test suite per task (with its coverage as `<properties>` when
 * measured), one test case per case (`classname` the task, `name` the case id), a `<failure>` with every
 * mismatch for a failed case.
 */
export function junitOfCases(report: CasesReport): string {
  const all = report.tasks.flatMap((task) => task.results);
  const failed = (results: readonly CaseResult[]) => results.filter((result) => !result.passed).length;
  return [
    XML_DECLARATION,
    `<testsuites${xmlAttributes({ name: `smart-task ${report.command}`, tests: all.length, failures: failed(all), errors: 0 })}>`,
    ...report.tasks.flatMap(({ task, results }) => [
      `  <testsuite${xmlAttributes({ name: task, tests: results.length, failures: failed(results), errors: 0, skipped: 0 })}>`,
      ...coverageProperties(report.coverage?.tasks.find((coverage) => coverage.task === task)),
      ...results.flatMap(caseTestCase),
      '  </testsuite>',
    ]),
    '</testsuites>',
  ].join('\n');
}
