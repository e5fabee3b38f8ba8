/** Where the CLI writes and which directory relative paths start from; injected so tests run in-process. */
export interface CliIo {
  /** Writes `text` and a newline to standard output (results: JSON, reports). */
  stdout(text: string): void;
  /** Writes `text` and a newline to standard error (problems with the command line or inputs). */
  stderr(text: string): void;
  /** The working directory: paths on the command line and file names in issue lines are relative to it. */
  readonly cwd: string;
}

/** Exit codes of `smart-task`. */
export const EXIT = {
  /** The command did its job: a clean catalog, every case passed, a form or result printed. */
  ok: 0,
  /** The catalog has issues, or a case failed (or none ran). */
  failed: 1,
  /** The command line or an input file is wrong: nothing was checked or evaluated. */
  usage: 2,
} as const;
