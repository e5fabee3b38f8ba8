import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { CatalogDocument } from '@smart-task/schemas';
import { kindOfFile } from '../catalog/document-kinds.js';
import { loadCatalog, type LoadCatalogOptions } from '../catalog/load-catalog.js';
import type { Catalog } from '../catalog/catalog.js';
import { issue, type Issue, type Result } from '../errors.js';

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', 'coverage']);

/** Documents read from disk, and the files that could not be read or parsed. */
export interface ReadOutcome {
  readonly documents: CatalogDocument[];
  readonly issues: Issue[];
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Where and why `text` is not JSON, found by jsonc-parser, which (unlike JSON.parse) always gives an offset. */
function describeSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return 'Not valid JSON';
  const problem = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `Not valid JSON at ${lineAndColumn(text, first.offset)}: ${problem}`;
}

/** Reads and parses one JSON file; a syntax error becomes an issue with the line and column. */
export function readJsonFile(path: string, displayName = path): { content?: unknown; issues: Issue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { issues: [issue('FILE_UNREADABLE', displayName, '', `Cannot read the file: ${(error as Error).message}. Check the path and permissions.`)] };
  }
  try {
    return { content: JSON.parse(text), issues: [] };
  } catch {
    return { issues: [issue('JSON_SYNTAX', displayName, '', `${describeSyntaxError(text)}. Fix the syntax (a missing comma, quote or bracket, or a trailing comma).`)] };
  }
}

function walk(directory: string, found: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(join(directory, entry.name), found);
    } else if (entry.isFile() && kindOfFile(entry.name)) {
      found.push(join(directory, entry.name));
    }
  }
}

/**
 * Reads every DSL file under the directories (`*.rules.json`, `*.cases.json`, `*.schema.json`,
 * `*.fixture.json`, `port-contract.json`), skipping node_modules and dist; a file reached through two
 * of the directories is read once. File names in documents and issues are relative to `base` (default:
 * the working directory).
 */
export function readCatalogDocuments(directories: readonly string[], base = process.cwd()): ReadOutcome {
  const documents: CatalogDocument[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const directory of directories) {
    let files: string[] = [];
    try {
      if (statSync(directory).isDirectory()) walk(directory, files);
      else files = [directory];
    } catch (error) {
      const shown = relative(base, directory).split(sep).join('/') || '.';
      issues.push(issue('FILE_UNREADABLE', shown, '', `Cannot read "${shown}": ${(error as Error).message}. Give an existing directory.`));
      continue;
    }
    for (const path of files.sort()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const file = relative(base, path).split(sep).join('/');
      const read = readJsonFile(path, file);
      issues.push(...read.issues);
      if (read.content !== undefined) documents.push({ file, content: read.content });
    }
  }
  return { documents, issues };
}

/** Reads, validates and cross-checks the catalog found under the directories. */
export function loadCatalogFromDirectories(directories: readonly string[], options: LoadCatalogOptions & { readonly base?: string } = {}): Result<Catalog> {
  const read = readCatalogDocuments(directories, options.base);
  const loaded = loadCatalog(read.documents, options);
  const issues = [...read.issues, ...loaded.issues];
  if (!loaded.ok || read.issues.length > 0) return { ok: false, issues };
  return { ok: true, value: loaded.value, issues };
}
