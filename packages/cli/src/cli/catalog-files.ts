import type { Catalog, Issue } from '@smart-task/core';
import type { CatalogDocument } from '@smart-task/schemas';
import { loadCatalog } from '@smart-task/core';
import { diagnosticLine, diagnosticOfIssue, KIND_LABELS } from '@smart-task/core/toolchain';
import { readCatalogDocuments } from '@smart-task/core/node';
import { EXIT, type CliIo } from './cli-io.js';
import { existingDirectories } from './inputs.js';

/** A catalog read from directories: the catalog when it has no errors, and every issue found. */
export interface CatalogRead {
  /** Present only when no issue is an error. */
  readonly catalog?: Catalog;
  readonly issues: readonly Issue[];
  /** How many DSL files were found (read or not). */
  readonly fileCount: number;
  /** The DSL files found (read or not), relative to `io.cwd`, each once. */
  readonly files: readonly string[];
}

/** The documents read from the DSL files under some directories, before they are loaded. */
export interface CatalogFiles {
  readonly documents: readonly CatalogDocument[];
  /** The files that could not be read or parsed. */
  readonly issues: readonly Issue[];
  /** The DSL files found (read or not), relative to `io.cwd`, each once. */
  readonly files: readonly string[];
}

/**
 * Reads every DSL file under the directories (relative to `io.cwd`), without loading them: the first
 * half of {@link readCatalog}, for a command that starts something on the documents (threads compiling
 * them) before loading them here. A directory that does not exist is a `CliError`.
 */
export function readCatalogFiles(io: CliIo, directories: readonly string[], option: string): CatalogFiles {
  const read = readCatalogDocuments(existingDirectories(io, directories, option), io.cwd);
  const files = [...new Set([...read.documents.map((document) => document.file), ...read.issues.map((item) => item.file)])];
  return { documents: read.documents, issues: read.issues, files };
}

/** The second half of {@link readCatalog}: validates, cross-checks and loads the documents read. */
export function loadCatalogFiles(read: CatalogFiles): CatalogRead {
  const loaded = loadCatalog(read.documents, { verify: 'always' });
  const issues = [...read.issues, ...loaded.issues];
  const { files } = read;
  const fileCount = files.length;
  if (!loaded.ok || errorsOf(issues).length > 0) return { issues, fileCount, files };
  return { catalog: loaded.value, issues, fileCount, files };
}

/**
 * Reads, validates and cross-checks the catalog under the directories (relative to `io.cwd`); file names
 * in documents and issues are relative to `io.cwd`. A file reached through two directories counts once.
 * A directory that does not exist is a `CliError` (`option` names it in the message). Every document is
 * checked in full (`verify: 'always'`): what the commands read from disk is never the packages' exported
 * objects, and `smart-task validate` must not take a build-check record's word for anything.
 */
export function readCatalog(io: CliIo, directories: readonly string[], option: string): CatalogRead {
  return loadCatalogFiles(readCatalogFiles(io, directories, option));
}

/** The line printed for an issue: `file:pointer CODE message`, with the severity word before the code for warnings. */
export function issueLine(item: Issue): string {
  return diagnosticLine(diagnosticOfIssue(item));
}

/** The issues that are errors. */
export function errorsOf(issues: readonly Issue[]): Issue[] {
  return issues.filter((item) => item.severity === 'error');
}

/** `1 issue`, `3 issues`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The summary line of a catalog with errors: `3 issues in 2 files`. */
export function issuesSummary(issues: readonly Issue[]): string {
  const errors = errorsOf(issues);
  return `${plural(errors.length, 'issue')} in ${plural(new Set(errors.map((item) => item.file)).size, 'file')}`;
}

/** The line for directories that hold no catalog file: where it looked and which file names count. */
export function noCatalogFilesLine(directories: readonly string[]): string {
  return `no catalog files found in ${directories.join(', ')}: expected ${Object.values(KIND_LABELS).join(', ')}.`;
}

/**
 * Reports a catalog that did not load — every issue, then one line saying what could not be done
 * (`fix them before generating types`) or that no catalog file was found — and returns exit code 1.
 */
export function reportUnloadedCatalog(io: CliIo, read: CatalogRead, directories: readonly string[], notDone: string): number {
  for (const item of read.issues) io.stdout(issueLine(item));
  io.stdout(read.fileCount === 0 ? noCatalogFilesLine(directories) : `${issuesSummary(read.issues)}: fix them before ${notDone}`);
  return EXIT.failed;
}
