import { basename, dirname } from 'node:path';
import { renderCatalogDocument } from '../../catalog-doc/render-catalog-doc.js';
import { plural, readCatalog, reportUnloadedCatalog } from '../catalog-files.js';
import type { CliCommand } from '../command.js';
import { writeOrCheckGenerated } from '../generated-files.js';
import { resolvePath } from '../inputs.js';
import { flag, requiredOption } from '../options.js';

/**
 * `smart-task doc [dir...] --out <file.md> [--check]`: writes the catalog document (every Smart-Task:
 * what it does, who may file it, data asked, gates and checks with reason codes and messages,
 * operations) generated from the rule sets and request schemas. With `--check` it writes nothing and
 * exits 1 when the file differs — the CI drift check.
 */
export const docCommand: CliCommand = {
  name: 'doc',
  synopsis: 'doc [dir...] --out <file.md> [--check]',
  summary: 'Write the catalog document generated from the rule sets; --check: exit 1 when the file is out of date.',
  options: { out: { type: 'string' }, check: { type: 'boolean' } },
  optionHelp: {
    out: { value: '<file.md>', text: 'required: the catalog document to write' },
    check: { text: 'write nothing; exit 1 when the document is out of date' },
  },
  async run({ positionals, values }, io) {
    const directories = positionals.length > 0 ? positionals : ['.'];
    const out = resolvePath(io, requiredOption(values, 'out', 'docs/catalog.md'));
    const read = readCatalog(io, directories, 'doc');
    if (!read.catalog) return reportUnloadedCatalog(io, read, directories, 'generating the catalog document');
    return writeOrCheckGenerated(io, {
      directory: dirname(out),
      files: [{ name: basename(out), text: renderCatalogDocument(read.catalog) }],
      check: flag(values, 'check'),
      source: 'the rule sets',
      regenerate: 'smart-task doc (pnpm catalog:doc)',
      contents: `catalog document of ${plural(read.catalog.tasks.size, 'Smart-Task')}`,
    });
  },
};
