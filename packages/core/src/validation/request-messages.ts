import type { LocalizedText } from '@smart-task/schemas';

/**
 * The library's own messages for request fields, by JSON Schema keyword, in plain Italian and English
 * that tell the contributor what to do. `{field}` is the field's title, `{limit}` the keyword's limit.
 */
export const REQUEST_MESSAGES: Readonly<Record<string, LocalizedText>> = {
  required: { it: 'Compila il campo «{field}».', en: 'Fill in «{field}».' },
  type: { it: 'Il valore di «{field}» non è del tipo atteso: correggilo.', en: 'The value of «{field}» has the wrong type: correct it.' },
  enum: { it: 'Per «{field}» scegli uno dei valori proposti.', en: 'For «{field}» choose one of the values offered.' },
  oneOf: { it: 'Per «{field}» scegli una delle opzioni proposte.', en: 'For «{field}» choose one of the options offered.' },
  const: { it: 'Per «{field}» scegli una delle opzioni proposte.', en: 'For «{field}» choose one of the options offered.' },
  pattern: { it: 'Il valore di «{field}» non ha la forma attesa: controllalo.', en: 'The value of «{field}» is not in the expected form: check it.' },
  minLength: { it: '«{field}» deve contenere almeno {limit} caratteri.', en: '«{field}» needs at least {limit} characters.' },
  maxLength: { it: '«{field}» può contenere al massimo {limit} caratteri: accorcialo.', en: '«{field}» takes at most {limit} characters: shorten it.' },
  minimum: { it: '«{field}» deve essere almeno {limit}.', en: '«{field}» must be at least {limit}.' },
  maximum: { it: '«{field}» non può superare {limit}.', en: '«{field}» cannot exceed {limit}.' },
  exclusiveMinimum: { it: '«{field}» deve essere maggiore di {limit}.', en: '«{field}» must be greater than {limit}.' },
  exclusiveMaximum: { it: '«{field}» deve essere minore di {limit}.', en: '«{field}» must be less than {limit}.' },
  minItems: { it: 'Per «{field}» indica almeno {limit} elementi.', en: 'For «{field}» give at least {limit} items.' },
  maxItems: { it: 'Per «{field}» indica al massimo {limit} elementi.', en: 'For «{field}» give at most {limit} items.' },
  'format:date': { it: 'Inserisci in «{field}» una data valida.', en: 'Enter a valid date in «{field}».' },
  'format:email': { it: 'Inserisci in «{field}» un indirizzo e-mail valido, come nome@dominio.it.', en: 'Enter a valid e-mail address in «{field}», such as name@domain.it.' },
  'format:uri': { it: 'Inserisci in «{field}» un indirizzo web valido.', en: 'Enter a valid web address in «{field}».' },
  NOT_JSON: { it: 'Il valore di «{field}» non è un dato del modulo: inserisci testo, numeri o le scelte proposte.', en: 'The value of «{field}» is not form data: enter text, numbers or the choices offered.' },
  NOT_FINITE: { it: 'Il valore di «{field}» non è un numero valido: correggilo.', en: 'The value of «{field}» is not a valid number: correct it.' },
  FORBIDDEN_KEY: { it: 'Il dato «{field}» non è ammesso in una richiesta: toglilo.', en: '«{field}» is not allowed in a request: remove it.' },
  TOO_DEEP: { it: 'I dati di «{field}» sono annidati oltre {limit} livelli: semplificali.', en: 'The data of «{field}» is nested more than {limit} levels deep: simplify it.' },
  TOO_MANY_VALUES: { it: 'La richiesta contiene più di {limit} valori: riducili.', en: 'The request holds more than {limit} values: reduce them.' },
  additionalProperties: { it: 'Il dato «{field}» non fa parte di questa richiesta: toglilo.', en: '«{field}» is not part of this request: remove it.' },
};

/** Fills `{field}` and `{limit}` in a message. */
export function fillRequestMessage(text: string, field: string, limit?: unknown): string {
  return text.replaceAll('{field}', field).replaceAll('{limit}', limit === undefined ? '' : String(limit));
}
