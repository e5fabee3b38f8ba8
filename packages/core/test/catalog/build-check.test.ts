import { describe, expect, it } from 'vitest';
import { BUILD_CHECK_MARK, frozenCatalogDocuments, schemaDocuments, type CatalogDocument } from '@smart-task/schemas';
import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { CONTENT_CHECKS } from '../../src/catalog/build-check.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { makeBuildCheckRecord } from '../../src/catalog/make-build-check-record.js';
import { runCases } from '../../src/cases/run-cases.js';
import { createEngine } from '../../src/engine.js';
import { fingerprintOf } from '../../src/json/fingerprint.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import type { Result } from '../../src/errors.js';
import type { Catalog } from '../../src/catalog/catalog.js';

const SCHEMA_FILE = 'schemas/tasks/revoca-delega-intermediario.schema.json';
const bundledSchema = schemaDocuments.find((document) => document.file === SCHEMA_FILE) as CatalogDocument;
const ports = () => ({ dataPort: createInMemoryDataPort({ facts: {} }), actionPort: createInMemoryActionPort() });

/** The bundled documents with the request schema replaced. */
const withSchema = (replacement: CatalogDocument): CatalogDocument[] => catalogDocuments.map((document) => (document === bundledSchema ? replacement : document));

/** The request schema with a pattern that is no regular expression: a content-only check refuses it. */
function brokenSchemaContent(): unknown {
  const content = structuredClone(bundledSchema.content) as { properties: Record<string, Record<string, unknown>> };
  (content.properties.matricola as Record<string, unknown>).pattern = '(';
  return content;
}

/** A document marked as the packages mark theirs, with a record made for `content` by `checks`. */
const marked = (content: unknown, fingerprintFor: unknown = content, checks = CONTENT_CHECKS): CatalogDocument =>
  frozenCatalogDocuments([{ file: SCHEMA_FILE, content }], { checks, documents: { [SCHEMA_FILE]: { fingerprint: fingerprintOf(SCHEMA_FILE, fingerprintFor) as string } } })[0] as CatalogDocument;

const codes = (loaded: Result<Catalog>) => loaded.issues.map((item) => `${item.code} ${item.file}`);

describe('the build-check record of the bundled documents', () => {
  it('vouches for every document the packages export, and a trusted load gives the catalog of a full one', () => {
    const trusted = loadCatalog([...catalogDocuments, ...caseDocuments]);
    const full = loadCatalog([...catalogDocuments, ...caseDocuments], { verify: 'always' });
    expect(trusted.ok && full.ok).toBe(true);
    if (!trusted.ok || !full.ok) return;
    expect(new Set(trusted.value.checkedAtBuild)).toEqual(new Set([...catalogDocuments, ...caseDocuments].map((document) => document.file)));
    expect(full.value.checkedAtBuild).toEqual([]);
    expect(trusted.issues).toEqual(full.issues);
    expect(JSON.stringify({ ...trusted.value, checkedAtBuild: [] }, (_key, value: unknown) => (value instanceof Map ? [...value] : value))).toBe(
      JSON.stringify({ ...full.value, checkedAtBuild: [] }, (_key, value: unknown) => (value instanceof Map ? [...value] : value)),
    );
  });

  it('gives engines that behave alike: the same tasks, validations and case outcomes', async () => {
    const trusted = createEngine({ catalog: catalogDocuments, ...ports() });
    const full = createEngine({ catalog: catalogDocuments, ...ports(), verify: 'always' });
    expect(trusted.catalog.checkedAtBuild?.length).toBe(catalogDocuments.length);
    expect(full.catalog.checkedAtBuild).toEqual([]);
    for (const taskId of trusted.catalog.tasks.keys()) expect(trusted.validate(taskId, { matricola: 7 })).toEqual(full.validate(taskId, { matricola: 7 }));
    const outcomes = async (verify: 'auto' | 'always') => {
      const loaded = loadCatalog([...catalogDocuments, ...caseDocuments], { verify });
      if (!loaded.ok) throw new Error('the bundled catalog does not load');
      return (await runCases(loaded.value)).map(({ caseId, passed, failures }) => ({ caseId, passed, failures }));
    };
    // One after the other: a catalog loaded in full takes the event loop for a second or more on a busy
    // machine, and would hold up the answers of the other run's evaluations past their 250 ms deadline.
    const withRecord = await outcomes('auto');
    const checkedInFull = await outcomes('always');
    expect(withRecord).toEqual(checkedInFull);
    expect(withRecord.every((result) => result.passed)).toBe(true);
  });

  it('matches what the full checks record now (pnpm build-check:check checks the committed files too)', () => {
    const record = makeBuildCheckRecord([...catalogDocuments, ...caseDocuments], schemaDocuments);
    expect(record.checks).toBe(CONTENT_CHECKS);
    for (const document of schemaDocuments) expect((Object.getOwnPropertyDescriptor(document, BUILD_CHECK_MARK)?.value as { fingerprint: string }).fingerprint).toBe(record.documents[document.file]?.fingerprint);
  });

  it('checks an edited copy of a bundled document in full', () => {
    const edited = { file: SCHEMA_FILE, content: brokenSchemaContent() };
    const loaded = loadCatalog(withSchema(edited));
    expect(codes(loaded)).toContain(`INVALID_PATTERN ${SCHEMA_FILE}`);
    expect(() => createEngine({ catalog: withSchema(edited), ...ports() })).toThrow(/Catalog|catalog/);
  });

  it('checks in full a copy that is unchanged, a marked document whose content is not frozen, and a spread of a marked one', () => {
    const unfrozen = Object.freeze(Object.defineProperty({ file: SCHEMA_FILE, content: structuredClone(bundledSchema.content) }, BUILD_CHECK_MARK, { value: Object.getOwnPropertyDescriptor(bundledSchema, BUILD_CHECK_MARK)?.value }));
    for (const copy of [{ file: SCHEMA_FILE, content: structuredClone(bundledSchema.content) }, unfrozen, { ...bundledSchema }]) {
      const loaded = loadCatalog(withSchema(copy));
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(loaded.value.checkedAtBuild).not.toContain(SCHEMA_FILE);
    }
  });

  it('falls back to the full checks when the record is stale: the content changed since, or other checks made it', () => {
    const content = brokenSchemaContent();
    for (const stale of [marked(content, bundledSchema.content), marked(content, content, '@smart-task/core content checks 0')]) {
      const loaded = loadCatalog(withSchema(stale));
      expect(codes(loaded)).toContain(`INVALID_PATTERN ${SCHEMA_FILE}`);
    }
  });

  it("trusts the content-only checks only: with verify: 'always' they run, and the checks of the combination run anyway", () => {
    // A record that lies (made for the broken content): what 'auto' takes on trust, 'always' checks.
    const lying = marked(brokenSchemaContent());
    const trusted = loadCatalog(withSchema(lying));
    expect(trusted.ok).toBe(true);
    if (trusted.ok) expect(trusted.value.checkedAtBuild).toContain(SCHEMA_FILE);
    expect(codes(loadCatalog(withSchema(lying), { verify: 'always' }))).toContain(`INVALID_PATTERN ${SCHEMA_FILE}`);
    expect(() => createEngine({ catalog: withSchema(lying), ...ports(), verify: 'always' })).toThrow();
    // A field required but not declared is found by the request schema's check against its rule sets.
    const content = structuredClone(bundledSchema.content) as { required?: string[] };
    content.required = [...(content.required ?? []), 'nonDichiarato'];
    expect(codes(loadCatalog(withSchema(marked(content))))).toContain(`UNKNOWN_REQUEST_FIELD ${SCHEMA_FILE}`);
  });

  it('checks the nesting depth of trusted documents against the option', () => {
    const loaded = loadCatalog(catalogDocuments, { maxNestingDepth: 3 });
    expect(codes(loaded)).toContain(`NESTING_TOO_DEEP ${SCHEMA_FILE}`);
  });

  it('refuses a verify option it does not know', () => {
    expect(() => createEngine({ catalog: catalogDocuments, ...ports(), verify: 'never' as 'always' })).toThrow(/Invalid engine options/);
  });
});
