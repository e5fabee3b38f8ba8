import type { CasesDocument, PortFixture, Subject } from '@smart-task/schemas';

/** The evidence tables of the multi-worker test and `pnpm bench:workers`. */
export declare const FLEET_TABLES: string;

/** One request to file, from a case of the catalog: decided on the case's day, against its fixture. */
export interface CaseRequest {
  readonly taskId: string;
  readonly caseId: string;
  readonly caseVerdict: 'ACCOLTA' | 'NON_ACCOLTA';
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly fixture: PortFixture;
  readonly now: string;
}

/** The catalog's cases that end in a verdict (accepted and rejected). */
export declare function verdictCases(caseDocuments: readonly CasesDocument[], mergeFixtures: (base: PortFixture | undefined, override: PortFixture | undefined) => PortFixture): CaseRequest[];
