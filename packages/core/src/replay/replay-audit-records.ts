import type { ValidateFunction } from 'ajv';
import { auditRecordSchema } from '@smart-task/schemas';
import { AUDIT_VERSION, type AuditRecord } from '../audit/audit-record.js';
import { createAjv } from '../formats/create-ajv.js';
import { ImpactTally, type ImpactReport, type SkipCause } from './impact-report.js';
import { createRecordReplayer, type RecordReplayResult, type RecordReplayerOptions } from './replay-record.js';

/** What happened to one line of the records file. */
export type LineReplay = { readonly line: number; readonly status: 'skipped'; readonly cause: SkipCause; readonly problem: string } | (RecordReplayResult & { readonly line: number });

/** Options of {@link replayAuditRecords}. */
export interface ReplayOptions extends RecordReplayerOptions {
  /** How many examples of each kind of change the report keeps (default 5). */
  readonly examples?: number;
  /** How many skipped lines the report lists by number (default 20). */
  readonly skippedLinesShown?: number;
  /** How many records are evaluated at the same time (default 16); no more lines are read meanwhile. */
  readonly concurrency?: number;
  /** Told of every line once it is done with, in completion order (e.g. to write the details somewhere). */
  readonly onLine?: (replay: LineReplay) => void;
}

let compiledValidator: ValidateFunction | undefined;
function auditRecordValidator(): ValidateFunction {
  return (compiledValidator ??= createAjv().compile(auditRecordSchema));
}

const knownTimeZones = new Set<string>();
function isKnownTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  knownTimeZones.add(timeZone);
  return true;
}

/** Parses and checks one line; a problem is the reason to skip it. */
function parseRecord(text: string): { readonly record: AuditRecord } | { readonly cause: SkipCause; readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { cause: 'unparseable', problem: `not JSON (${(error as Error).message}); each line must be one audit record as JSON` };
  }
  const version = (value as { auditVersion?: unknown } | null)?.auditVersion;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || version === undefined) {
    return { cause: 'invalid-record', problem: 'not an audit record (no "auditVersion"); write records with toAuditRecord()' };
  }
  if (version !== AUDIT_VERSION) return { cause: 'invalid-record', problem: `auditVersion ${JSON.stringify(version)} is not supported; this version of smart-task reads auditVersion ${AUDIT_VERSION}` };
  const validate = auditRecordValidator();
  if (!validate(value)) {
    // The deepest errors first: they name the field; drop the `if` noise of conditional sub-schemas.
    const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if').sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
    const detail = errors
      .slice(0, 3)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
      .join('; ');
    return { cause: 'invalid-record', problem: `not a valid audit record v${AUDIT_VERSION}: ${detail}` };
  }
  const record = value as AuditRecord;
  if (!isKnownTimeZone(record.clock.timeZone)) return { cause: 'invalid-record', problem: `unknown time zone ${JSON.stringify(record.clock.timeZone)} at /clock/timeZone; use an IANA name such as Europe/Rome` };
  return { record };
}

/**
 * Replays audit records — one JSON record per line, as `toAuditRecord` writes them — against a catalog
 * and returns the impact report: what changed in verdicts, reasons, warnings and operations, which
 * records could not be replayed and why, which lines were skipped. Lines are pulled from `lines` one at
 * a time and at most `concurrency` records are in evaluation at once, so memory stays flat whatever the
 * number of records; the report keeps counts and the first examples only.
 *
 * @example
 * const report = await replayAuditRecords(readline.createInterface({ input: createReadStream('decisions.jsonl') }), { catalog });
 * console.log(report.verdicts.byTransition);
 */
export async function replayAuditRecords(lines: AsyncIterable<string> | Iterable<string>, options: ReplayOptions): Promise<ImpactReport> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 16));
  const tally = new ImpactTally(options.examples ?? 5, options.skippedLinesShown ?? 20);
  const replayer = createRecordReplayer(options);
  const inFlight = new Set<Promise<void>>();
  const done = (replay: LineReplay) => options.onLine?.(replay);
  // An error of `onLine` stops the replay; it is rethrown once the records in evaluation are settled.
  let listenerError: { readonly error: unknown } | undefined;

  let line = 0;
  for await (const read of lines) {
    line += 1;
    // A file saved with a byte-order mark (Windows editors) starts with U+FEFF, which JSON.parse refuses; a `\r` left by CRLF line ends is JSON whitespace.
    const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
    const blank = text.trim() === '';
    tally.lineRead(blank);
    if (blank) continue;
    const parsed = parseRecord(text);
    if ('cause' in parsed || !replayer.hasTask(parsed.record.taskId)) {
      const skip = 'cause' in parsed ? parsed : { cause: 'unknown-task' as const, problem: `unknown task ${JSON.stringify(parsed.record.taskId)}: the catalog has no such task` };
      tally.skipped({ line, ...skip });
      done({ line, status: 'skipped', ...skip });
      continue;
    }
    const { record } = parsed;
    const at = line;
    const replaying: Promise<void> = replayer
      .replay(record)
      .catch((error: unknown): RecordReplayResult => ({ status: 'not-replayable', requestId: record.requestId, taskId: record.taskId, cause: 'replay failed', detail: (error as Error)?.message ?? String(error), becauseOfRules: true }))
      .then((result) => {
        tally.replayResult(at, result);
        done({ ...result, line: at });
      })
      .catch((error: unknown) => {
        listenerError ??= { error };
      })
      .finally(() => inFlight.delete(replaying));
    inFlight.add(replaying);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (listenerError) break;
  }
  await Promise.all(inFlight);
  if (listenerError) throw listenerError.error;
  return tally.report();
}
