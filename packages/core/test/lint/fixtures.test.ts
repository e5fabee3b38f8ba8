import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/index.js';
import { lintCatalog, type LintCode, type LintSeverity } from '../../src/entries/toolchain.js';
import { LINT_CODES } from '../../src/lint/lint-finding.js';
import { readCatalogDocuments } from '../../src/node/read-catalog.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const RULES = 'prova-lint.rules.json';
const SCHEMA = 'prova-lint.schema.json';

/** Lints the catalog in fixtures/<name>; file names are relative to that folder. */
function lintFixture(name: string) {
  const directory = `${FIXTURES}${name}`;
  const read = readCatalogDocuments([directory], directory);
  expect(read.issues).toEqual([]);
  const loaded = loadCatalog(read.documents);
  if (!loaded.ok) throw new Error(`fixture ${name} does not load: ${loaded.issues.map((item) => `${item.pointer} ${item.code} ${item.message}`).join('; ')}`);
  return lintCatalog(loaded.value);
}

interface Expected {
  readonly file: string;
  readonly pointer: string;
  readonly severity: LintSeverity;
  /** The offending value, as the message must quote it. */
  readonly quotes: string;
}

/** One deliberately broken catalog per lint code, and the one finding it must produce. */
const EXPECTED: Record<LintCode, Expected> = {
  LINT_UNKNOWN_FACT_PATH: { file: RULES, pointer: '/checks/0/conditions/all/0/value/path', severity: 'error', quotes: '"$.dataStatus"' },
  LINT_UNREAD_REQUEST_FIELD: { file: SCHEMA, pointer: '/properties/note', severity: 'warning', quotes: '"note"' },
  LINT_OPERATOR_TYPE_MISMATCH: { file: RULES, pointer: '/checks/0/conditions/all/1/operator', severity: 'error', quotes: '"greaterThan"' },
  LINT_DUPLICATE_CONDITION: { file: RULES, pointer: '/checks/0/conditions/all/1', severity: 'warning', quotes: 'request $.dataRipresa dateOnOrAfter' },
  LINT_CONDITION_NEVER_TRUE: { file: RULES, pointer: '/checks/0/conditions', severity: 'error', quotes: 'posizione $.stato equal 4 and posizione $.stato equal 5' },
  LINT_CONDITION_ALWAYS_TRUE: { file: RULES, pointer: '/checks/1/conditions', severity: 'warning', quotes: 'subject $.profilo in ["AZIENDA","INTERMEDIARIO","DIPENDENTE_DELEGATO"]' },
  LINT_UNREACHABLE_RULES: { file: RULES, pointer: '/gates/0/conditions', severity: 'error', quotes: 'posizione $.gestione in ["INPS","INAIL"]' },
  LINT_BLANK_MESSAGE: { file: RULES, pointer: '/checks/0/description/en', severity: 'error', quotes: '"   "' },
  LINT_PLACEHOLDERS_DIFFER: { file: RULES, pointer: '/checks/0/message', severity: 'warning', quotes: '{posizione.dataStato}' },
  LINT_UNKNOWN_PLACEHOLDER_PATH: { file: RULES, pointer: '/checks/0/message', severity: 'error', quotes: '{posizione.dataStatus|date}' },
  LINT_SLOW_PATTERN: { file: SCHEMA, pointer: '/properties/dataRipresa/pattern', severity: 'warning', quotes: '"^[0-9]+[0-9]*-[0-9]{2}-[0-9]{2}$"' },
  LINT_THIRD_PARTY_DATA: { file: RULES, pointer: '/checks/1/message', severity: 'error', quotes: '{lavoratori[0].nominativo}' },
  LINT_VERSION_GAP: { file: RULES, pointer: '/validTo', severity: 'error', quotes: '2024-12-31' },
};

describe('lint fixtures: each deliberately broken catalog produces exactly its finding', () => {
  it('the unbroken catalog the fixtures start from lints clean', () => {
    expect(lintFixture('clean')).toEqual([]);
  });

  it('there is one fixture folder per lint code, and no other', () => {
    const folders = readdirSync(FIXTURES).filter((name) => name !== 'clean');
    expect(folders.sort()).toEqual([...LINT_CODES].sort());
  });

  it.each(LINT_CODES.map((code) => [code, EXPECTED[code]] as const))('%s', (code, expected) => {
    const findings = lintFixture(code);
    expect(findings.map(({ code: found, file, pointer, severity }) => ({ code: found, file, pointer, severity }))).toEqual([{ code, file: expected.file, pointer: expected.pointer, severity: expected.severity }]);
    const [finding] = findings;
    expect(finding?.message).toContain(expected.quotes);
    expect(finding?.hint).not.toBe('');
  });
});
