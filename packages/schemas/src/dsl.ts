/**
 * Types of the Smart-Task DSL documents. They mirror the meta-schemas in `meta/` (version 1): the
 * meta-schemas are the contract an analyst's editor and the loader check; these types are what a host
 * or the engine reads after a document has passed that check.
 */

/** A language the library speaks to contributors; Italian is the default. */
export type Locale = 'it' | 'en';

/** A text in every supported language. */
export interface LocalizedText {
  readonly it: string;
  readonly en: string;
}

/** The profile a requester authenticated with in the Cassetto previdenziale. */
export type Profilo = 'AZIENDA' | 'INTERMEDIARIO' | 'DIPENDENTE_DELEGATO';

/** Every profile, in the order INPS lists them. */
export const PROFILI: readonly Profilo[] = ['AZIENDA', 'INTERMEDIARIO', 'DIPENDENTE_DELEGATO'];

/**
 * The requester and the position they act on: the authenticated person (`cf`, `profilo`), the soggetto
 * contribuente they act for (`soggettoCf`) and the posizione contributiva in focus (`matricola`).
 */
export interface Subject {
  readonly cf: string;
  readonly profilo: Profilo;
  readonly soggettoCf: string;
  readonly matricola: string;
}

/** Every field of {@link Subject}, checked by the compiler: a field added to or removed from the interface must be here too. */
const SUBJECT_FIELD_SET = { cf: true, profilo: true, soggettoCf: true, matricola: true } as const satisfies { readonly [K in keyof Subject]-?: true };

/**
 * The names of the {@link Subject}'s fields, in the order messages list them: the one list every check
 * of a subject reads (engine calls, lifecycle events, `subject` paths in rule sets, lint).
 *
 * @example
 * const missing = SUBJECT_FIELDS.filter((field) => !(field in value));
 */
export const SUBJECT_FIELDS: readonly (keyof Subject)[] = Object.keys(SUBJECT_FIELD_SET) as (keyof Subject)[];

/** A reference to a fact value, optionally a path inside it (`$.a.b[0]`). */
export interface FactReference {
  readonly fact: string;
  readonly path?: string;
}

/** A parameter of a port fact, helper or operation: a literal or a reference to a fact value. */
export type ParamValue = FactReference | string | number | boolean | null;

/** A fact fetched from the data port. */
export interface PortFactDeclaration {
  readonly port: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** A fact computed by a registered helper (e.g. `addMonths`) from other facts. */
export interface HelperFactDeclaration {
  readonly helper: string;
  readonly args: Readonly<Record<string, ParamValue>>;
}

/** One period of a {@link DatedValuesFactDeclaration}: the value in force from `from` to `to` (inclusive). */
export interface DatedValue {
  /** First day (ISO date); `null`: since always. */
  readonly from: string | null;
  /** Last day (ISO date); `null`: no end. */
  readonly to: string | null;
  readonly value: unknown;
  /** The law or circular that sets this value. */
  readonly reference?: string;
}

/**
 * Data that changes by date, written in the rule set (e.g. a headcount threshold set by law for some
 * years): the fact is the value of the period that contains the date `on` refers to, or `null`.
 */
export interface DatedValuesFactDeclaration {
  readonly inForce: readonly DatedValue[];
  readonly on: FactReference;
}

/** A fact a rule set reads: from the port, from a helper, or from dated values. */
export type FactDeclaration = PortFactDeclaration | HelperFactDeclaration | DatedValuesFactDeclaration;

/** A leaf condition in json-rules-engine's format. */
export interface LeafCondition {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  readonly value: unknown;
  readonly priority?: number;
}

/** A condition tree in json-rules-engine's format. */
export type Condition = LeafCondition | { readonly all: readonly Condition[]; readonly priority?: number } | { readonly any: readonly Condition[]; readonly priority?: number } | { readonly not: Condition; readonly priority?: number };

/** Whether a failed check makes the request Non Accolta (`BLOCKING`) or is only reported (`WARNING`). */
export type Severity = 'BLOCKING' | 'WARNING';

/** A gate: an authorisation check that runs before anything else about the target is read. */
export interface GateDefinition {
  readonly id: string;
  readonly description: LocalizedText;
  readonly reasonCode: string;
  readonly message: LocalizedText;
  readonly legalReference?: string;
  readonly conditions: Condition;
}

/** A check of the istruttoria: passes when its conditions hold. */
export interface CheckDefinition extends GateDefinition {
  readonly severity: Severity;
  /** When present and false, the check does not apply and is reported as NOT_EVALUATED. */
  readonly applicableWhen?: Condition;
}

/** An operation performed through the action port when the request is Accolta. */
export interface OperationDefinition {
  readonly id: string;
  readonly action: string;
  readonly description: LocalizedText;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Whether a task is offered to everyone (`active`) or only where the host switches it on (`planned`). */
export type TaskStatus = 'active' | 'planned';

/** A rule set: one version of a Smart-Task's istruttoria, with every gate and check written out. */
export interface RuleSetDocument {
  readonly $schema: string;
  readonly id: string;
  readonly version: string;
  readonly validFrom: string;
  readonly validTo?: string | null;
  readonly status: TaskStatus;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly requesters: readonly Profilo[];
  readonly facts: Readonly<Record<string, FactDeclaration>>;
  readonly gates: readonly GateDefinition[];
  readonly checks: readonly CheckDefinition[];
  readonly operations: readonly OperationDefinition[];
}

/** A gate or check taken from a rule library by id: `{ "use": "AUTH-01" }`. */
export interface RuleReference {
  readonly use: string;
}

/**
 * A rule set as written in its file: gates and checks may be {@link RuleReference}s to a rule library.
 * The loader expands them, so a loaded catalog holds {@link RuleSetDocument}s.
 */
export interface RuleSetFile extends Omit<RuleSetDocument, 'gates' | 'checks'> {
  readonly gates: readonly (GateDefinition | RuleReference)[];
  readonly checks: readonly (CheckDefinition | RuleReference)[];
}

/**
 * A rule library (`*.library.json`): facts, gates and checks shared by several rule sets. A rule set
 * that uses one of its gates or checks gets all its facts too.
 */
export interface RuleLibraryDocument {
  readonly $schema: string;
  readonly id: string;
  readonly description: LocalizedText;
  readonly facts: Readonly<Record<string, FactDeclaration>>;
  readonly gates: readonly GateDefinition[];
  readonly checks: readonly CheckDefinition[];
}

/** A name of draft-07's `type` keyword. */
export type JsonSchemaTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** A domain format of `x-format`, checked on the server with its own Italian/English messages. */
export type DomainFormatName = 'codice-fiscale' | 'codice-fiscale-o-partita-iva' | 'partita-iva' | 'matricola-inps' | 'pec' | 'periodo' | 'data';

/** The widget hint of `x-widget`, rendered by RJSF and JSON Forms. */
export type WidgetName = 'textarea' | 'radio' | 'select' | 'checkbox';

/** `x-known`: the value is known to the system; the form shows it in the read-only block of known data. */
export interface KnownAnnotation {
  /** The fact (of the task's rule set, or `subject`) that holds the value. */
  readonly fact: string;
  /** A path inside the fact's value (`$.a.b[0]`). */
  readonly path?: string;
}

/** `x-options`: the choices are built from port data, one option per item of the fact's array. */
export interface OptionsAnnotation {
  /** The fact whose value (at `path`) is the array of items. */
  readonly fact: string;
  readonly path?: string;
  /** The path of an option's value inside an item. */
  readonly value: string;
  /** The option's label, a template over the item's fields (`{denominazione}`). */
  readonly label: LocalizedText;
  /** Keep only items whose fields equal these values (an array: any of them). */
  readonly where?: Readonly<Record<string, unknown>>;
}

/** `x-i18n`: the English texts of a schema or an option (the Italian ones are `title` and `description`). */
export interface I18nAnnotation {
  readonly en: { readonly title: string; readonly description?: string };
}

/**
 * The `x-*` annotations of the DSL's schemas, as `meta/request-schema.v1.json` (request schemas) and the
 * port contract define them. Validators ignore them (`x-format` is a keyword of the engine's Ajv).
 */
export type JsonSchemaAnnotations = {
  /** The Smart-Task a request schema belongs to (root of a request schema only). */
  readonly 'x-task'?: string;
  readonly 'x-known'?: KnownAnnotation;
  readonly 'x-options'?: OptionsAnnotation;
  readonly 'x-format'?: DomainFormatName;
  readonly 'x-widget'?: WidgetName;
  /** Own messages for this field, by JSON Schema keyword (`required`, `pattern`, `format`, `x-format`, …). */
  readonly 'x-messages'?: Readonly<Record<string, LocalizedText>>;
  readonly 'x-i18n'?: I18nAnnotation;
  /** In a port contract's result: the value is personal data of a third party, never to be quoted. */
  readonly 'x-personal-data'?: 'third-party';
};

/**
 * A JSON Schema (draft-07) as plain data, with the DSL's `x-*` annotations. Subschemas are schema
 * objects; `additionalProperties` and `additionalItems` may also be booleans, the only places the
 * catalog writes a boolean schema. Keywords outside draft-07 and the DSL are not typed: read them from
 * a schema through `Object.entries` or as `unknown`.
 */
export type JsonSchema = JsonSchemaAnnotations & {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $comment?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  // Annotations.
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  // Any instance.
  readonly type?: JsonSchemaTypeName | readonly JsonSchemaTypeName[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  // Numbers.
  readonly multipleOf?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  // Strings.
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly contentMediaType?: string;
  readonly contentEncoding?: string;
  // Arrays.
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly additionalItems?: JsonSchema | boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly contains?: JsonSchema;
  // Objects.
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly propertyNames?: JsonSchema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly dependencies?: Readonly<Record<string, JsonSchema | readonly string[]>>;
  // Combinations and conditions.
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly not?: JsonSchema;
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
  readonly else?: JsonSchema;
};

/**
 * Whether `items` is a list of schemas (draft-07's tuple form) rather than one schema. A type guard:
 * `Array.isArray` does not narrow a readonly array out of a union.
 */
export function isSchemaList(items: JsonSchema | readonly JsonSchema[]): items is readonly JsonSchema[] {
  return Array.isArray(items);
}

/**
 * A conditional block of a request schema (`allOf` item): the fields of `then` are asked when the
 * answers match `if` (`const` or `enum` on fields named in `required`).
 */
export interface RequestConditional extends JsonSchema {
  readonly if: JsonSchema & { readonly properties: Readonly<Record<string, JsonSchema>>; readonly required: readonly string[] };
  readonly then: JsonSchema & { readonly properties: Readonly<Record<string, JsonSchema>>; readonly required?: readonly string[] };
}

/** A request schema: the data of one Smart-Task's request, with `x-*` annotations for the form. */
export interface RequestSchemaDocument extends JsonSchema {
  readonly $schema: string;
  readonly 'x-task': string;
  readonly type: 'object';
  readonly title: string;
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly allOf?: readonly RequestConditional[];
}

/** One fact of the port contract: its parameters, result shape and where its data comes from. */
export interface PortContractFact {
  readonly description: LocalizedText;
  readonly source: LocalizedText;
  readonly params: JsonSchema;
  readonly result: JsonSchema;
}

/** One action of the port contract: an operation the action port can perform. */
export interface PortContractAction {
  readonly description: LocalizedText;
  readonly params: JsonSchema;
  /** JSON Schema of the details the action port returns (e.g. a protocol number); absent: none. */
  readonly result?: JsonSchema;
}

/** The data-port contract: every fact and action a rule set may use. */
export interface PortContractDocument {
  readonly $schema: string;
  readonly version: string;
  readonly facts: Readonly<Record<string, PortContractFact>>;
  readonly actions: Readonly<Record<string, PortContractAction>>;
  /** Shared result shapes, referenced from the facts' and actions' schemas as `#/definitions/<name>`. */
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** How a fixture entry makes the in-memory port fail. */
export interface FixtureFailure {
  readonly code: 'UNAVAILABLE' | 'TIMEOUT' | 'ERROR';
  readonly message?: string;
  readonly retryable?: boolean;
}

/** One answer of the in-memory port: for calls whose parameters include `params`. */
export interface FixtureEntry {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly result?: unknown;
  readonly fail?: FixtureFailure;
  readonly delayMs?: number;
}

/** Data for the in-memory ports: fact answers and action failures. */
export interface PortFixture {
  readonly $schema?: string;
  readonly facts: Readonly<Record<string, readonly FixtureEntry[]>>;
  readonly actions?: Readonly<Record<string, { readonly fail?: FixtureFailure; readonly details?: Readonly<Record<string, unknown>> }>>;
}

/** What a case expects. Exactly one of `verdict` and `technicalFailure`. */
export interface CaseExpectation {
  readonly verdict?: 'ACCOLTA' | 'NON_ACCOLTA';
  readonly reasons?: readonly string[];
  readonly warnings?: readonly string[];
  readonly operations?: readonly string[];
  readonly checks?: Readonly<Record<string, 'PASSED' | 'FAILED' | 'NOT_EVALUATED'>>;
  readonly technicalFailure?: { readonly code: string; readonly retryable?: boolean };
}

/** One test case of a Smart-Task. */
export interface CaseDefinition {
  readonly id: string;
  readonly description: string;
  readonly now?: string;
  readonly submittedAt?: string;
  readonly subject?: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly fixture?: PortFixture;
  readonly expect: CaseExpectation;
}

/** A cases file: shared clock, subject and fixture, and the cases. */
export interface CasesDocument {
  readonly $schema: string;
  readonly task: string;
  readonly now?: string;
  readonly subject?: Subject;
  readonly fixture?: PortFixture;
  readonly cases: readonly CaseDefinition[];
}
