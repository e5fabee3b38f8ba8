import { dirname, join } from 'node:path';
import type { Catalog } from '@smart-task/core';
import { generateTypeFiles } from '../../types-gen/generate-types.js';
import type { CliIo } from '../cli-io.js';
import { plural, readCatalog, reportUnloadedCatalog } from '../catalog-files.js';
import { CliError } from '../cli-error.js';
import type { CliCommand } from '../command.js';
import { writeOrCheckGenerated } from '../generated-files.js';
import { resolvePath } from '../inputs.js';
import { flag, stringOption } from '../options.js';

/** Where the generated types go by default, relative to the directory that holds `port-contract.json`. */
const DEFAULT_OUT = join('src', 'generated');

/** The output directory: `--out`, or `src/generated` next to the catalog's `port-contract.json`. */
function outDirectory(io: CliIo, catalog: Catalog, out: string | undefined, directories: readonly string[]): string {
  if (out !== undefined) return resolvePath(io, out);
  const contract = catalog.portContract.file;
  if (!contract.endsWith('port-contract.json') || contract.startsWith('@smart-task/')) {
    throw new CliError(`no port-contract.json under ${directories.join(', ')}, so there is no default output directory: give --out <dir> (e.g. --out src/generated).`);
  }
  return join(dirname(resolvePath(io, contract)), DEFAULT_OUT);
}

/**
 * `smart-task types [dir...] [--out dir] [--check]`: writes the TypeScript types of the request schemas
 * and of the port contract (`requests.ts`, `port-contract.ts`, `index.ts`). With `--check` it writes
 * nothing and exits 1 when a file on disk differs from what would be generated — the CI check that the
 * committed types are current.
 */
export const typesCommand: CliCommand = {
  name: 'types',
  synopsis: 'types [dir...] [--out <dir>] [--check]',
  summary: 'Write the TypeScript types of the request schemas and the port contract (default --out: src/generated next to port-contract.json); --check: exit 1 when out of date.',
  options: { out: { type: 'string' }, check: { type: 'boolean' } },
  optionHelp: {
    out: { value: '<dir>', text: 'where to write the types (default: src/generated next to port-contract.json)' },
    check: { text: 'write nothing; exit 1 when a generated file is out of date' },
  },
  async run({ positionals, values }, io) {
    const directories = positionals.length > 0 ? positionals : ['.'];
    const check = flag(values, 'check');
    const read = readCatalog(io, directories, 'types');
    if (!read.catalog) return reportUnloadedCatalog(io, read, directories, 'generating types');
    const { catalog } = read;
    const directory = outDirectory(io, catalog, stringOption(values, 'out'), directories);
    const files = await generateTypeFiles({
      requestSchemas: [...catalog.tasks.values()].map((task) => task.requestSchema.document),
      portContract: catalog.portContract.document,
    });
    return writeOrCheckGenerated(io, {
      directory,
      files,
      check,
      contents: `${plural(catalog.tasks.size, 'request type')}, ${plural(Object.keys(catalog.portContract.document.facts).length, 'port fact')}, ${plural(Object.keys(catalog.portContract.document.actions).length, 'action')}`,
      source: 'the schemas',
      regenerate: 'smart-task types',
    });
  },
};
