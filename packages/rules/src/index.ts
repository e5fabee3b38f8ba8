/**
 * @smart-task/rules — the Smart-Task catalog: rule sets and cases, assembled with the request schemas
 * and the port contract of `@smart-task/schemas`, ready for `createEngine({ catalog })`.
 */
import { schemaDocuments, type CasesDocument, type CatalogDocument, type RuleLibraryDocument, type RuleSetFile } from '@smart-task/schemas';
import comuniLibrary from '../shared/comuni.library.json';
import cancellazioneContattiAnomaliNdrCases from '../tasks/cancellazione-contatti-anomali-ndr.cases.json';
import cancellazioneContattiAnomaliNdrRules from '../tasks/cancellazione-contatti-anomali-ndr.rules.json';
import cessazioneProvvisoriaPosizioneContributivaCases from '../tasks/cessazione-provvisoria-posizione-contributiva.cases.json';
import cessazioneProvvisoriaPosizioneContributivaRules from '../tasks/cessazione-provvisoria-posizione-contributiva.rules.json';
import cessazioneRelazioneSoggettoCollegatoCases from '../tasks/cessazione-relazione-soggetto-collegato.cases.json';
import cessazioneRelazioneSoggettoCollegatoRules from '../tasks/cessazione-relazione-soggetto-collegato.rules.json';
import dichiarazionePreventivaAgevolazioniCases from '../tasks/dichiarazione-preventiva-agevolazioni.cases.json';
import dichiarazionePreventivaAgevolazioniRules from '../tasks/dichiarazione-preventiva-agevolazioni.rules.json';
import fondoTesoreria1rCases from '../tasks/fondo-tesoreria-1r.cases.json';
import fondoTesoreria1rRules from '../tasks/fondo-tesoreria-1r.rules.json';
import inserimentoSoggettoCollegatoCases from '../tasks/inserimento-soggetto-collegato.cases.json';
import inserimentoSoggettoCollegatoRules from '../tasks/inserimento-soggetto-collegato.rules.json';
import rettificaPeriodoVersamentoCases from '../tasks/rettifica-periodo-versamento.cases.json';
import rettificaPeriodoVersamentoRules from '../tasks/rettifica-periodo-versamento.rules.json';
import revocaDelegaDipendenteCases from '../tasks/revoca-delega-dipendente.cases.json';
import revocaDelegaDipendenteRules from '../tasks/revoca-delega-dipendente.rules.json';
import revocaDelegaIntermediarioCases from '../tasks/revoca-delega-intermediario.cases.json';
import revocaDelegaIntermediarioRules from '../tasks/revoca-delega-intermediario.rules.json';
import riattivazionePosizioneContributivaCases from '../tasks/riattivazione-posizione-contributiva.cases.json';
import riattivazionePosizioneContributivaRules from '../tasks/riattivazione-posizione-contributiva.rules.json';
import ricalcoloNotaRettificaCases from '../tasks/ricalcolo-nota-rettifica.cases.json';
import ricalcoloNotaRettificaRules from '../tasks/ricalcolo-nota-rettifica.rules.json';
import sospensionePosizioneContributivaCases from '../tasks/sospensione-posizione-contributiva.cases.json';
import sospensionePosizioneContributivaRules from '../tasks/sospensione-posizione-contributiva.rules.json';
import sostituzioneMaternita9rCases from '../tasks/sostituzione-maternita-9r.cases.json';
import sostituzioneMaternita9rRules from '../tasks/sostituzione-maternita-9r.rules.json';
import variazioneContattiDipendenteCases from '../tasks/variazione-contatti-dipendente.cases.json';
import variazioneContattiDipendenteRules from '../tasks/variazione-contatti-dipendente.rules.json';
import variazioneContattiIntermediarioCases from '../tasks/variazione-contatti-intermediario.cases.json';
import variazioneContattiIntermediarioRules from '../tasks/variazione-contatti-intermediario.rules.json';
import variazioneContattiSoggettoCollegatoCases from '../tasks/variazione-contatti-soggetto-collegato.cases.json';
import variazioneContattiSoggettoCollegatoRules from '../tasks/variazione-contatti-soggetto-collegato.rules.json';
import variazioneIndirizzoPecAziendaleCases from '../tasks/variazione-indirizzo-pec-aziendale.cases.json';
import variazioneIndirizzoPecAziendaleRules from '../tasks/variazione-indirizzo-pec-aziendale.rules.json';

/** The rules package's own files, each with its path in the package. */
export const ruleDocuments: readonly CatalogDocument[] = [
  { file: 'rules/shared/comuni.library.json', content: comuniLibrary },
  { file: 'rules/tasks/cancellazione-contatti-anomali-ndr.rules.json', content: cancellazioneContattiAnomaliNdrRules },
  { file: 'rules/tasks/cancellazione-contatti-anomali-ndr.cases.json', content: cancellazioneContattiAnomaliNdrCases },
  { file: 'rules/tasks/cessazione-provvisoria-posizione-contributiva.rules.json', content: cessazioneProvvisoriaPosizioneContributivaRules },
  { file: 'rules/tasks/cessazione-provvisoria-posizione-contributiva.cases.json', content: cessazioneProvvisoriaPosizioneContributivaCases },
  { file: 'rules/tasks/cessazione-relazione-soggetto-collegato.rules.json', content: cessazioneRelazioneSoggettoCollegatoRules },
  { file: 'rules/tasks/cessazione-relazione-soggetto-collegato.cases.json', content: cessazioneRelazioneSoggettoCollegatoCases },
  { file: 'rules/tasks/dichiarazione-preventiva-agevolazioni.rules.json', content: dichiarazionePreventivaAgevolazioniRules },
  { file: 'rules/tasks/dichiarazione-preventiva-agevolazioni.cases.json', content: dichiarazionePreventivaAgevolazioniCases },
  { file: 'rules/tasks/fondo-tesoreria-1r.rules.json', content: fondoTesoreria1rRules },
  { file: 'rules/tasks/fondo-tesoreria-1r.cases.json', content: fondoTesoreria1rCases },
  { file: 'rules/tasks/inserimento-soggetto-collegato.rules.json', content: inserimentoSoggettoCollegatoRules },
  { file: 'rules/tasks/inserimento-soggetto-collegato.cases.json', content: inserimentoSoggettoCollegatoCases },
  { file: 'rules/tasks/rettifica-periodo-versamento.rules.json', content: rettificaPeriodoVersamentoRules },
  { file: 'rules/tasks/rettifica-periodo-versamento.cases.json', content: rettificaPeriodoVersamentoCases },
  { file: 'rules/tasks/revoca-delega-dipendente.rules.json', content: revocaDelegaDipendenteRules },
  { file: 'rules/tasks/revoca-delega-dipendente.cases.json', content: revocaDelegaDipendenteCases },
  { file: 'rules/tasks/revoca-delega-intermediario.rules.json', content: revocaDelegaIntermediarioRules },
  { file: 'rules/tasks/revoca-delega-intermediario.cases.json', content: revocaDelegaIntermediarioCases },
  { file: 'rules/tasks/riattivazione-posizione-contributiva.rules.json', content: riattivazionePosizioneContributivaRules },
  { file: 'rules/tasks/riattivazione-posizione-contributiva.cases.json', content: riattivazionePosizioneContributivaCases },
  { file: 'rules/tasks/ricalcolo-nota-rettifica.rules.json', content: ricalcoloNotaRettificaRules },
  { file: 'rules/tasks/ricalcolo-nota-rettifica.cases.json', content: ricalcoloNotaRettificaCases },
  { file: 'rules/tasks/sospensione-posizione-contributiva.rules.json', content: sospensionePosizioneContributivaRules },
  { file: 'rules/tasks/sospensione-posizione-contributiva.cases.json', content: sospensionePosizioneContributivaCases },
  { file: 'rules/tasks/sostituzione-maternita-9r.rules.json', content: sostituzioneMaternita9rRules },
  { file: 'rules/tasks/sostituzione-maternita-9r.cases.json', content: sostituzioneMaternita9rCases },
  { file: 'rules/tasks/variazione-contatti-dipendente.rules.json', content: variazioneContattiDipendenteRules },
  { file: 'rules/tasks/variazione-contatti-dipendente.cases.json', content: variazioneContattiDipendenteCases },
  { file: 'rules/tasks/variazione-contatti-intermediario.rules.json', content: variazioneContattiIntermediarioRules },
  { file: 'rules/tasks/variazione-contatti-intermediario.cases.json', content: variazioneContattiIntermediarioCases },
  { file: 'rules/tasks/variazione-contatti-soggetto-collegato.rules.json', content: variazioneContattiSoggettoCollegatoRules },
  { file: 'rules/tasks/variazione-contatti-soggetto-collegato.cases.json', content: variazioneContattiSoggettoCollegatoCases },
  { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.rules.json', content: variazioneIndirizzoPecAziendaleRules },
  { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.cases.json', content: variazioneIndirizzoPecAziendaleCases },
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
