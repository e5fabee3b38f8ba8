import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readJsonFile } from '@smart-task/core/node';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

/** A JSON file given on the command line: where it is and how to name it in messages. */
export interface JsonInput {
  /** The path as the user should see it: relative to the working directory when inside it. */
  readonly file: string;
  readonly content: unknown;
}

/** A command-line path resolved against the CLI's working directory. */
export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** How to name an absolute path in messages: relative to the working directory when inside it. */
export function displayPath(io: CliIo, absolute: string): string {
  const shown = relative(io.cwd, absolute);
  if (shown === '') return '.';
  if (shown.startsWith('..') || isAbsolute(shown)) return absolute;
  return shown.split(sep).join('/');
}

/**
 * Reads and parses the JSON file of an option (`--request r.json`). An unreadable file or a syntax
 * error becomes a {@link CliError} naming the option, the file and, for syntax errors, the line.
 */
export function readJsonInput(io: CliIo, option: string, path: string): JsonInput {
  const absolute = resolvePath(io, path);
  const file = displayPath(io, absolute);
  const read = readJsonFile(absolute, file);
  const problem = read.issues[0];
  if (problem) {
    const message = problem.code === 'FILE_UNREADABLE' ? `cannot read the file (${unreadableReason(absolute)})` : problem.message;
    throw new CliError(`${option} ${file}: ${message}`);
  }
  return { file, content: read.content };
}

function unreadableReason(absolute: string): string {
  try {
    return statSync(absolute).isDirectory() ? 'it is a directory; give a JSON file' : 'check its permissions';
  } catch {
    return 'no such file; check the path';
  }
}

/** True for a plain JSON object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that the directories exist; a missing one is a {@link CliError}. Returns their absolute paths. */
export function existingDirectories(io: CliIo, paths: readonly string[], option: string): string[] {
  return paths.map((path) => {
    const absolute = resolvePath(io, path);
    try {
      statSync(absolute);
    } catch {
      throw new CliError(`${option} ${path}: no such file or directory; give the directory that holds the catalog (e.g. packages/schemas packages/rules).`);
    }
    return absolute;
  });
}
