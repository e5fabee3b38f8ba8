// The demo identities: who the visitor of the Cassetto pretends to be. A real host takes the person
// from its authentication (SPID, CIE) and the positions they may act on from its profiles; the gates
// of every task still check, against the archives, that this person may act on that position.

/**
 * @typedef {{ id: string, soggettoCf: string, matricola: string, denominazione: string }} DemoPosition
 * @typedef {{ id: string, name: string, cf: string, profilo: 'AZIENDA' | 'INTERMEDIARIO' | 'DIPENDENTE_DELEGATO',
 *   profiloLabel: { it: string, en: string }, notifications: { channel: 'EMAIL' | 'PEC' | 'SMS', address: string },
 *   positions: DemoPosition[] }} DemoIdentity
 */

/** The one contribution position of the demo's fixtures: the company every identity acts for. */
const AURORA = Object.freeze({ id: 'aurora', soggettoCf: '12345670488', matricola: '1234567860', denominazione: 'Associazione Culturale Aurora' });

/** @type {readonly DemoIdentity[]} */
export const IDENTITIES = Object.freeze([
  {
    id: 'azienda',
    name: 'Mario Rossi',
    cf: 'RSSMRA80A01H501U',
    profilo: 'AZIENDA',
    profiloLabel: { it: 'Azienda (legale rappresentante)', en: 'Company (legal representative)' },
    notifications: { channel: 'PEC', address: 'aurora@pec.it' },
    positions: [AURORA],
  },
  {
    id: 'intermediario',
    name: 'Luigi Verdi — Studio Verdi Consulenti',
    cf: 'VRDLGU75C12F205G',
    profilo: 'INTERMEDIARIO',
    profiloLabel: { it: 'Intermediario (L. 12/1979)', en: 'Intermediary (Law 12/1979)' },
    notifications: { channel: 'EMAIL', address: 'studio@verdiconsulenti.example.it' },
    positions: [AURORA],
  },
  {
    id: 'dipendente',
    name: 'Giovanna Bianchi',
    cf: 'BNCGNN82M45L219V',
    profilo: 'DIPENDENTE_DELEGATO',
    profiloLabel: { it: 'Dipendente delegato', en: 'Delegated employee' },
    notifications: { channel: 'SMS', address: '+393331234567' },
    positions: [AURORA],
  },
]);

/**
 * The identity and position named by their ids, with the subject of the engine's calls; undefined when
 * either is unknown.
 * @param {unknown} identityId
 * @param {unknown} positionId
 */
export function subjectOf(identityId, positionId) {
  const identity = IDENTITIES.find((candidate) => candidate.id === identityId);
  const position = identity?.positions.find((candidate) => candidate.id === (positionId ?? identity.positions[0]?.id));
  if (!identity || !position) return undefined;
  return { identity, position, subject: { cf: identity.cf, profilo: identity.profilo, soggettoCf: position.soggettoCf, matricola: position.matricola } };
}
