import type { LocalizedText } from '@smart-task/schemas';

/**
 * The library's own messages for request fields, by code (`request.` and the request issue code: the
 * JSON Schema keyword in upper snake case, or the problem found in the data before the schema), in
 * plain Italian and English that tell the contributor what to do. `{field}` is the field's title,
 * `{limit}` the keyword's limit, `{detail}` the domain format's own message. A field's `x-messages`
 * in the catalog come first.
 */
export const REQUEST_TEXTS = {
  'request.REQUIRED': { it: 'Compila il campo «{field}».', en: 'Fill in «{field}».' },
  'request.TYPE': { it: 'Il valore di «{field}» non è del tipo atteso: correggilo.', en: 'The value of «{field}» has the wrong type: correct it.' },
  'request.ENUM': { it: 'Per «{field}» scegli uno dei valori proposti.', en: 'For «{field}» choose one of the values offered.' },
  'request.ONE_OF': { it: 'Per «{field}» scegli una delle opzioni proposte.', en: 'For «{field}» choose one of the options offered.' },
  'request.CONST': { it: 'Per «{field}» scegli una delle opzioni proposte.', en: 'For «{field}» choose one of the options offered.' },
  'request.PATTERN': { it: 'Il valore di «{field}» non ha la forma attesa: controllalo.', en: 'The value of «{field}» is not in the expected form: check it.' },
  'request.MIN_LENGTH': { it: '«{field}» deve contenere almeno {limit} caratteri.', en: '«{field}» needs at least {limit} characters.' },
  'request.MAX_LENGTH': { it: '«{field}» può contenere al massimo {limit} caratteri: accorcialo.', en: '«{field}» takes at most {limit} characters: shorten it.' },
  'request.MINIMUM': { it: '«{field}» deve essere almeno {limit}.', en: '«{field}» must be at least {limit}.' },
  'request.MAXIMUM': { it: '«{field}» non può superare {limit}.', en: '«{field}» cannot exceed {limit}.' },
  'request.EXCLUSIVE_MINIMUM': { it: '«{field}» deve essere maggiore di {limit}.', en: '«{field}» must be greater than {limit}.' },
  'request.EXCLUSIVE_MAXIMUM': { it: '«{field}» deve essere minore di {limit}.', en: '«{field}» must be less than {limit}.' },
  'request.MIN_ITEMS': { it: 'Per «{field}» indica almeno {limit} elementi.', en: 'For «{field}» give at least {limit} items.' },
  'request.MAX_ITEMS': { it: 'Per «{field}» indica al massimo {limit} elementi.', en: 'For «{field}» give at most {limit} items.' },
  'request.FORMAT_DATE': { it: 'Inserisci in «{field}» una data valida.', en: 'Enter a valid date in «{field}».' },
  'request.FORMAT_EMAIL': {
    it: 'Inserisci in «{field}» un indirizzo e-mail valido, come nome@dominio.it.',
    en: 'Enter a valid e-mail address in «{field}», such as name@domain.it.',
  },
  'request.FORMAT_URI': { it: 'Inserisci in «{field}» un indirizzo web valido.', en: 'Enter a valid web address in «{field}».' },
  'request.DOMAIN_FORMAT': { it: '«{field}»: {detail}', en: '«{field}»: {detail}' },
  'request.NOT_JSON': {
    it: 'Il valore di «{field}» non è un dato del modulo: inserisci testo, numeri o le scelte proposte.',
    en: 'The value of «{field}» is not form data: enter text, numbers or the choices offered.',
  },
  'request.NOT_FINITE': { it: 'Il valore di «{field}» non è un numero valido: correggilo.', en: 'The value of «{field}» is not a valid number: correct it.' },
  'request.FORBIDDEN_KEY': { it: 'Il dato «{field}» non è ammesso in una richiesta: toglilo.', en: '«{field}» is not allowed in a request: remove it.' },
  'request.TOO_DEEP': {
    it: 'I dati di «{field}» sono annidati oltre {limit} livelli: semplificali.',
    en: 'The data of «{field}» is nested more than {limit} levels deep: simplify it.',
  },
  'request.TOO_MANY_VALUES': { it: 'La richiesta contiene più di {limit} valori: riducili.', en: 'The request holds more than {limit} values: reduce them.' },
  'request.ADDITIONAL_PROPERTIES': { it: 'Il dato «{field}» non fa parte di questa richiesta: toglilo.', en: '«{field}» is not part of this request: remove it.' },
  'request.NOT_AN_OBJECT': {
    it: 'I dati della richiesta devono essere un oggetto con i campi del modulo.',
    en: 'The request data must be an object holding the form fields.',
  },
} satisfies Readonly<Record<string, LocalizedText>>;
