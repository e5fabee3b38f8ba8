import revocaDelegaIntermediario from '../tasks/revoca-delega-intermediario.schema.json';
import riattivazionePosizioneContributiva from '../tasks/riattivazione-posizione-contributiva.schema.json';
import variazioneIndirizzoPecAziendale from '../tasks/variazione-indirizzo-pec-aziendale.schema.json';
import type { RequestSchemaDocument } from './dsl.js';

/** The request schema of every Smart-Task of the catalog. */
export const requestSchemaDocuments: readonly RequestSchemaDocument[] = [
  revocaDelegaIntermediario,
  variazioneIndirizzoPecAziendale,
  riattivazionePosizioneContributiva,
] as unknown as readonly RequestSchemaDocument[];
