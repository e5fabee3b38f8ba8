import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogDocument } from '@smart-task/schemas';
import { readCatalogDocuments } from '@smart-task/core/node';
import { planGates } from '../../scaffold/gate-plan.js';
import { scaffoldSmartTask, titleFromTaskId } from '../../scaffold/scaffold-task.js';
import { CliError } from '../cli-error.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { displayPath, resolvePath } from '../inputs.js';
import { stringOption } from '../options.js';
import { pascalCase } from '../../types-gen/type-names.js';

const TASK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Where the three files of a new task go, and which directories hold the catalog it joins. */
interface Layout {
  readonly schemaDirectory: string;
  readonly rulesDirectory: string;
  readonly catalogDirectories: readonly string[];
  /** The monorepo layout: `packages/schemas` and `packages/rules` with their document lists. */
  readonly monorepo: boolean;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `<root>/tasks` when the root has that folder, else the root itself: where a catalog root keeps per-task files. */
function tasksFolder(root: string): string {
  const tasks = join(root, 'tasks');
  return isDirectory(tasks) ? tasks : root;
}

/**
 * The layout of the catalog at `root`: this repository's `packages/schemas/tasks` + `packages/rules/tasks`;
 * else a `schemas` + `rules` pair of catalog roots (the layout of the packages, e.g. `schemas/tasks` +
 * `rules/tasks`, or the two folders alone); else the root itself for all three files.
 */
function layoutOf(root: string): Layout {
  const schemas = join(root, 'packages', 'schemas');
  const rules = join(root, 'packages', 'rules');
  if (isDirectory(join(schemas, 'tasks')) && isDirectory(join(rules, 'tasks'))) {
    return { schemaDirectory: join(schemas, 'tasks'), rulesDirectory: join(rules, 'tasks'), catalogDirectories: [schemas, rules], monorepo: true };
  }
  const schemaRoot = join(root, 'schemas');
  const rulesRoot = join(root, 'rules');
  if (isDirectory(schemaRoot) && isDirectory(rulesRoot)) {
    return { schemaDirectory: tasksFolder(schemaRoot), rulesDirectory: tasksFolder(rulesRoot), catalogDirectories: [schemaRoot, rulesRoot], monorepo: false };
  }
  return { schemaDirectory: root, rulesDirectory: root, catalogDirectories: [root], monorepo: false };
}

function taskIdArgument(positionals: readonly string[]): string {
  const [taskId, ...extra] = positionals;
  if (taskId === undefined) throw new CliError('missing the task id: write smart-task new <task-id>, e.g. smart-task new variazione-sede-legale.');
  if (extra.length > 0) throw new CliError(`new takes one task id, got ${positionals.length}: ${positionals.join(' ')}. Options go as --dir, --title-it, --title-en.`);
  if (!TASK_ID.test(taskId)) {
    const suggestion = taskId
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    const hint = TASK_ID.test(suggestion) ? ` Did you mean "${suggestion}"?` : '';
    throw new CliError(`task id ${JSON.stringify(taskId)} is not kebab-case: use lower-case letters and digits separated by single hyphens.${hint}`);
  }
  return taskId;
}

/** The catalog document that already defines the task, if any. */
function definedIn(documents: readonly CatalogDocument[], taskId: string): string | undefined {
  return documents.find(({ content }) => {
    if (typeof content !== 'object' || content === null) return false;
    const record = content as Record<string, unknown>;
    return record['x-task'] === taskId || record.task === taskId || (record.id === taskId && typeof record.version === 'string');
  })?.file;
}

/** `variazione-sede-legale` → `variazioneSedeLegale`, a name for an import. */
function importName(taskId: string): string {
  const pascal = pascalCase(taskId);
  return /^[0-9]/.test(pascal) ? `task${pascal}` : pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The lines the analyst adds to the packages' explicit document lists, which `new` leaves untouched. */
function packageListLines(taskId: string): string[] {
  const name = importName(taskId);
  return [
    'Add the task to the document lists of the packages (they name every file explicitly):',
    '  packages/schemas/src/request-schemas.ts',
    `    import ${name} from '../tasks/${taskId}.schema.json' with { type: 'json' };`,
    `    ${name},                                   ← in requestSchemaDocuments`,
    '  packages/rules/src/index.ts',
    `    import ${name}Rules from '../tasks/${taskId}.rules.json' with { type: 'json' };`,
    `    { file: 'rules/tasks/${taskId}.rules.json', content: ${name}Rules },   ← in ruleDocuments`,
    '  packages/rules/src/cases.ts',
    `    import ${name}Cases from '../tasks/${taskId}.cases.json' with { type: 'json' };`,
    `    { file: 'rules/tasks/${taskId}.cases.json', content: ${name}Cases },   ← in caseDocuments`,
  ];
}

function toJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * `smart-task new <task-id> [--dir root] [--title-it t] [--title-en t]`: writes the request schema,
 * rule set and cases of a new Smart-Task where the catalog at the root keeps them (see {@link layoutOf}):
 * `packages/schemas/tasks` and `packages/rules/tasks`, or `schemas[/tasks]` and `rules[/tasks]`,
 * otherwise the root itself. The files validate and their cases pass as
 * written; `TODO` marks the texts to rewrite. Never overwrites: an existing id exits 2.
 */
export const newCommand: CliCommand = {
  name: 'new',
  synopsis: 'new <task-id> [--dir <catalog root>] [--title-it <title>] [--title-en <title>]',
  summary: 'Write the request schema, rule set and cases of a new Smart-Task that validate and pass as written, with TODO where to fill in.',
  options: { dir: { type: 'string' }, 'title-it': { type: 'string' }, 'title-en': { type: 'string' } },
  optionHelp: {
    dir: { value: '<dir>', text: 'the catalog root; the files go to packages/schemas/tasks and packages/rules/tasks, or schemas[/tasks] and rules[/tasks], when it has them (default: .)' },
    'title-it': { value: '<title>', text: 'the Italian title of the task (default: the id in words)' },
    'title-en': { value: '<title>', text: 'the English title of the task (default: a TODO)' },
  },
  async run({ positionals, values }, io: CliIo) {
    const taskId = taskIdArgument(positionals);
    const dir = stringOption(values, 'dir') ?? '.';
    const root = resolvePath(io, dir);
    if (!isDirectory(root)) {
      throw new CliError(`--dir ${dir}: no such directory; give the root of the catalog (the directory holding packages/schemas and packages/rules, or the one to write the three files into).`);
    }
    const layout = layoutOf(root);
    const files = {
      requestSchema: join(layout.schemaDirectory, `${taskId}.schema.json`),
      ruleSet: join(layout.rulesDirectory, `${taskId}.rules.json`),
      cases: join(layout.rulesDirectory, `${taskId}.cases.json`),
    };
    const existing = Object.values(files).filter((path) => existsSync(path));
    if (existing.length > 0) {
      throw new CliError(`${existing.map((path) => displayPath(io, path)).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}: smart-task new never overwrites. Choose another task id, or edit the existing files.`);
    }
    const read = readCatalogDocuments(layout.catalogDirectories, io.cwd);
    const definedBy = definedIn(read.documents, taskId);
    if (definedBy !== undefined) throw new CliError(`task "${taskId}" already exists in ${definedBy}: choose another task id, or edit that task's files.`);

    const titleIt = stringOption(values, 'title-it') ?? titleFromTaskId(taskId);
    const titleEn = stringOption(values, 'title-en') ?? `TODO: English title of "${titleIt}"`;
    const plan = planGates(read.documents);
    const scaffold = scaffoldSmartTask({ taskId, title: { it: titleIt, en: titleEn }, plan, now: new Date().toISOString() });
    for (const [kind, path] of Object.entries(files) as [keyof typeof files, string][]) {
      writeFileSync(path, toJson(scaffold[kind]), { flag: 'wx' });
      io.stdout(`created ${displayPath(io, path)}`);
    }
    io.stdout(`gates: ${plan.origin}`);
    const catalogArguments = layout.catalogDirectories.map((directory) => displayPath(io, directory)).join(' ');
    if (layout.monorepo) for (const line of packageListLines(taskId)) io.stdout(line);
    io.stdout(`Next: replace the TODOs, then run smart-task validate ${catalogArguments} and smart-task test ${catalogArguments} --task ${taskId}.`);
    return EXIT.ok;
  },
};
