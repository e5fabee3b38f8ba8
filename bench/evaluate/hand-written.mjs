// The gates and checks of the bench tasks written by hand as plain JavaScript on the fact values: what
// a programmer would write without a rules engine, and the floor any engine's evaluation can approach.
// Written from the rule sets (packages/rules/tasks/*.rules.json, shared/comuni.library.json) with the
// operators' meaning (packages/core/src/vocabulary/operators.ts); the bench checks them against
// Smart-Task's outcome on every case of the two cases files that ends in a verdict.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const isoDate = (value) => (typeof value === 'string' && ISO_DATE.test(value) ? value.slice(0, 10) : undefined);
const onOrAfter = (a, b) => {
  const left = isoDate(a);
  const right = isoDate(b);
  return left !== undefined && right !== undefined && left >= right;
};
const onOrBefore = (a, b) => onOrAfter(b, a);
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const isEmpty = (value) => value === undefined || value === null || ((Array.isArray(value) || typeof value === 'string') && value.length === 0);
const exists = (value) => value !== undefined && value !== null;
const hasActive = (list, titles) => Array.isArray(list) && list.some((item) => item !== null && typeof item === 'object' && titles.includes(item.titolo) && item.stato === 'ATTIVA');

/** AUTH-01…AUTH-04 of comuni.library.json. */
const authorisationGates = {
  'AUTH-01': ({ subject, requesters, abilitazioni }) => requesters.includes(subject.profilo) && (subject.profilo !== 'AZIENDA' || hasActive(abilitazioni, ['TITOLARE', 'RAPPRESENTANTE_LEGALE'])),
  'AUTH-02': ({ subject, abilitazioni }) => subject.profilo !== 'INTERMEDIARIO' || hasActive(abilitazioni, ['DELEGA_INTERMEDIARIO', 'SUBDELEGA']),
  'AUTH-03': ({ subject, abilitazioni }) => subject.profilo !== 'DIPENDENTE_DELEGATO' || hasActive(abilitazioni, ['DELEGA_DIPENDENTE']),
  'AUTH-04': ({ subject, posizione }) => exists(posizione) && posizione.cfSoggetto === subject.soggettoCf,
};
const noOpenRequest = ({ richiesteAperte }) => isEmpty(richiesteAperte);
const AUTONOMA = 'MATERNITA_LAVORATRICE_AUTONOMA';

export const handWrittenChecks = {
  'revoca-delega-intermediario': {
    ...authorisationGates,
    'DEL-RI-01': ({ delega, subject }) => delega?.stato === 'ATTIVA' && delega?.matricola === subject.matricola && ['INTERMEDIARIO', 'SUBDELEGA'].includes(delega?.tipo),
    'DEL-RI-02': ({ delega, subject }) => !exists(delega) || (subject.profilo === 'AZIENDA' && delega.deleganteCf === subject.soggettoCf) || (subject.profilo === 'INTERMEDIARIO' && delega.delegatoCf === subject.cf),
    'DEL-RI-03': ({ delega, request, primoGiornoAmmesso, ultimoGiornoAmmesso }) =>
      !exists(delega) || (onOrAfter(request.dataEfficacia, delega.dataInizio) && onOrAfter(request.dataEfficacia, primoGiornoAmmesso) && onOrBefore(request.dataEfficacia, ultimoGiornoAmmesso)),
    'AUTH-05': noOpenRequest,
  },
  'sostituzione-maternita-9r': {
    ...authorisationGates,
    '9R-01': ({ request, organicoAllaRichiesta }) => request.tipoAssenza === AUTONOMA || (isNumber(organicoAllaRichiesta?.dipendentiComputabili) && organicoAllaRichiesta.dipendentiComputabili < 20 && request.dichiarazioneOrganico === true),
    '9R-02': ({ rapportoSostituto }) => ['TEMPO_DETERMINATO', 'SOMMINISTRAZIONE_A_TERMINE'].includes(rapportoSostituto?.tipoContratto),
    '9R-03': ({ assenzaSostituita }) => assenzaSostituita?.inCongedo === true,
    '9R-04': ({ rapportoSostituto, primaAssunzioneAmmessa }) => !exists(rapportoSostituto) || onOrAfter(rapportoSostituto.dataAssunzione, primaAssunzioneAmmessa),
    '9R-05': ({ submittedOn, fineAgevolazione }) => onOrBefore(submittedOn, fineAgevolazione),
    '9R-09': ({ request, rapportoSostituita }) => request.tipoAssenza === AUTONOMA || exists(rapportoSostituita),
    '9R-06': ({ request, rapportoSostituto: sostituto, rapportoSostituita: sostituita }) =>
      !(request.tipoAssenza !== AUTONOMA && exists(sostituto) && exists(sostituita)) || (isNumber(sostituto.oreSettimanali) && isNumber(sostituita.oreSettimanali) && sostituto.oreSettimanali <= sostituita.oreSettimanali),
    '9R-07': ({ posizione }) => [1, 5].includes(posizione?.stato),
    '9R-08': ({ rapportoSostituto, sostituzioniCon9R, request }) => !exists(rapportoSostituto) || (Array.isArray(sostituzioniCon9R) && !sostituzioniCon9R.includes(request.cfSostituto)),
    'AUTH-05': noOpenRequest,
  },
};
