import cancellazioneContattiAnomaliNdr from '../tasks/cancellazione-contatti-anomali-ndr.schema.json' with { type: 'json' };
import cessazioneProvvisoriaPosizioneContributiva from '../tasks/cessazione-provvisoria-posizione-contributiva.schema.json' with { type: 'json' };
import cessazioneRelazioneSoggettoCollegato from '../tasks/cessazione-relazione-soggetto-collegato.schema.json' with { type: 'json' };
import dichiarazionePreventivaAgevolazioni from '../tasks/dichiarazione-preventiva-agevolazioni.schema.json' with { type: 'json' };
import fondoTesoreria1r from '../tasks/fondo-tesoreria-1r.schema.json' with { type: 'json' };
import inserimentoSoggettoCollegato from '../tasks/inserimento-soggetto-collegato.schema.json' with { type: 'json' };
import rettificaPeriodoVersamento from '../tasks/rettifica-periodo-versamento.schema.json' with { type: 'json' };
import revocaDelegaDipendente from '../tasks/revoca-delega-dipendente.schema.json' with { type: 'json' };
import revocaDelegaIntermediario from '../tasks/revoca-delega-intermediario.schema.json' with { type: 'json' };
import riattivazionePosizioneContributiva from '../tasks/riattivazione-posizione-contributiva.schema.json' with { type: 'json' };
import ricalcoloNotaRettifica from '../tasks/ricalcolo-nota-rettifica.schema.json' with { type: 'json' };
import sospensionePosizioneContributiva from '../tasks/sospensione-posizione-contributiva.schema.json' with { type: 'json' };
import sostituzioneMaternita9r from '../tasks/sostituzione-maternita-9r.schema.json' with { type: 'json' };
import variazioneContattiDipendente from '../tasks/variazione-contatti-dipendente.schema.json' with { type: 'json' };
import variazioneContattiIntermediario from '../tasks/variazione-contatti-intermediario.schema.json' with { type: 'json' };
import variazioneContattiSoggettoCollegato from '../tasks/variazione-contatti-soggetto-collegato.schema.json' with { type: 'json' };
import variazioneIndirizzoPecAziendale from '../tasks/variazione-indirizzo-pec-aziendale.schema.json' with { type: 'json' };
import type { RequestSchemaDocument } from './dsl.js';

/** The request schema of every Smart-Task of the catalog. */
export const requestSchemaDocuments: readonly RequestSchemaDocument[] = Object.freeze([
  cancellazioneContattiAnomaliNdr,
  cessazioneProvvisoriaPosizioneContributiva,
  cessazioneRelazioneSoggettoCollegato,
  dichiarazionePreventivaAgevolazioni,
  fondoTesoreria1r,
  inserimentoSoggettoCollegato,
  rettificaPeriodoVersamento,
  revocaDelegaDipendente,
  revocaDelegaIntermediario,
  riattivazionePosizioneContributiva,
  ricalcoloNotaRettifica,
  sospensionePosizioneContributiva,
  sostituzioneMaternita9r,
  variazioneContattiDipendente,
  variazioneContattiIntermediario,
  variazioneContattiSoggettoCollegato,
  variazioneIndirizzoPecAziendale,
]) as unknown as readonly RequestSchemaDocument[];
