/**
 * @smart-task/rules/cases — the cases of the catalog (`tasks/<id>.cases.json`): test fixtures for
 * `runCases` of `@smart-task/core/testing` and `smart-task test`, kept out of the main entry so that a
 * host's runtime (and its bundle) does not carry them. To run them, load them with the runtime catalog:
 * `loadCatalog([...catalogDocuments, ...caseDocuments])`.
 */
import { frozenCatalogDocuments, type CasesDocument, type CatalogDocument } from '@smart-task/schemas';
import { buildCheckRecord } from './build-check-record.js';
import cancellazioneContattiAnomaliNdrCases from '../tasks/cancellazione-contatti-anomali-ndr.cases.json' with { type: 'json' };
import cessazioneProvvisoriaPosizioneContributivaCases from '../tasks/cessazione-provvisoria-posizione-contributiva.cases.json' with { type: 'json' };
import cessazioneRelazioneSoggettoCollegatoCases from '../tasks/cessazione-relazione-soggetto-collegato.cases.json' with { type: 'json' };
import dichiarazionePreventivaAgevolazioniCases from '../tasks/dichiarazione-preventiva-agevolazioni.cases.json' with { type: 'json' };
import fondoTesoreria1rCases from '../tasks/fondo-tesoreria-1r.cases.json' with { type: 'json' };
import inserimentoSoggettoCollegatoCases from '../tasks/inserimento-soggetto-collegato.cases.json' with { type: 'json' };
import rettificaPeriodoVersamentoCases from '../tasks/rettifica-periodo-versamento.cases.json' with { type: 'json' };
import revocaDelegaDipendenteCases from '../tasks/revoca-delega-dipendente.cases.json' with { type: 'json' };
import revocaDelegaIntermediarioCases from '../tasks/revoca-delega-intermediario.cases.json' with { type: 'json' };
import riattivazionePosizioneContributivaCases from '../tasks/riattivazione-posizione-contributiva.cases.json' with { type: 'json' };
import ricalcoloNotaRettificaCases from '../tasks/ricalcolo-nota-rettifica.cases.json' with { type: 'json' };
import sospensionePosizioneContributivaCases from '../tasks/sospensione-posizione-contributiva.cases.json' with { type: 'json' };
import sostituzioneMaternita9rCases from '../tasks/sostituzione-maternita-9r.cases.json' with { type: 'json' };
import variazioneContattiDipendenteCases from '../tasks/variazione-contatti-dipendente.cases.json' with { type: 'json' };
import variazioneContattiIntermediarioCases from '../tasks/variazione-contatti-intermediario.cases.json' with { type: 'json' };
import variazioneContattiSoggettoCollegatoCases from '../tasks/variazione-contatti-soggetto-collegato.cases.json' with { type: 'json' };
import variazioneIndirizzoPecAziendaleCases from '../tasks/variazione-indirizzo-pec-aziendale.cases.json' with { type: 'json' };

/**
 * Every cases file of the catalog, each with its path in the package. Frozen, deeply, and marked with
 * the build-check record, like `ruleDocuments`.
 */
export const caseDocuments: readonly CatalogDocument[] = frozenCatalogDocuments(
  [
    { file: 'rules/tasks/cancellazione-contatti-anomali-ndr.cases.json', content: cancellazioneContattiAnomaliNdrCases },
    { file: 'rules/tasks/cessazione-provvisoria-posizione-contributiva.cases.json', content: cessazioneProvvisoriaPosizioneContributivaCases },
    { file: 'rules/tasks/cessazione-relazione-soggetto-collegato.cases.json', content: cessazioneRelazioneSoggettoCollegatoCases },
    { file: 'rules/tasks/dichiarazione-preventiva-agevolazioni.cases.json', content: dichiarazionePreventivaAgevolazioniCases },
    { file: 'rules/tasks/fondo-tesoreria-1r.cases.json', content: fondoTesoreria1rCases },
    { file: 'rules/tasks/inserimento-soggetto-collegato.cases.json', content: inserimentoSoggettoCollegatoCases },
    { file: 'rules/tasks/rettifica-periodo-versamento.cases.json', content: rettificaPeriodoVersamentoCases },
    { file: 'rules/tasks/revoca-delega-dipendente.cases.json', content: revocaDelegaDipendenteCases },
    { file: 'rules/tasks/revoca-delega-intermediario.cases.json', content: revocaDelegaIntermediarioCases },
    { file: 'rules/tasks/riattivazione-posizione-contributiva.cases.json', content: riattivazionePosizioneContributivaCases },
    { file: 'rules/tasks/ricalcolo-nota-rettifica.cases.json', content: ricalcoloNotaRettificaCases },
    { file: 'rules/tasks/sospensione-posizione-contributiva.cases.json', content: sospensionePosizioneContributivaCases },
    { file: 'rules/tasks/sostituzione-maternita-9r.cases.json', content: sostituzioneMaternita9rCases },
    { file: 'rules/tasks/variazione-contatti-dipendente.cases.json', content: variazioneContattiDipendenteCases },
    { file: 'rules/tasks/variazione-contatti-intermediario.cases.json', content: variazioneContattiIntermediarioCases },
    { file: 'rules/tasks/variazione-contatti-soggetto-collegato.cases.json', content: variazioneContattiSoggettoCollegatoCases },
    { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.cases.json', content: variazioneIndirizzoPecAziendaleCases },
  ],
  buildCheckRecord,
);

/** Every cases file of the catalog. */
export const cases: readonly CasesDocument[] = Object.freeze(caseDocuments.map((document) => document.content as CasesDocument));
