import { decisionSchema, type Locale } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../src/evaluate/decision.js';
import { toContributorView, toOperatorView, type ContributorView } from '../../src/views/views.js';
import { recordEveryCase, repositoryCatalog } from '../audit/audit-support.js';

type Leaf = { readonly path: string; readonly value: string | number | boolean | null };

/** Every leaf of a JSON value, with its path (`checks.2.conditions.0.factValue`). */
function leaves(value: unknown, path = ''): Leaf[] {
  if (value === null || typeof value !== 'object') return value === undefined ? [] : [{ path, value: value as Leaf['value'] }];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
}

/** Every key and leaf value of a JSON value. */
function words(value: unknown, found = new Set<unknown>()): Set<unknown> {
  if (value === null || typeof value !== 'object') return found.add(value);
  for (const [key, child] of Object.entries(value)) {
    found.add(Array.isArray(value) ? undefined : key);
    words(child, found);
  }
  return found;
}

/**
 * What is public by design, whatever the view: what the rule set wrote (ids, fact names, literal values,
 * titles, descriptions and messages in both languages) and the vocabulary of results (the `enum` values
 * of the decision's JSON Schema: statuses, severities, outcomes).
 */
function publicWords(result: EvaluationResult): Set<unknown> {
  const ruleSet = catalog.tasks.get(result.taskId)?.ruleSets.find((loaded) => loaded.document.version === result.ruleSet?.version)?.document;
  const found = words(ruleSet);
  const enums = (schema: unknown): void => {
    if (schema === null || typeof schema !== 'object') return;
    for (const [key, child] of Object.entries(schema))
      if (key === 'enum' && Array.isArray(child)) child.forEach((value) => found.add(value));
      else enums(child);
  };
  enums(decisionSchema);
  return found;
}

/**
 * What the operator view holds and the contributor view must not: every leaf at a path the contributor
 * view does not have, except what is public by design and what the contributor view shows on purpose (the
 * values at paths both views have, such as the request id and the task id).
 */
function operatorOnly(result: EvaluationResult, locale: Locale): { values: Set<Leaf['value']>; shown: readonly Leaf['value'][] } {
  const operator = leaves(toOperatorView(result, locale));
  const contributorPaths = new Set(leaves(toContributorView(result, locale)).map((leaf) => leaf.path));
  const shown = operator.filter((leaf) => contributorPaths.has(leaf.path)).map((leaf) => leaf.value);
  const open = new Set([...publicWords(result), ...shown]);
  return { values: new Set(operator.filter((leaf) => !contributorPaths.has(leaf.path) && !open.has(leaf.value)).map((leaf) => leaf.value)), shown };
}

/**
 * The places in a contributor view where an operator-only value shows up: as a whole field, or inside any
 * text except the rule set's own messages and operation descriptions (which may quote the data they are
 * about — that is what a message is for; the test checks they are exactly the rendered messages). A value
 * that is part of what the view shows on purpose (e.g. of the request id) is only looked for whole.
 */
function leaksInto(view: ContributorView, result: EvaluationResult, locale: Locale): string[] {
  // A failure while performing carries its decision: the contributor sees its reasons and the operations performed.
  const decision = result.kind === 'decision' ? result : result.decision;
  expect(view.reasons.map((reason) => reason.message)).toEqual(decision ? decision.reasons.map((reason) => reason.message[locale]) : []);
  expect(view.warnings.map((warning) => warning.message)).toEqual(decision ? decision.warnings.map((warning) => warning.message[locale]) : []);
  expect(view.operations.map((operation) => operation.description)).toEqual(decision ? result.operations.map((operation) => operation.description[locale]) : []);
  const withoutMessages = {
    ...view,
    reasons: view.reasons.map(({ message: _message, ...rest }) => rest),
    warnings: view.warnings.map(({ message: _message, ...rest }) => rest),
    operations: view.operations.map(({ description: _description, ...rest }) => rest),
  };
  const visible = leaves(withoutMessages);
  const { values, shown } = operatorOnly(result, locale);
  const found: string[] = [];
  for (const value of values) {
    const text = typeof value === 'string' ? value : typeof value === 'number' && !Number.isInteger(value) ? String(value) : undefined;
    const searchInside = text !== undefined && text.length >= 4 && !shown.some((part) => typeof part === 'string' && part.includes(text));
    const where = visible.find((leaf) => leaf.value === value) ?? (searchInside ? visible.find((leaf) => typeof leaf.value === 'string' && leaf.value.includes(text)) : undefined);
    if (where) found.push(`${JSON.stringify(value)} at ${where.path}`);
  }
  return found;
}

const catalog = repositoryCatalog();

/** The strings of a port answer that the contract marks `"x-personal-data": "third-party"`. */
function thirdPartyValues(value: unknown, schema: unknown, found: Set<string> = new Set()): Set<string> {
  if (schema === null || typeof schema !== 'object') return found;
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') {
    const definitions = (catalog.portContract.document as unknown as { definitions: Record<string, unknown> }).definitions;
    return thirdPartyValues(value, definitions[node.$ref.replace('#/definitions/', '')], found);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const alternative of (node[key] as unknown[] | undefined) ?? []) thirdPartyValues(value, alternative, found);
  if (node['x-personal-data'] === 'third-party' && typeof value === 'string') found.add(value);
  if (Array.isArray(value)) for (const item of value) thirdPartyValues(item, node.items, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) thirdPartyValues(child, (node.properties as Record<string, unknown> | undefined)?.[key], found);
  }
  return found;
}

describe('the contributor view', () => {
  it('shows nothing that only the operator view holds, for every case of the catalog, in both languages', async () => {
    const recorded = await recordEveryCase(catalog);
    expect(recorded.some(({ result }) => result.kind === 'technical-failure')).toBe(true);
    let checked = 0;
    for (const { task, caseId, result } of recorded) {
      for (const locale of ['it', 'en'] as const) {
        expect(operatorOnly(result, locale).values.size).toBeGreaterThan(0);
        expect(leaksInto(toContributorView(result, locale), result, locale), `${task}/${caseId} (${locale})`).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBe(recorded.length * 2);
  }, 60_000); // evaluates every case of the catalog

  it('never quotes personal data of a third party (what the port contract marks "x-personal-data": "third-party"), for every case', async () => {
    const recorded = await recordEveryCase(catalog);
    let marked = 0;
    for (const { task, caseId, result } of recorded) {
      const secrets = new Set<string>();
      for (const call of result.portCalls) thirdPartyValues(call.response, catalog.portContract.document.facts[call.fact]?.result, secrets);
      marked += secrets.size;
      for (const locale of ['it', 'en'] as const) {
        const text = JSON.stringify(toContributorView(result, locale));
        expect(
          [...secrets].filter((secret) => text.includes(secret)),
          `${task}/${caseId} (${locale})`,
        ).toEqual([]);
      }
    }
    expect(marked).toBeGreaterThan(0);
  }, 60_000); // evaluates every case of the catalog (shared with the test above)

  it('the check finds a leak when one is planted: port data, a timing, the hash or a fact value', async () => {
    const [{ result } = { result: undefined }] = (await recordEveryCase(catalog)).filter((item) => item.result.kind === 'decision' && item.result.portCalls.length > 0);
    if (!result) throw new Error('the catalog has no decision that read the port');
    const view = toContributorView(result);
    const operator = toOperatorView(result);
    const hidden = operatorOnly(result, 'it').values;
    const secretIn = (part: unknown) => leaves(part).find((leaf) => typeof leaf.value === 'string' && leaf.value.length >= 4 && hidden.has(leaf.value))?.value;
    const portValue = secretIn(operator.portCalls.map((call) => call.response));
    const fact = secretIn(operator.facts);
    if (portValue === undefined || fact === undefined) throw new Error('no operator-only port value or fact value to plant');
    const plants: Partial<ContributorView>[] = [
      { checks: [...view.checks, { id: 'X', description: `dati: ${String(portValue)}`, result: 'PASSED' }] },
      { summary: `${view.summary} (${operator.timings.totalMs} ms)` },
      { task: { ...view.task, title: `${view.task.title} ${operator.ruleSet?.hash}` } },
      { checks: [...view.checks, { id: String(fact), description: '', result: 'PASSED' }] },
    ];
    for (const plant of plants) expect(leaksInto({ ...view, ...plant }, result, 'it'), JSON.stringify(plant)).not.toEqual([]);
    expect(leaksInto({ ...view, ...plants[0] }, result, 'it')).toEqual([expect.stringContaining(String(portValue))]);
    expect(leaksInto({ ...view, ...plants[2] }, result, 'it')).toEqual([expect.stringContaining('sha256:')]);
  });
});
