import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CatalogDocument } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Issue } from '../src/index.js';
import { sourceOf } from '../src/entries/toolchain.js';
import { withEdit } from './support/catalog-edit.js';
import type { LooseJson } from './support/loose-json.js';

const RULES = 'rules/tasks/revoca-delega-intermediario.rules.json';
const SCHEMA = 'schemas/tasks/revoca-delega-intermediario.schema.json';
const LIBRARY = 'rules/shared/comuni.library.json';
/** A gate written out in a rule set. */
const GATE = { id: 'X-01', description: { it: 'Prova', en: 'Test' }, reasonCode: 'NA-PROVA', message: { it: 'Prova.', en: 'Test.' }, conditions: { all: [] } };

function issuesOf(documents: readonly CatalogDocument[]): Pick<Issue, 'code' | 'file' | 'pointer'>[] {
  const loaded = loadCatalog(documents);
  expect(loaded.ok).toBe(false);
  return loaded.issues.map(({ code, file, pointer }) => ({ code, file, pointer }));
}

describe('loadCatalog reports broken files with code, file and JSON pointer', () => {
  it('the bundled catalog loads cleanly, alone and with its cases', () => {
    expect(loadCatalog(catalogDocuments).issues).toEqual([]);
    expect(loadCatalog([...catalogDocuments, ...caseDocuments]).issues).toEqual([]);
  });

  it.each([
    ['a fact nobody declared', (rules: LooseJson) => (rules.checks[0].conditions.all[0].fact = 'deleghina'), { code: 'UNKNOWN_FACT', pointer: '/checks/0/conditions/all/0/fact' }],
    ['a port fact missing from the contract', (rules: LooseJson) => (rules.facts.delega.port = 'delegaX'), { code: 'UNKNOWN_PORT_FACT', pointer: '/facts/delega/port' }],
    ['a parameter the port fact does not take', (rules: LooseJson) => (rules.facts.delega.params.anno = 2026), { code: 'INVALID_FACT_PARAMS', pointer: '/facts/delega/params/anno' }],
    ['a literal the operator cannot compare with', (rules: LooseJson) => (rules.checks[0].conditions.all[2].value = 'INTERMEDIARIO'), { code: 'INVALID_OPERATOR_VALUE', pointer: '/checks/0/conditions/all/2/value' }],
    ['a request field that does not exist', (rules: LooseJson) => (rules.checks[2].conditions.all[0].path = '$.dataEffetto'), { code: 'UNKNOWN_REQUEST_FIELD', pointer: '/checks/2/conditions/all/0/path' }],
    ['a jsonpath the DSL does not support', (rules: LooseJson) => (rules.checks[0].conditions.all[0].path = '$..stato'), { code: 'INVALID_PATH', pointer: '/checks/0/conditions/all/0/path' }],
    ['a placeholder naming no fact', (rules: LooseJson) => (rules.checks[0].message.en = 'Delega {delegaX.stato} is not active.'), { code: 'UNKNOWN_PLACEHOLDER', pointer: '/checks/0/message/en' }],
    ['an operation outcome quoted outside an operation', (rules: LooseJson) => (rules.checks[0].message.en = 'Protocol {outcome.protocollo}.'), { code: 'UNKNOWN_PLACEHOLDER', pointer: '/checks/0/message/en' }],
    ['two checks with one reason code', (rules: LooseJson) => (rules.checks[1].reasonCode = rules.checks[0].reasonCode), { code: 'DUPLICATE_REASON_CODE', pointer: '/checks/1/reasonCode' }],
    ['an action missing from the contract', (rules: LooseJson) => (rules.operations[0].action = 'revocaTutto'), { code: 'UNKNOWN_ACTION', pointer: '/operations/0/action' }],
    [
      'facts that depend on each other',
      (rules: LooseJson) => ((rules.facts.delega.params.delegaId = { fact: 'richiesteAperte', path: '$[0].requestId' }), (rules.facts.richiesteAperte.params.riferimento = { fact: 'delega', path: '$.id' })),
      { code: 'FACT_CYCLE' },
    ],
    ['a gate that reads the request', (rules: LooseJson) => rules.gates.push({ ...GATE, conditions: { all: [{ fact: 'request', path: '$.motivo', operator: 'exists', value: true }] } }), { code: 'GATE_READS_REQUEST', pointer: '/gates/4/conditions' }],
    ['a library rule that does not exist', (rules: LooseJson) => (rules.gates[2] = { use: 'AUTH-3' }), { code: 'UNKNOWN_LIBRARY_RULE', pointer: '/gates/2/use' }],
    ['a library gate used as a check', (rules: LooseJson) => rules.checks.push({ use: 'AUTH-04' }), { code: 'UNKNOWN_LIBRARY_RULE', pointer: '/checks/4/use' }],
    [
      'a fact the library already declares',
      (rules: LooseJson) => (rules.facts.posizione = { port: 'posizioneContributiva', params: { matricola: { fact: 'subject', path: '$.matricola' } } }),
      { code: 'LIBRARY_FACT_REDECLARED', pointer: '/facts/posizione' },
    ],
    ['a missing English message', (rules: LooseJson) => delete rules.checks[1].message.en, { code: 'MISSING_TRANSLATION', pointer: '/checks/1/message' }],
    ['an unexpected property', (rules: LooseJson) => (rules.checks[0].severita = 'BLOCKING'), { code: 'SCHEMA_VIOLATION', pointer: '/checks/0/severita' }],
  ])('%s', (_name, edit, expected) => {
    expect(issuesOf(withEdit(RULES, edit))).toEqual([{ file: RULES, pointer: expect.any(String), ...expected }]);
  });

  describe('rule libraries', () => {
    it('reports a broken library rule once, at the library, not in every rule set that uses it', () => {
      const documents = withEdit(LIBRARY, (library) => (library.gates[3].conditions.all[1].operator = 'equalz'));
      expect(issuesOf(documents)).toEqual([{ code: 'UNKNOWN_OPERATOR', file: LIBRARY, pointer: '/gates/3/conditions/all/1/operator' }]);
    });

    it('checks a library fact where it is written', () => {
      const documents = withEdit(LIBRARY, (library) => (library.facts.primoGiornoAmmesso.helper = 'addWeeks'));
      expect(issuesOf(documents)).toEqual([{ code: 'UNKNOWN_HELPER', file: LIBRARY, pointer: '/facts/primoGiornoAmmesso/helper' }]);
    });

    it('refuses a gate id defined in two libraries', () => {
      const library = catalogDocuments.find((document) => document.file === LIBRARY)?.content as { gates: unknown[] };
      const copy = { ...structuredClone(library), id: 'copia', facts: {}, gates: [library.gates[3]], checks: [] };
      expect(issuesOf([...catalogDocuments, { file: 'rules/shared/copia.library.json', content: copy }])).toContainEqual({ code: 'DUPLICATE_ID', file: 'rules/shared/copia.library.json', pointer: '/gates/0/id' });
    });

    it('expands references into full gates and records where they were written', () => {
      const loaded = loadCatalog(catalogDocuments);
      if (!loaded.ok) throw new Error('the catalog must load');
      const ruleSet = loaded.value.tasks.get('revoca-delega-intermediario')?.ruleSets[0];
      expect(ruleSet?.document.gates.map((gate) => gate.id)).toEqual(['AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04']);
      expect(ruleSet?.document.facts).toHaveProperty('posizione.port', 'posizioneContributiva');
      expect(ruleSet && sourceOf(ruleSet, '/gates/1/conditions/any/0')).toEqual({ file: LIBRARY, pointer: '/gates/1/conditions/any/0' });
      expect(ruleSet && sourceOf(ruleSet, '/checks/0')).toEqual({ file: RULES, pointer: '/checks/0' });
    });
  });

  it('a known field that is also required', () => {
    const documents = withEdit(SCHEMA, (schema) => schema.required.push('matricola'));
    expect(issuesOf(documents)).toContainEqual({ code: 'KNOWN_FIELD_REQUIRED', file: SCHEMA, pointer: '/properties/matricola/x-known' });
  });

  it('a form fact that needs the request', () => {
    const documents = withEdit(SCHEMA, (schema) => (schema.properties.matricola['x-known'] = { fact: 'delega', path: '$.matricola' }));
    expect(issuesOf(documents)).toEqual([{ code: 'FORM_FACT_NEEDS_REQUEST', file: SCHEMA, pointer: '/properties/matricola/x-known/fact' }]);
  });

  it('a rule set without request schema, and a file of unknown kind', () => {
    const documents = [...catalogDocuments.filter((document) => document.file !== SCHEMA), { file: 'notes.json', content: {} }];
    const codes = issuesOf(documents).map((found) => found.code);
    expect(codes).toContain('MISSING_REQUEST_SCHEMA');
    expect(codes).toContain('UNKNOWN_FILE_KIND');
  });

  it('messages say how to fix the problem', () => {
    const loaded = loadCatalog(withEdit(RULES, (rules) => (rules.checks[0].conditions.all[0].operator = 'equals')));
    expect(loaded.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_OPERATOR', pointer: '/checks/0/conditions/all/0/operator', message: expect.stringContaining('Did you mean "equal"?') })]);
  });
});

describe('a catalog loaded again in the same process', () => {
  it('is checked afresh when a document changed in place, and reports the same issues when loaded again unchanged', () => {
    const documents = structuredClone([...catalogDocuments, ...caseDocuments]) as CatalogDocument[];
    expect(loadCatalog(documents).issues).toEqual([]);
    const contract = documents.find((document) => document.file.endsWith('port-contract.json'))?.content as LooseJson;
    const schema = documents.find((document) => document.file === SCHEMA)?.content as LooseJson;
    contract.facts.delega.result.type = 'objekt';
    schema.properties.delegaId.pattern = '^(a+)+$';
    const first = loadCatalog(documents).issues.map(({ code, file, pointer }) => ({ code, file, pointer }));
    expect(first).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'INVALID_JSON_SCHEMA', pointer: '/facts/delega/result/type' }), { code: 'SLOW_PATTERN', file: SCHEMA, pointer: '/properties/delegaId/pattern' }]));
    expect(loadCatalog(documents).issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual(first);
    contract.facts.delega.result.type = 'object';
    delete schema.properties.delegaId.pattern;
    expect(loadCatalog(documents).issues).toEqual([]);
  });
});

describe('reserved names and contradictory expectations', () => {
  it('refuses a fact named __proto__', () => {
    // JSON.parse makes "__proto__" an own property, as a rule file read from disk would.
    const parsed = loadCatalog(withEdit(RULES, (rules) => (rules.facts = JSON.parse('{"__proto__": {"port": "delega", "params": {"delegaId": "x"}}}'))));
    expect(parsed.issues).toContainEqual(expect.objectContaining({ code: 'SCHEMA_VIOLATION', message: expect.stringContaining('"__proto__" is not allowed here') }));
  });

  it('refuses a case that expects both a verdict and a technical failure', () => {
    const CASES = 'rules/tasks/revoca-delega-intermediario.cases.json';
    const loaded = loadCatalog(withEdit(CASES, (cases) => (cases.cases[0].expect.technicalFailure = { code: 'PORT_TIMEOUT' })));
    expect(loaded.issues).toEqual([expect.objectContaining({ code: 'SCHEMA_VIOLATION', pointer: '/cases/0/expect', message: expect.stringContaining('not both') })]);
  });
});

describe('more cross-checks', () => {
  it('a known field required inside a conditional block', () => {
    const documents = withEdit(SCHEMA, (schema) => {
      schema.allOf[0].then.properties.codiceStudio = { type: 'string', title: 'Codice', 'x-known': { fact: 'subject', path: '$.cf' } };
      schema.allOf[0].then.required.push('codiceStudio');
    });
    expect(issuesOf(documents)).toContainEqual({ code: 'KNOWN_FIELD_REQUIRED', file: SCHEMA, pointer: '/allOf/0/then/properties/codiceStudio/x-known' });
  });

  it('a literal object with a "fact" key, which json-rules-engine would read as a reference', () => {
    const documents = withEdit(RULES, (rules) => (rules.checks[0].conditions.all[0] = { fact: 'delega', operator: 'equal', value: { fact: 'ATTIVA', note: 'x' } }));
    expect(issuesOf(documents)).toEqual([{ code: 'INVALID_OPERATOR_VALUE', file: RULES, pointer: '/checks/0/conditions/all/0/value' }]);
  });

  it('a second port contract', () => {
    const contract = catalogDocuments.find((document) => document.file.endsWith('port-contract.json')) as CatalogDocument;
    expect(issuesOf([...catalogDocuments, { file: 'copy/port-contract.json', content: contract.content }])).toEqual([{ code: 'DUPLICATE_PORT_CONTRACT', file: 'copy/port-contract.json', pointer: '' }]);
  });
});
