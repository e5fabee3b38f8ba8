import { PROFILI, type CheckDefinition, type FactDeclaration, type GateDefinition, type RuleLibraryDocument, type RuleReference, type RuleSetDocument, type RuleSetFile } from '@smart-task/schemas';
import { issue, type Issue } from '../errors.js';
import { joinPointer, toPointer } from '../json/pointer.js';
import { didYouMean } from '../text/suggest.js';
import type { LoadedDocument, SourceLocation } from './catalog.js';

type RuleKind = 'gates' | 'checks';

interface LibraryItem<T> {
  readonly item: T;
  readonly location: SourceLocation;
  readonly library: LoadedDocument<RuleLibraryDocument>;
}

/** The gates, checks and facts of every rule library of a catalog, by id or name. */
export interface RuleLibraryIndex {
  readonly gates: ReadonlyMap<string, LibraryItem<GateDefinition>>;
  readonly checks: ReadonlyMap<string, LibraryItem<CheckDefinition>>;
  readonly facts: ReadonlyMap<string, LibraryItem<FactDeclaration>>;
}

const KIND_NAMES: Readonly<Record<RuleKind, string>> = { gates: 'gate', checks: 'check' };

/**
 * Indexes the rule libraries of a catalog. A gate or check id and a fact name must be unique across
 * all libraries: a rule set names them without saying which library they come from.
 */
export function indexRuleLibraries(libraries: readonly LoadedDocument<RuleLibraryDocument>[], issues: Issue[]): RuleLibraryIndex {
  const gates = new Map<string, LibraryItem<GateDefinition>>();
  const checks = new Map<string, LibraryItem<CheckDefinition>>();
  const facts = new Map<string, LibraryItem<FactDeclaration>>();
  const ruleIds = new Map<string, SourceLocation>();
  for (const library of libraries) {
    const { file, document } = library;
    for (const kind of ['gates', 'checks'] as const) {
      document[kind].forEach((item, index) => {
        const location = { file, pointer: toPointer([kind, index]) };
        const earlier = ruleIds.get(item.id);
        if (earlier) {
          issues.push(issue('DUPLICATE_ID', file, joinPointer(location.pointer, 'id'), `"${item.id}" is also defined at ${earlier.file}:${earlier.pointer}. Rule sets name library rules by id alone: give this one another id.`));
          return;
        }
        ruleIds.set(item.id, location);
        (kind === 'gates' ? gates : checks).set(item.id, { item: item as CheckDefinition, location, library });
      });
    }
    for (const [name, declaration] of Object.entries(document.facts)) {
      const pointer = joinPointer('/facts', name);
      const earlier = facts.get(name);
      if (earlier) {
        issues.push(issue('DUPLICATE_ID', file, pointer, `Fact "${name}" is also declared by the library ${earlier.location.file}. A rule set using both would get it twice: rename one of them.`));
        continue;
      }
      facts.set(name, { item: declaration, location: { file, pointer }, library });
    }
  }
  return { gates, checks, facts };
}

/**
 * A library as a stand-alone rule set, so the loader can cross-check it even when no rule set uses it:
 * every profile may file it, it has no operations, and its rules may read only its own facts.
 */
export function libraryAsRuleSet(library: RuleLibraryDocument): RuleSetDocument {
  return {
    $schema: library.$schema,
    id: library.id,
    version: '0.0.0',
    validFrom: '0001-01-01',
    status: 'active',
    title: library.description,
    description: library.description,
    requesters: PROFILI,
    facts: library.facts,
    gates: library.gates,
    checks: library.checks,
    operations: [],
  };
}

function isReference(item: GateDefinition | RuleReference): item is RuleReference {
  return typeof (item as RuleReference).use === 'string';
}

/** A rule set with its library references replaced, and where each copied item was written. */
export interface ExpandedRuleSet {
  readonly document: RuleSetDocument;
  readonly origins: ReadonlyMap<string, SourceLocation>;
  /** The libraries it uses, by file: a broken library makes the rule set unusable too. */
  readonly libraries: ReadonlySet<string>;
}

/**
 * Replaces each `{ "use": id }` of a rule set's gates and checks with the library rule of that id and
 * adds every fact of the libraries used. Unknown ids and facts the rule set declares again are issues.
 */
export function expandRuleSet(loaded: LoadedDocument<RuleSetFile>, index: RuleLibraryIndex, issues: Issue[]): ExpandedRuleSet {
  const { file, document } = loaded;
  const origins = new Map<string, SourceLocation>();
  const libraries = new Map<string, LoadedDocument<RuleLibraryDocument>>();
  const resolve = <T extends GateDefinition>(kind: RuleKind, items: readonly (T | RuleReference)[]): T[] =>
    items.flatMap((item, position) => {
      if (!isReference(item)) return [item];
      const pointer = toPointer([kind, position]);
      const found = (kind === 'gates' ? index.gates : index.checks).get(item.use) as LibraryItem<T> | undefined;
      if (!found) {
        const other: RuleKind = kind === 'gates' ? 'checks' : 'gates';
        const misplaced = (other === 'gates' ? index.gates : index.checks).get(item.use);
        const message = misplaced
          ? `"${item.use}" is a ${KIND_NAMES[other]} of ${misplaced.location.file}, not a ${KIND_NAMES[kind]}. Move this reference under "${other}".`
          : `No rule library has a ${KIND_NAMES[kind]} "${item.use}".${didYouMean(item.use, (kind === 'gates' ? index.gates : index.checks).keys())} Use the id of a ${KIND_NAMES[kind]} of a *.library.json file, or write the ${KIND_NAMES[kind]} out here.`;
        issues.push(issue('UNKNOWN_LIBRARY_RULE', file, joinPointer(pointer, 'use'), message));
        return [];
      }
      origins.set(toPointer([kind, position]), found.location);
      libraries.set(found.library.file, found.library);
      return [found.item];
    });
  const gates = resolve('gates', document.gates);
  const checks = resolve('checks', document.checks);
  const facts: Record<string, FactDeclaration> = { ...document.facts };
  for (const library of libraries.values()) {
    for (const [name, declaration] of Object.entries(library.document.facts)) {
      if (name in document.facts) {
        issues.push(issue('LIBRARY_FACT_REDECLARED', file, joinPointer('/facts', name), `Fact "${name}" comes with the rule library ${library.file}, which this rule set uses. Remove it from "facts" here, or rename it.`));
        continue;
      }
      facts[name] = declaration;
      origins.set(joinPointer('/facts', name), { file: library.file, pointer: joinPointer('/facts', name) });
    }
  }
  return { document: { ...document, facts, gates, checks }, origins, libraries: new Set(libraries.keys()) };
}

/**
 * Where a JSON pointer into a loaded rule set was written: in the rule set's own file, or, for a gate,
 * check or fact copied from a rule library, in the library file. Tools use it to point findings at the
 * line an analyst must edit.
 */
export function sourceOf(loaded: LoadedDocument<unknown>, pointer: string): SourceLocation {
  for (const [prefix, location] of loaded.origins ?? []) {
    if (pointer === prefix || pointer.startsWith(`${prefix}/`)) return { file: location.file, pointer: location.pointer + pointer.slice(prefix.length) };
  }
  return { file: loaded.file, pointer };
}

/** An issue moved to where its pointer was written (see {@link sourceOf}). */
export function issueAtSource(loaded: LoadedDocument<unknown>, item: Issue): Issue {
  if (item.file !== loaded.file || !loaded.origins) return item;
  const location = sourceOf(loaded, item.pointer);
  return location.file === item.file && location.pointer === item.pointer ? item : { ...item, ...location };
}
