/**
 * @smart-task/rules — the Smart-Task catalog: rule sets and the shared rule library, assembled with the
 * request schemas and the port contract of `@smart-task/schemas`, ready for `createEngine({ catalog })`.
 * The cases (test fixtures) are not part of it: they are exported by `@smart-task/rules/cases`.
 *
 * The JSON files are imported, not embedded: the built entries load `../tasks/*.json` and
 * `../shared/*.json` at run time (`import … with { type: 'json' }` in ESM, `require` in CommonJS), so the
 * published package carries each document once.
 */
import { frozenCatalogDocuments, schemaDocuments, type CatalogDocument, type RuleLibraryDocument, type RuleSetFile } from '@smart-task/schemas';
import { buildCheckRecord } from './build-check-record.js';
import comuniLibrary from '../shared/comuni.library.json' with { type: 'json' };
import cancellazioneContattiAnomaliNdrRules from '../tasks/cancellazione-contatti-anomali-ndr.rules.json' with { type: 'json' };
import cessazioneProvvisoriaPosizioneContributivaRules from '../tasks/cessazione-provvisoria-posizione-contributiva.rules.json' with { type: 'json' };
import cessazioneRelazioneSoggettoCollegatoRules from '../tasks/cessazione-relazione-soggetto-collegato.rules.json' with { type: 'json' };
import dichiarazionePreventivaAgevolazioniRules from '../tasks/dichiarazione-preventiva-agevolazioni.rules.json' with { type: 'json' };
import fondoTesoreria1rRules from '../tasks/fondo-tesoreria-1r.rules.json' with { type: 'json' };
import inserimentoSoggettoCollegatoRules from '../tasks/inserimento-soggetto-collegato.rules.json' with { type: 'json' };
import rettificaPeriodoVersamentoRules from '../tasks/rettifica-periodo-versamento.rules.json' with { type: 'json' };
import revocaDelegaDipendenteRules from '../tasks/revoca-delega-dipendente.rules.json' with { type: 'json' };
import revocaDelegaIntermediarioRules from '../tasks/revoca-delega-intermediario.rules.json' with { type: 'json' };
import riattivazionePosizioneContributivaRules from '../tasks/riattivazione-posizione-contributiva.rules.json' with { type: 'json' };
import ricalcoloNotaRettificaRules from '../tasks/ricalcolo-nota-rettifica.rules.json' with { type: 'json' };
import sospensionePosizioneContributivaRules from '../tasks/sospensione-posizione-contributiva.rules.json' with { type: 'json' };
import sostituzioneMaternita9rRules from '../tasks/sostituzione-maternita-9r.rules.json' with { type: 'json' };
import variazioneContattiDipendenteRules from '../tasks/variazione-contatti-dipendente.rules.json' with { type: 'json' };
import variazioneContattiIntermediarioRules from '../tasks/variazione-contatti-intermediario.rules.json' with { type: 'json' };
import variazioneContattiSoggettoCollegatoRules from '../tasks/variazione-contatti-soggetto-collegato.rules.json' with { type: 'json' };
import variazioneIndirizzoPecAziendaleRules from '../tasks/variazione-indirizzo-pec-aziendale.rules.json' with { type: 'json' };

/**
 * The rules package's runtime files (rule sets and rule libraries, no cases), each with its path in the
 * package. Frozen, deeply, and marked with the build-check record (`src/build-check-record.ts`), so that
 * `loadCatalog` trusts the content checks they passed when the record was made (see
 * `LoadCatalogOptions.verify` of `@smart-task/core`). Load an edited copy (`structuredClone`), not
 * these objects changed.
 */
export const ruleDocuments: readonly CatalogDocument[] = frozenCatalogDocuments(
  [
    { file: 'rules/shared/comuni.library.json', content: comuniLibrary },
    { file: 'rules/tasks/cancellazione-contatti-anomali-ndr.rules.json', content: cancellazioneContattiAnomaliNdrRules },
    { file: 'rules/tasks/cessazione-provvisoria-posizione-contributiva.rules.json', content: cessazioneProvvisoriaPosizioneContributivaRules },
    { file: 'rules/tasks/cessazione-relazione-soggetto-collegato.rules.json', content: cessazioneRelazioneSoggettoCollegatoRules },
    { file: 'rules/tasks/dichiarazione-preventiva-agevolazioni.rules.json', content: dichiarazionePreventivaAgevolazioniRules },
    { file: 'rules/tasks/fondo-tesoreria-1r.rules.json', content: fondoTesoreria1rRules },
    { file: 'rules/tasks/inserimento-soggetto-collegato.rules.json', content: inserimentoSoggettoCollegatoRules },
    { file: 'rules/tasks/rettifica-periodo-versamento.rules.json', content: rettificaPeriodoVersamentoRules },
    { file: 'rules/tasks/revoca-delega-dipendente.rules.json', content: revocaDelegaDipendenteRules },
    { file: 'rules/tasks/revoca-delega-intermediario.rules.json', content: revocaDelegaIntermediarioRules },
    { file: 'rules/tasks/riattivazione-posizione-contributiva.rules.json', content: riattivazionePosizioneContributivaRules },
    { file: 'rules/tasks/ricalcolo-nota-rettifica.rules.json', content: ricalcoloNotaRettificaRules },
    { file: 'rules/tasks/sospensione-posizione-contributiva.rules.json', content: sospensionePosizioneContributivaRules },
    { file: 'rules/tasks/sostituzione-maternita-9r.rules.json', content: sostituzioneMaternita9rRules },
    { file: 'rules/tasks/variazione-contatti-dipendente.rules.json', content: variazioneContattiDipendenteRules },
    { file: 'rules/tasks/variazione-contatti-intermediario.rules.json', content: variazioneContattiIntermediarioRules },
    { file: 'rules/tasks/variazione-contatti-soggetto-collegato.rules.json', content: variazioneContattiSoggettoCollegatoRules },
    { file: 'rules/tasks/variazione-indirizzo-pec-aziendale.rules.json', content: variazioneIndirizzoPecAziendaleRules },
  ],
  buildCheckRecord,
);

/**
 * Every rule set of the catalog as written: gates and checks may be `{ "use": id }` references to a
 * rule library. `loadCatalog` (or `createEngine`) expands them.
 */
export const ruleSets: readonly RuleSetFile[] = Object.freeze(ruleDocuments.filter((document) => document.file.endsWith('.rules.json')).map((document) => document.content as RuleSetFile));

/** The rule libraries: gates, checks and facts shared by several rule sets. */
export const ruleLibraries: readonly RuleLibraryDocument[] = Object.freeze(ruleDocuments.filter((document) => document.file.endsWith('.library.json')).map((document) => document.content as RuleLibraryDocument));

/**
 * The runtime catalog as documents: port contract, request schemas, rule sets and rule libraries —
 * what `createEngine({ catalog: catalogDocuments, … })` needs. No cases: add `caseDocuments` of
 * `@smart-task/rules/cases` to run them.
 */
export const catalogDocuments: readonly CatalogDocument[] = Object.freeze([...schemaDocuments, ...ruleDocuments]);
