/**
 * @smart-task/rules — the Smart-Task catalog: rule sets and cases, assembled with the request schemas
 * and the port contract of `@smart-task/schemas`, ready for `createEngine({ catalog })`.
 */
import { schemaDocuments, type CasesDocument, type CatalogDocument, type RuleSetDocument } from '@smart-task/schemas';
import revocaDelegaIntermediarioCases from '../tasks/revoca-delega-intermediario.cases.json';
import revocaDelegaIntermediarioRules from '../tasks/revoca-delega-intermediario.rules.json';
import riattivazionePosizioneContributivaCases from '../tasks/riattivazione-posizione-contributiva.cases.json';
import riattivazionePosizioneContributivaRules from '../tasks/riattivazione-posizione-contributiva.rules.json';
import variazioneIndirizzoPecAziendaleCases from '../tasks/variazione-indirizzo-pec-aziendale.cases.json';
import variazioneIndirizzoPecAziendaleRules from '../tasks/variazione-indirizzo-pec-aziendale.rules.json';

/** Every rule set of the catalog. */
export const ruleSets: readonly RuleSetDocument[] = [
  revocaDelegaIntermediarioRules,
  variazioneIndirizzoPecAziendaleRules,
  riattivazionePosizioneContributivaRules,
] as unknown as readonly RuleSetDocument[];

/** Every cases file of the catalog. */
export const cases: readonly CasesDocument[] = [
  revocaDelegaIntermediarioCases,
  variazioneIndirizzoPecAziendaleCases,
  riattivazionePosizioneContributivaCases,
] as unknown as readonly CasesDocument[];

/** The rules package's own files, named as on disk. */
export const ruleDocuments: readonly CatalogDocument[] = [
  ...ruleSets.map((content) => ({ file: `rules/tasks/${content.id}.rules.json`, content })),
  ...cases.map((content) => ({ file: `rules/tasks/${content.task}.cases.json`, content })),
];

/** The whole catalog as documents: port contract, request schemas, rule sets and cases. */
export const catalogDocuments: readonly CatalogDocument[] = [...schemaDocuments, ...ruleDocuments];
