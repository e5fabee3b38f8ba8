import { META_SCHEMA_IDS, type CaseDefinition, type CasesDocument, type LocalizedText, type RuleSetFile } from '@smart-task/schemas';
import { addDays, isoDateInTimeZone } from '@smart-task/core/toolchain';
import type { GatePlan } from './gate-plan.js';

/** What a new Smart-Task is scaffolded from. */
export interface ScaffoldOptions {
  /** The kebab-case task id. */
  readonly taskId: string;
  readonly title: LocalizedText;
  /** The gates and the subject and port answers of the cases (see `planGates`). */
  readonly plan: GatePlan;
  /** The cases' clock when the plan brings none: an ISO date-time with offset. */
  readonly now: string;
}

/** The three documents of a new Smart-Task, ready to be written as JSON. */
export interface ScaffoldedTask {
  /** `<task-id>.schema.json`. */
  readonly requestSchema: Record<string, unknown>;
  /** `<task-id>.rules.json`. */
  readonly ruleSet: RuleSetFile;
  /** `<task-id>.cases.json`. */
  readonly cases: CasesDocument;
}

/** The example field of the request schema, read by the example check. */
export const EXAMPLE_FIELD = 'dataDecorrenza';

/** `variazione-sede-legale` → `VSL`: the prefix of the task's check ids. */
function checkPrefix(taskId: string): string {
  return taskId
    .split('-')
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/** `variazione-sede-legale` → `Variazione sede legale`. */
export function titleFromTaskId(taskId: string): string {
  const words = taskId.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The three files of a new Smart-Task, valid and green as they are: a request schema with one example
 * field (a date), a `planned` rule set with the plan's gates and one check on that field, no operation,
 * and cases — the field on the submission day (accepted), the day after (the check's reason code) and a
 * requester who fails a gate. Texts the analyst must rewrite start with `TODO`.
 */
export function scaffoldSmartTask(options: ScaffoldOptions): ScaffoldedTask {
  const { taskId, title, plan } = options;
  const now = plan.now ?? options.now;
  const submittedOn = isoDateInTimeZone(new Date(now));
  const checkId = `${checkPrefix(taskId)}-01`;
  const reasonCode = 'NA-DATA-FUTURA';

  const requestSchema = {
    $schema: META_SCHEMA_IDS.requestSchema,
    'x-task': taskId,
    type: 'object',
    title: title.it,
    description: 'TODO: una frase per il richiedente: che cosa chiede questo modulo.',
    'x-i18n': { en: { title: title.en, description: 'TODO: one sentence for the requester: what this form asks for.' } },
    properties: {
      [EXAMPLE_FIELD]: {
        type: 'string',
        format: 'date',
        title: 'Data di decorrenza',
        description: 'TODO: campo di esempio; sostituiscilo con i dati che il sistema non conosce già.',
        'x-i18n': { en: { title: 'Start date', description: 'TODO: example field; replace it with the data the system does not already know.' } },
        'x-messages': { required: { it: 'Indica la data di decorrenza.', en: 'Give the start date.' } },
      },
    },
    required: [EXAMPLE_FIELD],
  };

  const ruleSet: RuleSetFile = {
    $schema: META_SCHEMA_IDS.ruleSet,
    id: taskId,
    version: '0.1.0',
    validFrom: submittedOn,
    validTo: null,
    status: 'planned',
    title,
    description: {
      it: `TODO: che cosa fa ${title.it}, chi può presentarla, le regole e le decisioni di progetto che codifica.`,
      en: `TODO: what ${title.en} does, who may file it, the rules and project decisions it encodes.`,
    },
    requesters: plan.requesters,
    facts: {},
    gates: plan.gates,
    checks: [
      {
        id: checkId,
        description: {
          it: 'TODO: verifica di esempio. La data di decorrenza non è successiva alla data di invio',
          en: 'TODO: example check. The start date is not after the submission date',
        },
        severity: 'BLOCKING',
        reasonCode,
        message: {
          it: 'TODO: messaggio di esempio. La data di decorrenza {request.dataDecorrenza|date} è successiva alla data di invio ({submittedOn|date}): indica una data non futura.',
          en: 'TODO: example message. The start date {request.dataDecorrenza|date} is after the submission date ({submittedOn|date}): give a date that is not in the future.',
        },
        conditions: { all: [{ fact: 'request', path: `$.${EXAMPLE_FIELD}`, operator: 'dateOnOrBefore', value: { fact: 'submittedOn' } }] },
      },
    ],
    operations: [],
  } as RuleSetFile;

  const failing = plan.failingGate;
  const failingCase: CaseDefinition = {
    id: 'gate-non-superato',
    description: `TODO: descrivi la situazione. Il richiedente non supera un'autorizzazione (${failing.reasonCode}): non accolta, e la verifica ${checkId} non viene eseguita.${failing.takenFrom ? ` Richiedente e dati presi dal caso ${failing.takenFrom}.` : ''}`,
    ...(failing.subject && { subject: failing.subject }),
    data: { [EXAMPLE_FIELD]: submittedOn },
    ...(failing.fixture && { fixture: failing.fixture }),
    expect: { verdict: 'NON_ACCOLTA', reasons: [failing.reasonCode], operations: [], checks: { [checkId]: 'NOT_EVALUATED' } },
  };
  const cases: CasesDocument = {
    $schema: META_SCHEMA_IDS.cases,
    task: taskId,
    now,
    subject: plan.subject,
    ...(plan.fixture && { fixture: plan.fixture }),
    cases: [
      {
        id: 'accolta',
        description: `TODO: descrivi la situazione. Decorrenza il giorno stesso dell'invio (${submittedOn}): accolta.`,
        data: { [EXAMPLE_FIELD]: submittedOn },
        expect: { verdict: 'ACCOLTA', reasons: [], operations: [], checks: { [checkId]: 'PASSED' } },
      },
      {
        id: 'decorrenza-futura',
        description: `TODO: descrivi la situazione. Decorrenza il giorno dopo l'invio (${addDays(submittedOn, 1)}): non accolta con ${reasonCode}.`,
        data: { [EXAMPLE_FIELD]: addDays(submittedOn, 1) },
        expect: { verdict: 'NON_ACCOLTA', reasons: [reasonCode], operations: [], checks: { [checkId]: 'FAILED' } },
      },
      failingCase,
    ],
  };
  return { requestSchema, ruleSet, cases };
}
