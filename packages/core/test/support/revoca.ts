import type { PortFixture, Subject } from '@smart-task/schemas';

/** Identities used across the tests (valid check characters and digits). */
export const AZIENDA_CF = 'RSSMRA80A01H501U';
export const INTERMEDIARIO_CF = 'VRDLGU75C12F205G';
export const SOGGETTO_CF = '12345670488';
export const MATRICOLA = '1234567860';
export const TASK = 'revoca-delega-intermediario';

export const azienda: Subject = { cf: AZIENDA_CF, profilo: 'AZIENDA', soggettoCf: SOGGETTO_CF, matricola: MATRICOLA };
export const intermediarioSenzaDelega: Subject = { cf: 'NREFNC90T10A944O', profilo: 'INTERMEDIARIO', soggettoCf: SOGGETTO_CF, matricola: MATRICOLA };

const delega = (id: string, stato: string) => ({
  id,
  tipo: 'INTERMEDIARIO',
  stato,
  matricola: MATRICOLA,
  deleganteCf: SOGGETTO_CF,
  delegatoCf: INTERMEDIARIO_CF,
  delegatoDenominazione: 'Studio Verdi Consulenti',
  dataInizio: '2022-01-10',
  dataFine: null,
});

/** A fixture in which the azienda can revoke delega DEL-001 (active); DEL-002 is already revoked. */
export function revocaFixture(overrides: Partial<Record<string, PortFixture['facts'][string]>> = {}): PortFixture {
  return {
    facts: {
      abilitazioni: [{ params: { cf: AZIENDA_CF }, result: [{ titolo: 'RAPPRESENTANTE_LEGALE', stato: 'ATTIVA', dataInizio: '2015-03-01' }] }, { result: [] }],
      posizioneContributiva: [
        {
          params: { matricola: MATRICOLA },
          result: { matricola: MATRICOLA, cfSoggetto: SOGGETTO_CF, denominazione: 'Associazione Culturale Aurora', gestione: 'DM', stato: 1, dataStato: '2015-03-01', dataInizio: '2015-03-01' },
        },
      ],
      deleghe: [{ result: [delega('DEL-001', 'ATTIVA'), delega('DEL-002', 'REVOCATA')] }],
      delega: [
        { params: { delegaId: 'DEL-001' }, result: delega('DEL-001', 'ATTIVA') },
        { params: { delegaId: 'DEL-002' }, result: delega('DEL-002', 'REVOCATA') },
      ],
      richiesteAperte: [{ result: [] }],
      ...overrides,
    },
  };
}

/** Valid request data revoking DEL-001 on the day of the test clock. */
export const revocaData = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' };

/** The test clock: 10 March 2026, 09:00 in Rome. */
export const NOW = new Date('2026-03-10T09:00:00+01:00');
