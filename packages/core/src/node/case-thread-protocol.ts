import type { CatalogDocument } from '@smart-task/schemas';
import type { CaseResult, CasesFile, RunCasesOptions } from '../cases/run-cases.js';
import type { FactFailedMarks } from './fact-failed-marks.js';

/** What a thread running cases is started with (`workerData`). */
export interface CaseThreadSetup {
  /** The catalog's documents, as read by the thread that started it: each thread compiles the catalog from them. */
  readonly documents: readonly CatalogDocument[];
  readonly options: RunCasesOptions;
  /** Send back the coverage counts of each cases file. */
  readonly coverage: boolean;
}

/** A job of a thread running cases: a cases file, and its place in the run. */
export interface CaseThreadJob extends CasesFile {
  readonly index: number;
}

/** A thread's answer: the results of a cases file, in file order, and with coverage its counts. */
export interface CaseThreadAnswer {
  readonly index: number;
  /** Without the `FACT_FAILED` markers of their traces, which `factFailed` says where to put back. */
  readonly results: CaseResult[];
  readonly factFailed: FactFailedMarks;
  /** The coverage counts of the file's cases (see `CoverageRecorder.takeCounts`). */
  readonly counts?: number[];
}
