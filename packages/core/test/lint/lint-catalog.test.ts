import { readFileSync } from 'node:fs';
import { catalogDocuments } from '@smart-task/rules';
import type { CatalogDocument } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createVocabulary, loadCatalog } from '../../src/index.js';
import { formatFinding, lintCatalog, type LintFinding } from '../../src/entries/toolchain.js';
import type { LooseJson } from '../support/loose-json.js';

const FIXTURE = new URL('./fixtures/clean/', import.meta.url);
const RULES = 'prova-lint.rules.json';
const SCHEMA = 'prova-lint.schema.json';
const LIBRARY = 'shared.library.json';

function readFixture(name: string): LooseJson {
  return JSON.parse(readFileSync(new URL(name, FIXTURE), 'utf8'));
}

/** The clean fixture catalog with its rule set and request schema changed, plus extra documents. */
function lint(edit: { rules?: (rules: LooseJson) => void; schema?: (schema: LooseJson) => void; extra?: CatalogDocument[] } = {}): Pick<LintFinding, 'code' | 'file' | 'pointer' | 'message'>[] {
  const rules = readFixture(RULES);
  const schema = readFixture(SCHEMA);
  edit.rules?.(rules);
  edit.schema?.(schema);
  const loaded = loadCatalog([{ file: RULES, content: rules }, { file: SCHEMA, content: schema }, ...(edit.extra ?? [])]);
  if (!loaded.ok) throw new Error(loaded.issues.map((item) => `${item.file}:${item.pointer} ${item.code} ${item.message}`).join('\n'));
  return lintCatalog(loaded.value).map(({ code, file, pointer, message }) => ({ code, file, pointer, message }));
}

const leaf = (fact: string, path: string | undefined, operator: string, value: unknown) => ({ fact, ...(path && { path }), operator, value });
const codesAndPointers = (findings: readonly Pick<LintFinding, 'code' | 'file' | 'pointer'>[]) => findings.map(({ code, file, pointer }) => ({ code, file, pointer }));

describe('lintCatalog on the real catalog', () => {
  it('reports no errors', () => {
    const loaded = loadCatalog(catalogDocuments);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const errors = lintCatalog(loaded.value).filter((finding) => finding.severity === 'error');
    expect(errors.map(formatFinding)).toEqual([]);
  });
});

describe('lintCatalog', () => {
  it('follows paths into arrays and knows .length', () => {
    const richieste = { port: 'richiesteAperte', params: { task: { fact: 'task' }, matricola: { fact: 'subject', path: '$.matricola' }, riferimento: { fact: 'subject', path: '$.matricola' }, requestId: { fact: 'requestId' } } };
    const findings = lint({
      rules: (rules) => {
        rules.facts.richiesteAperte = richieste;
        rules.checks[0].conditions.all.push(leaf('richiesteAperte', '$.length', 'lessThan', 3), leaf('richiesteAperte', '$[0].protocolo', 'exists', false));
      },
    });
    expect(codesAndPointers(findings)).toEqual([{ code: 'LINT_UNKNOWN_FACT_PATH', file: RULES, pointer: '/checks/0/conditions/all/2/path' }]);
    expect(findings[0]?.message).toContain('Did you mean "protocollo"?');
  });

  it("types a helper fact by its helper's result schema", () => {
    const findings = lint({
      rules: (rules) => {
        rules.facts.limite = { helper: 'addMonths', args: { date: { fact: 'posizione', path: '$.dataStato' }, months: 18 } };
        rules.checks[0].conditions.all.push(leaf('posizione', '$.stato', 'lessThanInclusive', { fact: 'limite' }));
      },
    });
    expect(codesAndPointers(findings)).toEqual([{ code: 'LINT_OPERATOR_TYPE_MISMATCH', file: RULES, pointer: '/checks/0/conditions/all/1/value' }]);
    expect(findings[0]?.message).toMatch(/compares numbers on its value \(right\) side, but limite is a string \(format date\)/);
  });

  it('refuses hasItemMatching on a value that is not an array, and a date operator on a number', () => {
    const findings = lint({
      rules: (rules) => {
        rules.checks[0].conditions.all.push(leaf('posizione', undefined, 'hasItemMatching', { stato: 4 }), leaf('posizione', '$.stato', 'dateOnOrBefore', { fact: 'today' }));
      },
    });
    expect(codesAndPointers(findings)).toEqual([
      { code: 'LINT_OPERATOR_TYPE_MISMATCH', file: RULES, pointer: '/checks/0/conditions/all/1/operator' },
      { code: 'LINT_OPERATOR_TYPE_MISMATCH', file: RULES, pointer: '/checks/0/conditions/all/2/operator' },
    ]);
  });

  it('says nothing about a value the schemas leave open', () => {
    const findings = lint({
      rules: (rules) => {
        rules.facts.qualunque = { helper: 'firstOf', args: { first: { fact: 'posizione', path: '$.stato' } } };
        rules.checks[0].conditions.all.push(leaf('qualunque', '$.x.y', 'greaterThan', 1), leaf('request', '$.dataRipresa', 'notEqual', '2024-01-01'));
      },
    });
    expect(findings).toEqual([]);
  });

  it('finds an any that always holds, and an applicableWhen that never does', () => {
    const findings = lint({
      rules: (rules) => {
        rules.checks[0].applicableWhen = leaf('posizione', '$.stato', 'equal', '4');
        rules.checks.push({
          ...rules.checks[0],
          id: 'CHK-02',
          reasonCode: 'NA-ALTRO',
          applicableWhen: undefined,
          conditions: { any: [leaf('subject', '$.profilo', 'equal', 'AZIENDA'), leaf('subject', '$.profilo', 'notEqual', 'AZIENDA')] },
        });
        delete rules.checks[1].applicableWhen;
      },
    });
    expect(codesAndPointers(findings)).toEqual([
      { code: 'LINT_CONDITION_NEVER_TRUE', file: RULES, pointer: '/checks/0/applicableWhen' },
      { code: 'LINT_CONDITION_ALWAYS_TRUE', file: RULES, pointer: '/checks/1/conditions' },
    ]);
    expect(findings[0]?.message).toContain('posizione $.stato equal "4" holds for none of the values');
  });

  it('counts an absent optional field: an "in" over its whole enum can still fail', () => {
    const findings = lint({
      schema: (schema) => {
        schema.properties.tipo = { type: 'string', title: 'Tipo', 'x-i18n': { en: { title: 'Kind' } }, enum: ['A', 'B'] };
      },
      rules: (rules) => rules.checks[0].conditions.all.push(leaf('request', '$.tipo', 'in', ['A', 'B'])),
    });
    expect(findings).toEqual([]);
  });

  it('checks x-known and x-options paths of the request schema against the facts', () => {
    const findings = lint({
      rules: (rules) => {
        rules.facts.deleghe = { port: 'deleghe', params: { matricola: { fact: 'subject', path: '$.matricola' }, cfRichiedente: { fact: 'subject', path: '$.cf' }, profilo: { fact: 'subject', path: '$.profilo' } } };
        rules.checks[0].conditions.all.push(leaf('request', '$.delegaId', 'exists', true), leaf('request', '$.stato', 'exists', true));
      },
      schema: (schema) => {
        schema.properties.stato = { type: 'integer', title: 'Stato', 'x-i18n': { en: { title: 'State' } }, 'x-known': { fact: 'posizione', path: '$.statoAttuale' } };
        schema.properties.delegaId = {
          type: 'string',
          title: 'Delega',
          'x-i18n': { en: { title: 'Delega' } },
          'x-options': { fact: 'deleghe', value: '$.codice', label: { it: '{delegatoNome} dal {dataInizio|date}', en: '{delegatoNome} since {dataInizio|date}' }, where: { stato: 'ATTIVA' } },
        };
      },
    });
    expect(codesAndPointers(findings)).toEqual([
      { code: 'LINT_UNKNOWN_FACT_PATH', file: SCHEMA, pointer: '/properties/stato/x-known/path' },
      { code: 'LINT_UNKNOWN_FACT_PATH', file: SCHEMA, pointer: '/properties/delegaId/x-options/value' },
      { code: 'LINT_UNKNOWN_PLACEHOLDER_PATH', file: SCHEMA, pointer: '/properties/delegaId/x-options/label' },
    ]);
  });

  it('points a finding in a shared gate at the rule library, once for all the rule sets that use it', () => {
    const library = {
      $schema: 'https://smart-task.dev/schemas/rule-library/v1.json',
      id: 'condivise',
      description: { it: 'Regole condivise', en: 'Shared rules' },
      facts: {},
      gates: [{ id: 'AUTH-09', description: { it: 'Profilo', en: 'Profile' }, reasonCode: 'NA-AUTH', message: { it: 'No.', en: 'No.' }, conditions: leaf('subject', '$.profilo', 'equal', 'AGENZIA') }],
      checks: [],
    };
    // A second task uses the gate too, with other checks after it: still one finding.
    const otherRules = readFixture(RULES);
    otherRules.id = 'prova-due';
    otherRules.gates.push({ use: 'AUTH-09' });
    otherRules.checks.push({ ...structuredClone(otherRules.checks[0]), id: 'CHK-02', reasonCode: 'NA-DUE' });
    const otherSchema = { ...readFixture(SCHEMA), 'x-task': 'prova-due' };
    const findings = lint({
      rules: (rules) => rules.gates.push({ use: 'AUTH-09' }),
      extra: [
        { file: LIBRARY, content: library },
        { file: 'prova-due.rules.json', content: otherRules },
        { file: 'prova-due.schema.json', content: otherSchema },
      ],
    });
    expect(codesAndPointers(findings)).toEqual([{ code: 'LINT_UNREACHABLE_RULES', file: LIBRARY, pointer: '/gates/0/conditions' }]);
    expect(findings[0]?.message).toContain('every task that uses it');
  });

  it('reports a placeholder path once per text, whatever formatter each language gives it', () => {
    const findings = lint({
      rules: (rules) => {
        rules.checks[0].message = { it: 'Stato del {posizione.dataStatus|date}.', en: 'State of {posizione.dataStatus}.' };
      },
    });
    expect(codesAndPointers(findings)).toEqual([{ code: 'LINT_UNKNOWN_PLACEHOLDER_PATH', file: RULES, pointer: '/checks/0/message' }]);
  });

  it('follows a field that patternProperties declares, and still reports one no pattern matches', () => {
    const vocabulary = createVocabulary({
      helpers: [
        {
          name: 'importiPerAnno',
          description: 'The amounts by year: { anno2024: 10, … }.',
          argsSchema: { type: 'object' },
          resultSchema: { type: 'object', additionalProperties: false, properties: { totale: { type: 'number' } }, patternProperties: { '^anno[0-9]{4}$': { type: 'integer' } } },
          compute: () => ({}),
        },
      ],
    });
    const rules = readFixture(RULES);
    rules.facts.importi = { helper: 'importiPerAnno', args: {} };
    rules.checks[0].conditions.all.push(leaf('importi', '$.anno2024', 'greaterThan', 0), leaf('importi', '$.anno2025', 'dateAfter', '2024-01-01'), leaf('importi', '$.annata', 'greaterThan', 0));
    const loaded = loadCatalog(
      [
        { file: RULES, content: rules },
        { file: SCHEMA, content: readFixture(SCHEMA) },
      ],
      { vocabulary },
    );
    if (!loaded.ok) throw new Error(loaded.issues.map((item) => item.message).join('\n'));
    expect(lintCatalog(loaded.value, { vocabulary }).map(({ code, pointer }) => ({ code, pointer }))).toEqual([
      { code: 'LINT_UNKNOWN_FACT_PATH', pointer: '/checks/0/conditions/all/3/path' },
      { code: 'LINT_OPERATOR_TYPE_MISMATCH', pointer: '/checks/0/conditions/all/2/operator' },
    ]);
  });

  it('uses operators a host adds, typed by their declared operands', () => {
    const vocabulary = createVocabulary({ operators: [{ name: 'isWeekday', description: 'The date is Monday to Friday.', valueSchema: { type: 'boolean' }, operands: { fact: 'date', value: 'boolean' }, evaluate: () => true }] });
    const rules = readFixture(RULES);
    rules.checks[0].conditions.all.push(leaf('posizione', '$.stato', 'isWeekday', true));
    const loaded = loadCatalog(
      [
        { file: RULES, content: rules },
        { file: SCHEMA, content: readFixture(SCHEMA) },
      ],
      { vocabulary },
    );
    if (!loaded.ok) throw new Error('does not load');
    expect(lintCatalog(loaded.value, { vocabulary }).map(({ code, pointer }) => ({ code, pointer }))).toEqual([{ code: 'LINT_OPERATOR_TYPE_MISMATCH', pointer: '/checks/0/conditions/all/1/operator' }]);
  });
});
