// What the multi-worker test (workers.test.ts, through worker-fleet.ts) and `pnpm bench:workers` share:
// the requests they file and the tables they keep their evidence in. Plain JavaScript so that the
// benchmark, which runs on the built packages without a TypeScript loader, imports it as it is.

/**
 * The evidence tables: the back office's idempotency ledger and every perform call, each notice the
 * gateway accepted (a notice sent twice is two rows), and each holding of a request lock.
 */
export const FLEET_TABLES = `
create table test_ledger (idempotency_key text primary key, request_id text not null, action text not null, pid int not null, at timestamptz not null default clock_timestamp());
create table test_perform_calls (idempotency_key text not null, pid int not null, at timestamptz not null default clock_timestamp());
create table test_deliveries (id bigserial primary key, message_id text not null, protocollo text not null, kind text not null, pid int not null, at timestamptz not null default clock_timestamp());
create index test_deliveries_message_idx on test_deliveries (message_id);
create table test_holdings (id bigserial primary key, protocollo text not null, pid int not null, acquired_at timestamptz not null default clock_timestamp(), released_at timestamptz);
`;

/**
 * The catalog's cases that end in a verdict (accepted and rejected), each with its merged fixture and
 * its day. Left out: cases with a `submittedAt` of their own, cases without a day, and cases whose
 * back office fails on purpose (they end with the Sede, not with a verdict).
 */
export function verdictCases(caseDocuments, mergeFixtures) {
  const found = [];
  for (const document of caseDocuments) {
    for (const testCase of document.cases) {
      const verdict = testCase.expect.verdict;
      if ((verdict !== 'ACCOLTA' && verdict !== 'NON_ACCOLTA') || testCase.submittedAt !== undefined) continue;
      const now = testCase.now ?? document.now;
      const fixture = mergeFixtures(document.fixture, testCase.fixture);
      if (!now || Object.values(fixture.actions ?? {}).some((answer) => answer.fail !== undefined)) continue;
      found.push({ taskId: document.task, caseId: testCase.id, caseVerdict: verdict, subject: testCase.subject ?? document.subject, data: testCase.data, fixture, now });
    }
  }
  return found;
}
