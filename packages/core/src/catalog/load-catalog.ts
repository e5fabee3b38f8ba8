import {
  portContract as bundledPortContract,
  schemaDocuments as bundledSchemaDocuments,
  type CasesDocument,
  type CatalogDocument,
  type PortContractDocument,
  type PortFixture,
  type RequestSchemaDocument,
  type RuleLibraryDocument,
  type RuleSetDocument,
  type RuleSetFile,
} from '@smart-task/schemas';
import { SUBJECT_ONLY_FACTS, dependencyClosure } from '../compile/fact-graph.js';
import { issue, type Issue, type Result } from '../errors.js';
import { createAjv, type Ajv } from '../formats/create-ajv.js';
import { tooDeepAt } from '../json/nesting-depth.js';
import { checkIsoDate } from '../formats/iso-date.js';
import { joinPointer } from '../json/pointer.js';
import { didYouMean, quoteList } from '../text/suggest.js';
import { compileRequestValidator, type RequestValidator } from '../validation/request-validator.js';
import { createVocabulary, type Vocabulary } from '../vocabulary/vocabulary.js';
import type { Catalog, LoadedDocument, TaskDefinition } from './catalog.js';
import { buildCheckedDepth } from './build-check.js';
import { checkFixtureAgainstContract } from './check-fixture.js';
import { checkPortContractSchemas, checkRequestJsonSchema } from './check-json-schemas.js';
import { RememberedByContent, checkedByContent } from './checked-content.js';
import { crossCheckRuleSet } from './cross-check-rule-set.js';
import { expandRuleSet, indexRuleLibraries, issueAtSource, libraryAsRuleSet } from './rule-library.js';
import { KIND_LABELS, kindOfFile, type DocumentKind } from './document-kinds.js';
import { validateAgainstMetaSchema } from './meta-validation.js';
import { conditionalsOf, requestFieldPointer, requestFieldsOf } from '../request-schema/request-fields.js';

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** Operators and helpers the rule sets may name; defaults to the built-ins. */
  readonly vocabulary?: Vocabulary;
  /** The port contract to use when the documents hold none; defaults to `@smart-task/schemas`'. */
  readonly defaultPortContract?: PortContractDocument;
  /**
   * How many levels of arrays and objects a document may nest (the document itself is level 1);
   * deeper documents are refused with `NESTING_TOO_DEEP` before anything walks them. Default
   * {@link DEFAULT_MAX_NESTING_DEPTH}.
   */
  readonly maxNestingDepth?: number;
  /**
   * Whether the packages' own documents are checked again. `'auto'` (the default): the content-only
   * checks — meta-schema validation, the port contract's and request schemas' JSON Schema checks
   * (patterns, draft-07 validity, compilation) — are skipped for the documents `@smart-task/schemas`
   * and `@smart-task/rules` export, as exported (frozen, deeply, and marked with the build-check record
   * `pnpm build-check` makes), when the record was made by these checks and its fingerprint is that
   * of the file and content now. Every other document — read from disk, a copy, an edited or unfrozen
   * object, or a bundled one changed since its record — is checked in full. Everything that depends on
   * the combination (facts, operators and helpers of the vocabulary, actions, request fields,
   * versions, cases, nesting depth) is checked for every document. `'always'`: every check for every
   * document, as `smart-task validate` does. {@link Catalog.checkedAtBuild} lists the files trusted.
   */
  readonly verify?: 'auto' | 'always';
}

/** The default of {@link LoadCatalogOptions.maxNestingDepth}: the bundled catalog nests at most 10 levels. */
export const DEFAULT_MAX_NESTING_DEPTH = 64;

type Buckets = { [K in DocumentKind]: LoadedDocument<unknown>[] } & {
  /** Tasks named by documents that failed their meta-schema: their absence is not reported again. */
  readonly brokenTasks: Set<string>;
  /** The documents whose content-only checks the build-check record vouches for (see `verify`). */
  readonly checkedAtBuild: Set<LoadedDocument<unknown>>;
};

function taskNamedBy(content: unknown): string | undefined {
  if (content === null || typeof content !== 'object') return undefined;
  const record = content as Record<string, unknown>;
  const id = record.id ?? record['x-task'];
  return typeof id === 'string' ? id : undefined;
}

/** The depth of a document the build-check record vouches for, unless `verify` is `'always'`. */
function trustedDepth(document: CatalogDocument, verify: LoadCatalogOptions['verify']): number | undefined {
  return verify === 'always' ? undefined : buildCheckedDepth(document);
}

function sortByKind(documents: readonly CatalogDocument[], maxDepth: number, verify: LoadCatalogOptions['verify'], issues: Issue[]): Buckets {
  const buckets: Buckets = { ruleSet: [], cases: [], portFixture: [], requestSchema: [], portContract: [], ruleLibrary: [], brokenTasks: new Set(), checkedAtBuild: new Set() };
  for (const document of documents) {
    const { file, content } = document;
    const kind = kindOfFile(file);
    if (!kind) {
      issues.push(issue('UNKNOWN_FILE_KIND', file, '', `Cannot tell what this file is from its name. Name it ${quoteList(Object.values(KIND_LABELS))}.`));
      continue;
    }
    const depth = trustedDepth(document, verify);
    if (depth !== undefined && depth <= maxDepth) {
      const loaded = { file, document: content };
      buckets.checkedAtBuild.add(loaded);
      buckets[kind].push(loaded);
      continue;
    }
    const tooDeep = tooDeepAt(content, maxDepth);
    if (tooDeep !== undefined) {
      issues.push(
        issue(
          'NESTING_TOO_DEEP',
          file,
          tooDeep,
          `The document nests more than ${maxDepth} levels of arrays and objects here (loader option maxNestingDepth). Flatten it: combine conditions in one "all" or "any" instead of nesting them one inside the other.`,
        ),
      );
      if (taskNamedBy(content)) buckets.brokenTasks.add(taskNamedBy(content) as string);
      continue;
    }
    const found = checkedByContent(`meta-schema ${kind} ${file}`, content, () => validateAgainstMetaSchema(file, kind, content));
    issues.push(...found);
    if (found.length === 0) buckets[kind].push({ file, document: content });
    else if (taskNamedBy(content)) buckets.brokenTasks.add(taskNamedBy(content) as string);
  }
  return buckets;
}

function checkVersions(taskId: string, ruleSets: readonly LoadedDocument<RuleSetDocument>[], issues: Issue[]): void {
  const end = (ruleSet: RuleSetDocument) => ruleSet.validTo ?? '9999-12-31';
  const versions = new Map<string, string>();
  // Sorted by validFrom, a version overlaps an earlier one exactly when it starts before the latest end
  // so far: one issue per version, against that earlier version, keeps the check linear.
  let latest: LoadedDocument<RuleSetDocument> | undefined;
  for (const current of ruleSets) {
    const { document } = current;
    if (document.validTo && document.validTo < document.validFrom) {
      issues.push(issue('VERSION_OVERLAP', current.file, '/validTo', `validTo ${document.validTo} is before validFrom ${document.validFrom}. Swap or correct the dates.`));
    }
    const sameVersion = versions.get(document.version);
    if (sameVersion !== undefined) {
      issues.push(issue('DUPLICATE_TASK_VERSION', current.file, '/version', `Task "${taskId}" version ${document.version} is also defined in ${sameVersion}. Give this rule set a new version.`));
    } else if (latest && document.validFrom <= end(latest.document)) {
      const earlier = latest.document;
      issues.push(
        issue(
          'VERSION_OVERLAP',
          current.file,
          '/validFrom',
          `Version ${document.version} (from ${document.validFrom}) overlaps version ${earlier.version} of ${latest.file} (${earlier.validFrom} – ${earlier.validTo ?? 'no end'}); only the first overlap found for each version is reported. Set validTo on the older version to the day before ${document.validFrom}.`,
        ),
      );
    }
    if (sameVersion === undefined) versions.set(document.version, current.file);
    if (!latest || end(document) > end(latest.document)) latest = current;
  }
}

function checkRequestSchema(loaded: LoadedDocument<RequestSchemaDocument>, ruleSets: readonly LoadedDocument<RuleSetDocument>[], issues: Issue[]): void {
  const { file, document } = loaded;
  const required = new Set(document.required ?? []);
  const names = requestFieldsOf(document).map((field) => field.name);
  for (const name of required) {
    if (!names.includes(name)) issues.push(issue('UNKNOWN_REQUEST_FIELD', file, '/required', `"${name}" is required but not declared.${didYouMean(name, names)} Declare it under "properties" or remove it from "required".`));
  }
  for (const field of requestFieldsOf(document)) {
    const pointer = requestFieldPointer(field);
    const known = field.schema['x-known'];
    const options = field.schema['x-options'];
    const requiredHere = field.conditional === undefined ? required : new Set(conditionalsOf(document)[field.conditional]?.then.required ?? []);
    if (known && requiredHere.has(field.name)) {
      issues.push(
        issue(
          'KNOWN_FIELD_REQUIRED',
          file,
          joinPointer(pointer, 'x-known'),
          `Field "${field.name}" is known to the system (x-known) and also required: when the port has no value the form asks for it, so it cannot be required. Remove "${field.name}" from "required".`,
        ),
      );
    }
    for (const [annotation, reference] of [
      ['x-known', known],
      ['x-options', options],
    ] as const) {
      if (!reference) continue;
      for (const { file: ruleFile, document: ruleSet } of ruleSets) {
        const declared = new Set([...SUBJECT_ONLY_FACTS, ...Object.keys(ruleSet.facts)]);
        if (!declared.has(reference.fact)) {
          issues.push(issue('UNKNOWN_FACT', file, joinPointer(pointer, annotation, 'fact'), `Fact "${reference.fact}" is not declared in ${ruleFile}.${didYouMean(reference.fact, declared)} Declare it under "facts" there.`));
          continue;
        }
        const needs = [...dependencyClosure([reference.fact], ruleSet.facts)].filter((fact) => !ruleSet.facts[fact] && !SUBJECT_ONLY_FACTS.has(fact));
        if (needs.length > 0) {
          issues.push(
            issue(
              'FORM_FACT_NEEDS_REQUEST',
              file,
              joinPointer(pointer, annotation, 'fact'),
              `The form cannot show "${reference.fact}" before the request is filled in: it depends on ${quoteList(needs)}. Use a fact whose parameters come only from "subject" or "today".`,
            ),
          );
        }
      }
    }
  }
}

function checkCases(
  loaded: LoadedDocument<CasesDocument>,
  task: TaskDefinition | undefined,
  contract: PortContractDocument,
  validateData: ((data: unknown) => { issues: readonly { pointer: string; message: { en: string } }[] }) | undefined,
  issues: Issue[],
): void {
  const { file, document } = loaded;
  const checkDateTime = (value: string | undefined, pointer: string) => {
    if (value !== undefined && !checkIsoDate(value.slice(0, 10)).ok) {
      issues.push(issue('INVALID_DATE', file, pointer, `${JSON.stringify(value)} is written like a date-time but its day does not exist in the calendar. Correct the date (months have 28–31 days; 29 February only in leap years).`));
    }
  };
  checkDateTime(document.now, '/now');
  document.cases.forEach((testCase, index) => {
    checkDateTime(testCase.now, joinPointer('/cases', index, 'now'));
    checkDateTime(testCase.submittedAt, joinPointer('/cases', index, 'submittedAt'));
  });
  if (!task) {
    issues.push(issue('UNKNOWN_TASK', file, '/task', `There is no task "${document.task}" in the catalog. Use the id of a rule set.`));
    return;
  }
  const checkIds = new Set(task.ruleSets.flatMap(({ document: ruleSet }) => [...ruleSet.gates, ...ruleSet.checks].map((rule) => rule.id)));
  const checkFixture = (fixture: PortFixture | undefined, pointer: string) => issues.push(...checkFixtureAgainstContract(fixture, contract, file, pointer));
  checkFixture(document.fixture, '/fixture');
  const caseIds = new Set<string>();
  document.cases.forEach((testCase, index) => {
    const pointer = joinPointer('/cases', index);
    if (caseIds.has(testCase.id)) issues.push(issue('DUPLICATE_ID', file, joinPointer(pointer, 'id'), `Case id "${testCase.id}" is used twice. Give each case its own id.`));
    caseIds.add(testCase.id);
    if (!testCase.subject && !document.subject) issues.push(issue('SCHEMA_VIOLATION', file, pointer, 'This case has no subject. Add "subject" to the case or to the file.'));
    checkFixture(testCase.fixture, joinPointer(pointer, 'fixture'));
    for (const checkId of Object.keys(testCase.expect.checks ?? {})) {
      if (!checkIds.has(checkId)) issues.push(issue('UNKNOWN_CHECK', file, joinPointer(pointer, 'expect', 'checks', checkId), `The task has no gate or check "${checkId}".${didYouMean(checkId, checkIds)}`));
    }
    for (const found of validateData?.(testCase.data).issues ?? []) {
      issues.push(issue('INVALID_REQUEST', file, joinPointer(pointer, 'data') + found.pointer, `${found.message.en} Cases must hold data the form would accept.`));
    }
  });
}

/** The issues without repeats: a library rule used by several rule sets may be reported by each. */
function uniqueIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((item) => {
    const key = `${item.code}\u0000${item.file}\u0000${item.pointer}\u0000${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The validators that check the cases' data, one per request schema: kept (each with its own Ajv
 * instance, which goes when it is forgotten) for the next load of the same schema.
 */
const casesValidators = new RememberedByContent<RequestValidator>(64);
const casesValidatorOf = (schema: RequestSchemaDocument): RequestValidator => casesValidators.get('cases validator', schema, () => compileRequestValidator(createAjv(), schema));

/**
 * Loads a catalog from parsed DSL documents: checks each against its meta-schema, then cross-checks
 * them (facts, operators, actions, request fields, placeholders, versions, cases). Rule sets come back with
 * their rule-library references (`{ "use": id }`) expanded. Never throws for bad
 * content: problems come back as issues with file, JSON pointer, code and a message saying how to fix it.
 * The packages' own documents, as exported, skip the content-only checks they passed at build time
 * (option {@link LoadCatalogOptions.verify}; `verify: 'always'` checks them again).
 *
 * @example
 * const loaded = loadCatalog([...schemaDocuments, ...ruleDocuments]);
 * if (!loaded.ok) for (const item of loaded.issues) console.error(formatIssue(item));
 */
export function loadCatalog(documents: readonly CatalogDocument[], options: LoadCatalogOptions = {}): Result<Catalog> {
  const issues: Issue[] = [];
  const vocabulary = options.vocabulary ?? createVocabulary();
  const buckets = sortByKind(documents, options.maxNestingDepth ?? DEFAULT_MAX_NESTING_DEPTH, options.verify, issues);
  const trusted = (loaded: LoadedDocument<unknown>): boolean => buckets.checkedAtBuild.has(loaded);
  let ajvOfLoad: Ajv | undefined;
  const ajv = (): Ajv => (ajvOfLoad ??= createAjv());

  const contracts = buckets.portContract as LoadedDocument<PortContractDocument>[];
  if (contracts.length > 1) {
    for (const extra of contracts.slice(1)) issues.push(issue('DUPLICATE_PORT_CONTRACT', extra.file, '', `A catalog has one port contract; ${contracts[0]?.file} is one already. Remove this one.`));
  }
  const portContract: LoadedDocument<PortContractDocument> = contracts[0] ?? {
    file: '@smart-task/schemas/port-contract.json',
    document: options.defaultPortContract ?? bundledPortContract,
  };
  // The default contract is the bundled one: trusted as the schemas package's document is.
  const bundledContract = contracts[0] ? undefined : bundledSchemaDocuments.find((document) => document.content === portContract.document);
  if (bundledContract && trustedDepth(bundledContract, options.verify) !== undefined) buckets.checkedAtBuild.add(portContract);
  if (!trusted(portContract)) issues.push(...checkedByContent(`port-contract ${portContract.file}`, portContract.document, () => checkPortContractSchemas(ajv(), portContract.file, portContract.document)));

  const requestSchemas = new Map<string, LoadedDocument<RequestSchemaDocument>>();
  for (const loaded of buckets.requestSchema as LoadedDocument<RequestSchemaDocument>[]) {
    const taskId = loaded.document['x-task'];
    const existing = requestSchemas.get(taskId);
    if (existing) issues.push(issue('DUPLICATE_ID', loaded.file, '/x-task', `Task "${taskId}" already has a request schema in ${existing.file}. Keep one.`));
    else requestSchemas.set(taskId, loaded);
  }

  const libraries = buckets.ruleLibrary as LoadedDocument<RuleLibraryDocument>[];
  const libraryIndex = indexRuleLibraries(libraries, issues);
  const brokenLibraries = new Set<string>();
  for (const library of libraries) {
    const found = crossCheckRuleSet(library.file, libraryAsRuleSet(library.document), portContract.document, undefined, vocabulary);
    if (found.some((item) => item.severity === 'error')) brokenLibraries.add(library.file);
    issues.push(...found);
  }

  const ruleSetsByTask = new Map<string, LoadedDocument<RuleSetDocument>[]>();
  for (const written of buckets.ruleSet as LoadedDocument<RuleSetFile>[]) {
    const expanded = expandRuleSet(written, libraryIndex, issues);
    const loaded: LoadedDocument<RuleSetDocument> = { file: written.file, document: expanded.document, ...(expanded.origins.size > 0 && { origins: expanded.origins }) };
    const requestSchema = requestSchemas.get(loaded.document.id);
    if (!requestSchema && !buckets.brokenTasks.has(loaded.document.id)) {
      issues.push(issue('MISSING_REQUEST_SCHEMA', loaded.file, '/id', `Task "${loaded.document.id}" has no request schema. Add ${loaded.document.id}.schema.json with "x-task": "${loaded.document.id}".`));
    }
    // A broken library is reported once, on the library, not again on each rule set that uses it.
    if (![...expanded.libraries].some((file) => brokenLibraries.has(file))) {
      const found = crossCheckRuleSet(loaded.file, loaded.document, portContract.document, requestSchema?.document, vocabulary);
      issues.push(...found.map((item) => issueAtSource(loaded, item)));
    }
    const list = ruleSetsByTask.get(loaded.document.id) ?? [];
    list.push(loaded);
    ruleSetsByTask.set(loaded.document.id, list);
  }

  const tasks = new Map<string, TaskDefinition>();
  /** The tasks whose request schema compiles: their cases' data is checked against it. */
  const compilable = new Set<string>();
  for (const [taskId, requestSchema] of requestSchemas) {
    const ruleSets = (ruleSetsByTask.get(taskId) ?? []).sort((a, b) => a.document.validFrom.localeCompare(b.document.validFrom));
    if (ruleSets.length === 0) {
      if (buckets.brokenTasks.has(taskId)) continue;
      issues.push(issue('MISSING_RULE_SET', requestSchema.file, '/x-task', `Task "${taskId}" has a request schema but no rule set. Add ${taskId}.rules.json or fix "x-task".`));
      continue;
    }
    checkVersions(taskId, ruleSets, issues);
    checkRequestSchema(requestSchema, ruleSets, issues);
    const schemaIssues = trusted(requestSchema) ? [] : checkedByContent(`request-schema ${requestSchema.file}`, requestSchema.document, () => checkRequestJsonSchema(ajv(), requestSchema.file, requestSchema.document));
    issues.push(...schemaIssues);
    if (schemaIssues.length === 0) compilable.add(taskId);
    tasks.set(taskId, { id: taskId, requestSchema, ruleSets, cases: [] });
  }

  for (const loaded of buckets.cases as LoadedDocument<CasesDocument>[]) {
    const task = tasks.get(loaded.document.task);
    if (!task && buckets.brokenTasks.has(loaded.document.task)) continue;
    const validateData = task && compilable.has(task.id) ? casesValidatorOf(task.requestSchema.document) : undefined;
    checkCases(loaded, task, portContract.document, validateData, issues);
    if (task) (task.cases as LoadedDocument<CasesDocument>[]).push(loaded);
  }

  const unique = uniqueIssues(issues);
  if (unique.some((item) => item.severity === 'error')) return { ok: false, issues: unique };
  const checkedAtBuild = [...buckets.checkedAtBuild].map((loaded) => loaded.file);
  return { ok: true, value: { portContract, tasks, fixtures: buckets.portFixture as LoadedDocument<PortFixture>[], libraries, checkedAtBuild }, issues: unique };
}
