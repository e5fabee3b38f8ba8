import type { OutcomeChange, OutcomeChanges } from './compare-outcomes.js';
import type { LineReplay } from './replay-lines.js';
import type { NotReplayableRecord, ReplayedRecord } from './replay-record.js';

/** Why a line was not replayed at all. */
export type SkipCause = 'unparseable' | 'invalid-record' | 'unknown-task';

/** One record whose outcome changed, as the report shows it. */
export interface ChangeExample extends OutcomeChange {
  /** The line of the records file (1-based). */
  readonly line: number;
  readonly requestId: string;
  readonly taskId: string;
}

/** How many records changed in one part of the outcome, with the first examples by line. */
export interface ChangeCount {
  readonly changed: number;
  readonly examples: readonly ChangeExample[];
}

/** A skipped line, by number. */
export interface SkippedLine {
  readonly line: number;
  readonly cause: SkipCause;
  readonly problem: string;
}

/** A record that could not be replayed, by line. */
export interface NotReplayableExample {
  readonly line: number;
  readonly requestId: string;
  readonly taskId: string;
  readonly cause: string;
  readonly detail: string;
}

/**
 * The impact of a catalog on recorded decisions: counts, plus at most the first N examples (by line)
 * of each kind. Its size does not grow with the number of records.
 */
export interface ImpactReport {
  /** Lines read, blank ones included. */
  readonly lines: number;
  /** Non-blank lines: each is one record, or a skipped line. */
  readonly records: number;
  /** Records evaluated again (changed or not). */
  readonly replayed: number;
  /** Replayed records with the same verdict, reasons, warnings and operations. */
  readonly unchanged: number;
  /** Replayed records with at least one change. */
  readonly changed: number;
  /** Replayed records decided by another rule set, request schema or port contract than now (by hash). */
  readonly rulesChanged: number;
  readonly skipped: {
    readonly total: number;
    readonly byCause: Readonly<Record<SkipCause, number>>;
    /** The first skipped lines, by line number. */
    readonly lines: readonly SkippedLine[];
  };
  readonly notReplayable: {
    readonly total: number;
    /** Those the catalog replayed with is the reason for: a fact the record lacks, a request it now refuses. */
    readonly becauseOfRules: number;
    /** Counts by cause, e.g. `needs fact "deleghe"`. */
    readonly byCause: Readonly<Record<string, number>>;
    readonly examples: readonly NotReplayableExample[];
  };
  /** Verdict (or technical failure) changes, with counts by `before → after`. */
  readonly verdicts: ChangeCount & { readonly byTransition: Readonly<Record<string, number>> };
  readonly reasons: ChangeCount;
  readonly warnings: ChangeCount;
  readonly operations: ChangeCount;
}

/**
 * What the tally reads of a line: a {@link LineReplay} without the new audit record of a replayed line
 * (what a replay thread sends back when nobody asked for the records).
 */
export type TalliedLine = Exclude<LineReplay, ReplayedRecord & { readonly line: number }> | (Omit<ReplayedRecord, 'replay'> & { readonly line: number });

/** Keeps the `limit` items with the smallest line numbers. */
class FirstLines<T extends { readonly line: number }> {
  readonly items: T[] = [];
  constructor(private readonly limit: number) {}

  add(item: T): void {
    if (this.limit <= 0) return;
    const last = this.items[this.items.length - 1];
    if (this.items.length >= this.limit && last && last.line < item.line) return;
    const at = this.items.findIndex((kept) => kept.line > item.line);
    this.items.splice(at === -1 ? this.items.length : at, 0, item);
    if (this.items.length > this.limit) this.items.pop();
  }
}

const CHANGE_PARTS = ['verdict', 'reasons', 'warnings', 'operations'] as const;

/** Counts replay outcomes into an {@link ImpactReport}, keeping only counts and the first examples. */
export class ImpactTally {
  private lines = 0;
  private records = 0;
  private replayed = 0;
  private changedRecords = 0;
  private rulesChanged = 0;
  private readonly skippedByCause: Record<SkipCause, number> = { unparseable: 0, 'invalid-record': 0, 'unknown-task': 0 };
  private readonly skippedLines: FirstLines<SkippedLine>;
  private readonly notReplayableByCause = new Map<string, number>();
  private notReplayableBecauseOfRules = 0;
  private readonly notReplayableExamples: FirstLines<NotReplayableExample>;
  private readonly transitions = new Map<string, number>();
  private readonly changes = new Map<(typeof CHANGE_PARTS)[number], { count: number; examples: FirstLines<ChangeExample> }>();

  /**
   * @param examples how many examples to keep for each kind of change and for records not replayable
   * @param skippedLines how many skipped lines to list
   */
  constructor(examples: number, skippedLines: number) {
    this.skippedLines = new FirstLines(skippedLines);
    this.notReplayableExamples = new FirstLines(examples);
    for (const part of CHANGE_PARTS) this.changes.set(part, { count: 0, examples: new FirstLines(examples) });
  }

  /** Counts a line read; `blank` lines are not records. */
  lineRead(blank: boolean): void {
    this.lines += 1;
    if (!blank) this.records += 1;
  }

  /** Counts a line that is not a replayable record. */
  skipped(line: SkippedLine): void {
    this.skippedByCause[line.cause] += 1;
    this.skippedLines.add(line);
  }

  /** Counts what happened to a non-blank line: skipped, or its record replayed (the new record itself is not read). */
  lineReplayed(replay: TalliedLine): void {
    if (replay.status === 'skipped') this.skipped({ line: replay.line, cause: replay.cause, problem: replay.problem });
    else this.replayResult(replay.line, replay);
  }

  /** Counts the replay of the record on `line`. */
  replayResult(line: number, result: Omit<ReplayedRecord, 'replay'> | NotReplayableRecord): void {
    const { requestId, taskId } = result;
    if (result.status === 'not-replayable') {
      this.notReplayableByCause.set(result.cause, (this.notReplayableByCause.get(result.cause) ?? 0) + 1);
      if (result.becauseOfRules) this.notReplayableBecauseOfRules += 1;
      this.notReplayableExamples.add({ line, requestId, taskId, cause: result.cause, detail: result.detail });
      return;
    }
    this.replayed += 1;
    if (result.rulesChanged) this.rulesChanged += 1;
    let changed = false;
    for (const part of CHANGE_PARTS) {
      const change: OutcomeChange | undefined = (result.changes as OutcomeChanges)[part];
      if (!change) continue;
      changed = true;
      const counted = this.changes.get(part) as { count: number; examples: FirstLines<ChangeExample> };
      counted.count += 1;
      counted.examples.add({ line, requestId, taskId, before: change.before, after: change.after });
      if (part === 'verdict') {
        const transition = `${change.before} → ${change.after}`;
        this.transitions.set(transition, (this.transitions.get(transition) ?? 0) + 1);
      }
    }
    if (changed) this.changedRecords += 1;
  }

  /** The report so far. */
  report(): ImpactReport {
    const count = (part: (typeof CHANGE_PARTS)[number]): ChangeCount => {
      const counted = this.changes.get(part) as { count: number; examples: FirstLines<ChangeExample> };
      return { changed: counted.count, examples: [...counted.examples.items] };
    };
    const notReplayable = [...this.notReplayableByCause.values()].reduce((sum, value) => sum + value, 0);
    const skipped = Object.values(this.skippedByCause).reduce((sum, value) => sum + value, 0);
    return {
      lines: this.lines,
      records: this.records,
      replayed: this.replayed,
      unchanged: this.replayed - this.changedRecords,
      changed: this.changedRecords,
      rulesChanged: this.rulesChanged,
      skipped: { total: skipped, byCause: { ...this.skippedByCause }, lines: [...this.skippedLines.items] },
      notReplayable: { total: notReplayable, becauseOfRules: this.notReplayableBecauseOfRules, byCause: Object.fromEntries([...this.notReplayableByCause].sort(([a], [b]) => a.localeCompare(b))), examples: [...this.notReplayableExamples.items] },
      verdicts: { ...count('verdict'), byTransition: Object.fromEntries([...this.transitions].sort(([a], [b]) => a.localeCompare(b))) },
      reasons: count('reasons'),
      warnings: count('warnings'),
      operations: count('operations'),
    };
  }
}
