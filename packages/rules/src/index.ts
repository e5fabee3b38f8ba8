/**
 * @smart-task/rules — the Smart-Task catalog: rule sets and cases, assembled with the request schemas
 * and the port contract of `@smart-task/schemas`, ready for `createEngine({ catalog })`.
 */
import { schemaDocuments, type CasesDocument, type CatalogDocument, type RuleLibraryDocument, type RuleSetFile } from '@smart-task/schemas';
import comuniLibrary from '../shared/comuni.library.json';
import revocaDelegaIntermediarioCases from '../tasks/revoca-delega-intermediario.cases.json';
import revocaDelegaIntermediarioRules from '../tasks/revoca-delega-intermediario.rules.json';
import riattivazionePosizioneContributivaCases from '../tasks/riattivazione-posizione-contributiva.cases.json';
import riattivazionePosizioneContributivaRules from '../tasks/riattivazione-posizione-contributiva.rules.json';
import variazioneIndirizzoPecAziendaleCases from '../tasks/variazione-indirizzo-pec-aziendale.cases.json';
import variazioneIndirizzoPecAziendaleRules from '../tasks/variazione-indirizzo-pec-aziendale.rules.json';

/** The rules package's own files, each with its path in the package. */
export const ruleDocuments: readonly CatalogDocument[] = [
  { file: 'rules/shared/comuni.library.json', content: comuniLibrary },
  { file: 'rules/tasks/revoca-delega-intermediario.rules.json', content: revocaDelegaIntermediarioRules },
  { file: 'rules/tasks/revoca-delega-intermediario.cases.json', content: revocaDelegaIntermediarioCases },
  { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.rules.json', content: variazioneIndirizzoPecAziendaleRules },
  { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.cases.json', content: variazioneIndirizzoPecAziendaleCases },
  { file: 'rules/tasks/riattivazione-posizione-contributiva.rules.json', content: riattivazionePosizioneContributivaRules },
  { file: 'rules/tasks/riattivazione-posizione-contributiva.cases.json', content: riattivazionePosizioneContributivaCases },
];

/**
 * Every rule set of the catalog as written: gates and checks may be `{ "use": id }` references to a
 * rule library. `loadCatalog` (or `createEngine`) expands them.
 */
export const ruleSets: readonly RuleSetFile[] = ruleDocuments.filter((document) => document.file.endsWith('.rules.json')).map((document) => document.content as RuleSetFile);

/** The rule libraries: gates, checks and facts shared by several rule sets. */
export const ruleLibraries: readonly RuleLibraryDocument[] = ruleDocuments.filter((document) => document.file.endsWith('.library.json')).map((document) => document.content as RuleLibraryDocument);

/** Every cases file of the catalog. */
export const cases: readonly CasesDocument[] = ruleDocuments.filter((document) => document.file.endsWith('.cases.json')).map((document) => document.content as CasesDocument);

/** The whole catalog as documents: port contract, request schemas, rule sets and cases. */
export const catalogDocuments: readonly CatalogDocument[] = [...schemaDocuments, ...ruleDocuments];
