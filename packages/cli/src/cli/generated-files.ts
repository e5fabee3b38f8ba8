import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, type CliIo } from './cli-io.js';
import { plural } from './catalog-files.js';
import type { GeneratedFile } from '../types-gen/generate-types.js';
import { displayPath } from './inputs.js';

/** What {@link writeOrCheckGenerated} needs to know. */
export interface GeneratedOutput {
  /** Absolute directory the file names are relative to. */
  readonly directory: string;
  readonly files: readonly GeneratedFile[];
  /** `--check`: write nothing, exit 1 when a file is missing or differs. */
  readonly check: boolean;
  /** What the files are generated from, for the message of a failed check: `the schemas`. */
  readonly source: string;
  /** The command that regenerates the files, for the message of a failed check: `smart-task doc`. */
  readonly regenerate: string;
  /** What the files hold, for the final line: `17 request types, 40 port facts`. */
  readonly contents: string;
}

function readExisting(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The generated files whose text on disk differs from what was generated, or that are missing. */
export function staleFiles(directory: string, files: readonly GeneratedFile[]): { readonly file: GeneratedFile; readonly missing: boolean }[] {
  return files.flatMap((file) => {
    const existing = readExisting(join(directory, file.name));
    return existing === file.text ? [] : [{ file, missing: existing === undefined }];
  });
}

/**
 * Writes generated files that changed (never touching the others), or with `check` only reports the
 * missing and out-of-date ones and exits 1 — the CI check that committed generated files are current.
 */
export function writeOrCheckGenerated(io: CliIo, output: GeneratedOutput): number {
  const { directory, files, check } = output;
  const stale = staleFiles(directory, files);
  const where = displayPath(io, directory);
  const shown = (file: GeneratedFile) => displayPath(io, join(directory, file.name));
  if (check) {
    for (const { file, missing } of stale) io.stdout(`${shown(file)}: ${missing ? 'missing' : 'out of date'}`);
    if (stale.length > 0) {
      io.stdout(`${plural(stale.length, 'generated file')} in ${where} ${stale.length === 1 ? 'does' : 'do'} not match ${output.source}: run ${output.regenerate} to regenerate`);
      return EXIT.failed;
    }
    io.stdout(`ok: ${where} is up to date (${output.contents})`);
    return EXIT.ok;
  }
  for (const { file } of stale) {
    const path = join(directory, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    io.stdout(`wrote ${shown(file)}`);
  }
  io.stdout(`ok: ${output.contents} in ${where} (${plural(stale.length, 'file')} written, ${files.length - stale.length} unchanged)`);
  return EXIT.ok;
}
