import type { LocalizedText } from '@smart-task/schemas';

/**
 * The messages of the domain format checks (codice fiscale, partita IVA, matricola INPS, PEC, periodo,
 * date), by code (`format.` and the format error code). Written for a contributor filling a form: they
 * say what is wrong and what to do, never quote the value (the caller shows the field) and never show a
 * pattern. In request validation they fill `{detail}` of `request.DOMAIN_FORMAT`.
 */
export const FORMAT_TEXTS = {
  'format.CF_LENGTH': {
    it: 'Il codice fiscale deve avere 16 caratteri: controlla di averlo scritto per intero, senza spazi.',
    en: 'The codice fiscale must have 16 characters: check that you typed all of it, without spaces.',
  },
  'format.CF_SYNTAX': {
    it: "Il codice fiscale non è scritto correttamente: controlla di aver copiato lettere e cifre nell'ordine esatto (ad esempio i primi 6 caratteri sono lettere).",
    en: 'The codice fiscale is not written correctly: check that you copied the letters and digits in the exact order (for example, the first 6 characters are letters).',
  },
  'format.CF_DATE': {
    it: 'Il codice fiscale non è valido: la parte che indica il mese o il giorno di nascita non è corretta. Controlla i caratteri dal 9° all’11°.',
    en: 'The codice fiscale is not valid: the part giving the month or day of birth is wrong. Check characters 9 to 11.',
  },
  'format.CF_CHECK_CHARACTER': {
    it: "Il codice fiscale non è valido: controlla l'ultimo carattere (carattere di controllo) e ricontrolla il codice carattere per carattere.",
    en: 'The codice fiscale is not valid: check the last character (check character) and go over the code character by character.',
  },
  'format.CF_ANY_SYNTAX': {
    it: 'Il codice fiscale deve avere 16 caratteri (persona fisica) oppure 11 cifre (società, ente o associazione): controlla di averlo scritto per intero, senza spazi.',
    en: 'The codice fiscale must have 16 characters (a person) or 11 digits (a company, body or association): check that you typed all of it, without spaces.',
  },
  'format.CF_NUMERIC_CHECK_DIGIT': {
    it: "Il codice fiscale numerico non è valido: controlla l'ultima cifra (cifra di controllo) e ricontrolla il codice cifra per cifra.",
    en: 'The numeric codice fiscale is not valid: check the last digit (check digit) and go over the code digit by digit.',
  },
  'format.CF_NUMERIC_ZERO': {
    it: "Il codice fiscale non può essere composto solo da zeri: inserisci il codice fiscale della società o dell'ente.",
    en: 'The codice fiscale cannot be all zeros: enter the codice fiscale of the company or body.',
  },
  'format.PIVA_SYNTAX': {
    it: 'La partita IVA deve avere esattamente 11 cifre, senza lettere, spazi o prefisso IT: controlla di averla scritta per intero.',
    en: 'The partita IVA must have exactly 11 digits, with no letters, spaces or IT prefix: check that you typed all of it.',
  },
  'format.PIVA_CHECK_DIGIT': {
    it: "La partita IVA non è valida: controlla l'ultima cifra (cifra di controllo) e ricontrolla il numero cifra per cifra.",
    en: 'The partita IVA is not valid: check the last digit (check digit) and go over the number digit by digit.',
  },
  'format.PIVA_ZERO': {
    it: 'La partita IVA non può essere composta solo da zeri: inserisci la partita IVA della ditta.',
    en: "The partita IVA cannot be all zeros: enter the firm's partita IVA.",
  },
  'format.MATRICOLA_SYNTAX': {
    it: 'La matricola INPS deve avere esattamente 10 cifre, compresi gli eventuali zeri iniziali: controlla di averla scritta per intero.',
    en: 'The INPS matricola must have exactly 10 digits, including any leading zeros: check that you typed all of it.',
  },
  'format.MATRICOLA_ZERO': {
    it: "La matricola INPS non può essere composta solo da zeri: inserisci la matricola dell'azienda.",
    en: "The INPS matricola cannot be all zeros: enter the firm's matricola.",
  },
  'format.MATRICOLA_CHECK_DIGITS': {
    it: 'Le ultime due cifre della matricola INPS (cifre di controllo) non sembrano corrispondere alle altre: ricontrolla la matricola.',
    en: 'The last two digits of the INPS matricola (check digits) do not seem to match the others: check the matricola again.',
  },
  'format.PEC_SYNTAX': {
    it: "L'indirizzo PEC non è scritto correttamente: deve essere nella forma nome@dominio.it, con una sola chiocciola (@) e senza spazi.",
    en: 'The PEC address is not written correctly: it must look like name@domain.it, with exactly one at sign (@) and no spaces.',
  },
  'format.PEC_LOCAL_PART': {
    it: "La parte dell'indirizzo PEC prima della chiocciola (@) non è valida: usa al massimo 64 tra lettere, cifre e i segni . _ % + -, senza punti all'inizio, alla fine o due di seguito.",
    en: 'The part of the PEC address before the at sign (@) is not valid: use at most 64 letters, digits and the signs . _ % + -, with no dot at the start, at the end or two in a row.',
  },
  'format.PEC_DOMAIN': {
    it: "La parte dell'indirizzo PEC dopo la chiocciola (@) non è valida: deve essere un dominio come pec.it, con almeno un punto e un'estensione finale di almeno 2 lettere.",
    en: 'The part of the PEC address after the at sign (@) is not valid: it must be a domain such as pec.it, with at least one dot and a final extension of at least 2 letters.',
  },
  'format.PEC_TOO_LONG': {
    it: "L'indirizzo PEC è troppo lungo: può avere al massimo 254 caratteri.",
    en: 'The PEC address is too long: it can have at most 254 characters.',
  },
  'format.PERIODO_SYNTAX': {
    it: 'Il periodo deve essere scritto come mese/anno con 2 cifre per il mese e 4 per l’anno, ad esempio 03/2024 per marzo 2024.',
    en: 'The period must be written as month/year with 2 digits for the month and 4 for the year, for example 03/2024 for March 2024.',
  },
  'format.PERIODO_MONTH': {
    it: 'Il mese del periodo deve essere compreso tra 01 e 12.',
    en: 'The month of the period must be between 01 and 12.',
  },
  'format.PERIODO_YEAR': {
    it: "L'anno del periodo deve essere compreso tra 1900 e 2999.",
    en: 'The year of the period must be between 1900 and 2999.',
  },
  'format.DATE_SYNTAX': {
    it: 'La data deve essere scritta come anno-mese-giorno, ad esempio 2024-03-15 per il 15 marzo 2024.',
    en: 'The date must be written as year-month-day, for example 2024-03-15 for 15 March 2024.',
  },
  'format.DATE_INVALID': {
    it: 'Questa data non esiste nel calendario: controlla giorno e mese (ad esempio il 29 febbraio esiste solo negli anni bisestili).',
    en: 'This date does not exist in the calendar: check the day and month (for example, 29 February exists only in leap years).',
  },
} satisfies Readonly<Record<string, LocalizedText>>;
