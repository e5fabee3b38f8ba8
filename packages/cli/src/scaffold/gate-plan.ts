import type { CaseDefinition, CasesDocument, CatalogDocument, GateDefinition, PortFixture, Profilo, RuleLibraryDocument, RuleReference, RuleSetFile, Subject } from '@smart-task/schemas';
import { isRecord, kindOfFile } from '@smart-task/core/toolchain';

/** The case in which a gate fails: who asks, and what the data port answers. */
export interface FailingGateCase {
  readonly reasonCode: string;
  readonly subject?: Subject;
  readonly fixture?: PortFixture;
  /** `task/case-id` of the case it was taken from, when it was taken from one. */
  readonly takenFrom?: string;
}

/** The gates of a new Smart-Task and what its cases need to pass or fail them. */
export interface GatePlan {
  /** The rule set's `gates`: references to a rule library, or gates written out. */
  readonly gates: readonly (GateDefinition | RuleReference)[];
  readonly requesters: readonly Profilo[];
  /** The subject of every case, who passes the gates. */
  readonly subject: Subject;
  /** The data-port answers the gates need, for every case. */
  readonly fixture?: PortFixture;
  /** The clock of the cases file the subject and fixture were taken from. */
  readonly now?: string;
  readonly failingGate: FailingGateCase;
  /** Where the gates and the cases' data come from, in words, for the command's report. */
  readonly origin: string;
}

function byFile(a: CatalogDocument, b: CatalogDocument): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function documentsOfKind<T>(documents: readonly CatalogDocument[], kind: string, isShaped: (content: Record<string, unknown>) => boolean): { file: string; document: T }[] {
  return documents
    .filter((document) => kindOfFile(document.file) === kind && isRecord(document.content) && isShaped(document.content))
    .sort(byFile)
    .map((document) => ({ file: document.file, document: document.content as T }));
}

/** The entries of a fixture for the given port facts only; `undefined` when none is left. */
function fixtureFor(fixture: PortFixture | undefined, portFacts: ReadonlySet<string>): PortFixture | undefined {
  if (!fixture || !isRecord(fixture.facts)) return undefined;
  const facts = Object.fromEntries(Object.entries(fixture.facts).filter(([name]) => portFacts.has(name)));
  return Object.keys(facts).length > 0 ? { facts } : undefined;
}

function usesExactly(ruleSet: RuleSetFile, ids: readonly string[]): boolean {
  const used = ruleSet.gates.map((gate) => (isRecord(gate) && typeof gate.use === 'string' ? gate.use : undefined));
  return used.length === ids.length && used.every((id, index) => id === ids[index]);
}

function failingCaseOf(cases: readonly CaseDefinition[], gateReasons: ReadonlySet<string>): CaseDefinition | undefined {
  return cases.find((testCase) => {
    const reasons = testCase.expect?.reasons;
    return testCase.expect?.verdict === 'NON_ACCOLTA' && Array.isArray(reasons) && reasons.length === 1 && gateReasons.has(reasons[0] as string);
  });
}

/**
 * The gates of the first rule library that has any, as `{ "use": id }` references, with the subject,
 * clock and port answers of a task that already uses exactly those gates (its cases file passes them,
 * and one of its cases fails one). `undefined` when the catalog has no such library and task.
 */
function libraryPlan(documents: readonly CatalogDocument[]): GatePlan | undefined {
  const libraries = documentsOfKind<RuleLibraryDocument>(documents, 'ruleLibrary', (content) => Array.isArray(content.gates) && content.gates.length > 0 && isRecord(content.facts));
  const ruleSets = documentsOfKind<RuleSetFile>(documents, 'ruleSet', (content) => Array.isArray(content.gates) && Array.isArray(content.requesters) && typeof content.id === 'string');
  const casesFiles = documentsOfKind<CasesDocument>(documents, 'cases', (content) => typeof content.task === 'string' && isRecord(content.subject) && Array.isArray(content.cases));
  for (const library of libraries) {
    const gateIds = library.document.gates.map((gate) => gate.id);
    const gateReasons = new Set(library.document.gates.map((gate) => gate.reasonCode));
    const portFacts = new Set(Object.values(library.document.facts).flatMap((declaration) => ('port' in declaration && typeof declaration.port === 'string' ? [declaration.port] : [])));
    for (const ruleSet of ruleSets.filter((candidate) => usesExactly(candidate.document, gateIds))) {
      for (const cases of casesFiles.filter((candidate) => candidate.document.task === ruleSet.document.id)) {
        const failing = failingCaseOf(cases.document.cases, gateReasons);
        if (!failing || !cases.document.subject) continue;
        const fixture = fixtureFor(cases.document.fixture, portFacts);
        const failingFixture = fixtureFor(failing.fixture, portFacts);
        return {
          gates: gateIds.map((id) => ({ use: id })),
          requesters: ruleSet.document.requesters,
          subject: cases.document.subject,
          ...(fixture && { fixture }),
          ...(cases.document.now !== undefined && { now: cases.document.now }),
          failingGate: {
            reasonCode: failing.expect.reasons?.[0] as string,
            ...(failing.subject && { subject: failing.subject }),
            ...(failingFixture && { fixture: failingFixture }),
            takenFrom: `${cases.document.task}/${failing.id}`,
          },
          origin: `gates ${gateIds.join(', ')} of ${library.file}; the cases' subject and port answers from ${cases.file}`,
        };
      }
    }
  }
  return undefined;
}

/** One gate written out, needing no port data: the requester's profile is one of the rule set's `requesters`. */
const PROFILE_GATE: GateDefinition = {
  id: 'AUTH-01',
  description: {
    it: 'Il richiedente accede con un profilo ammesso per questa richiesta',
    en: 'The requester uses a profile allowed for this request',
  },
  reasonCode: 'NA-AUTH-PROFILO',
  message: {
    it: 'Questa richiesta può essere presentata solo con i profili {requesters}: accedi al Cassetto con un profilo ammesso.',
    en: 'Only these profiles can file this request: {requesters}. Sign in to the Cassetto with an allowed profile.',
  },
  conditions: { all: [{ fact: 'subject', path: '$.profilo', operator: 'in', value: { fact: 'requesters' } }] },
};

/** A catalog without a rule library to take gates from: one profile gate, and subjects that pass and fail it. */
const PROFILE_PLAN: GatePlan = {
  gates: [PROFILE_GATE],
  requesters: ['AZIENDA', 'INTERMEDIARIO'],
  subject: { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' },
  failingGate: {
    reasonCode: 'NA-AUTH-PROFILO',
    subject: { cf: 'BNCGNN82M45L219V', profilo: 'DIPENDENTE_DELEGATO', soggettoCf: '12345670488', matricola: '1234567860' },
  },
  origin: 'one profile gate written out (no rule library with gates, used by a task with cases, was found)',
};

/**
 * Decides the gates of a new Smart-Task from the catalog it joins: the gates of the catalog's rule
 * library as `{ "use": id }` references when a task already uses them (its cases give the subject and
 * port answers that pass and fail them), otherwise one gate written out that checks the profile.
 */
export function planGates(documents: readonly CatalogDocument[]): GatePlan {
  return libraryPlan(documents) ?? PROFILE_PLAN;
}
