import { META_SCHEMA_IDS } from '@smart-task/schemas';

/** The kinds of DSL file, told apart by file name. */
export type DocumentKind = keyof typeof META_SCHEMA_IDS;

const SUFFIXES: readonly (readonly [string, DocumentKind])[] = [
  ['.rules.json', 'ruleSet'],
  ['.cases.json', 'cases'],
  ['.fixture.json', 'portFixture'],
  ['.schema.json', 'requestSchema'],
  ['port-contract.json', 'portContract'],
  ['.library.json', 'ruleLibrary'],
];

/** What each file kind is called in messages, and its file-name ending. */
export const KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  ruleSet: 'rule set (*.rules.json)',
  cases: 'cases file (*.cases.json)',
  portFixture: 'port fixture (*.fixture.json)',
  requestSchema: 'request schema (*.schema.json)',
  portContract: 'port contract (port-contract.json)',
  ruleLibrary: 'rule library (*.library.json)',
};

/** The kind of a DSL file from its name, or `undefined` for files that are not part of a catalog. */
export function kindOfFile(file: string): DocumentKind | undefined {
  return SUFFIXES.find(([suffix]) => file.endsWith(suffix))?.[1];
}

/** The kind whose meta-schema has this `$id`, if any. */
export function kindOfMetaSchema(id: unknown): DocumentKind | undefined {
  return (Object.keys(META_SCHEMA_IDS) as DocumentKind[]).find((kind) => META_SCHEMA_IDS[kind] === id);
}
