import type { Diagnostic, DiagnosticSeverity } from '@smart-task/core/toolchain';
import { messageWithHint } from '@smart-task/core/toolchain';
import type { SourcePositions } from './source-position.js';

const COMMAND_OF: Readonly<Record<DiagnosticSeverity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message of a workflow command as GitHub does (`%`, `\r`, `\n`). */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command: as the message, plus `:` and `,`. */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions workflow command: `::error file=…,line=…,col=…,title=CODE::message` (`::warning` for
 * a warning, `::notice` for an info). Line and column are those of the diagnostic's pointer in its file,
 * when the file can be read; the pointer is appended to the message so it is never lost.
 */
export function githubAnnotation(diagnostic: Diagnostic, positions: SourcePositions): string {
  const position = positions(diagnostic.file, diagnostic.pointer);
  const properties = [`file=${escapeWorkflowProperty(diagnostic.file)}`, ...(position ? [`line=${position.line}`, `col=${position.column}`] : []), `title=${escapeWorkflowProperty(diagnostic.code)}`];
  const message = `${messageWithHint(diagnostic)} (at ${diagnostic.pointer || '/'})`;
  return `::${COMMAND_OF[diagnostic.severity]} ${properties.join(',')}::${escapeWorkflowData(message)}`;
}

/** The workflow commands of a list of diagnostics, one line each, in order. */
export function githubAnnotations(diagnostics: readonly Diagnostic[], positions: SourcePositions): string[] {
  return diagnostics.map((diagnostic) => githubAnnotation(diagnostic, positions));
}
