/**
 * @smart-task/core/audit — the audit record of an evaluation, and its replay: an earlier decision
 * evaluated again, from its recorded port answers, under the rule sets of today, with the differences.
 */
export { AUDIT_VERSION, toAuditRecord } from '../audit/audit-record.js';
export type { AuditClock, AuditOperation, AuditOutcome, AuditPortCall, AuditReason, AuditRecord, AuditRuleOutcome } from '../audit/audit-record.js';
export { ReplayMissError, createReplayActionPort, createReplayPort } from '../replay/replay-ports.js';
export type { PortCallKey, ReplayDataPort } from '../replay/replay-ports.js';
export { compareOutcomes, outcomeLabel } from '../replay/compare-outcomes.js';
export type { OutcomeChange, OutcomeChanges } from '../replay/compare-outcomes.js';
export { createRecordReplayer } from '../replay/replay-record.js';
export type { NotReplayableRecord, RecordReplayResult, RecordReplayer, RecordReplayerOptions, ReplayedRecord } from '../replay/replay-record.js';
export { replayAuditRecords } from '../replay/replay-audit-records.js';
export type { LineReplay, ReplayOptions } from '../replay/replay-audit-records.js';
export { formatImpactReport } from '../replay/format-impact-report.js';
export type { ChangeCount, ChangeExample, ImpactReport, NotReplayableExample, SkipCause, SkippedLine } from '../replay/impact-report.js';
