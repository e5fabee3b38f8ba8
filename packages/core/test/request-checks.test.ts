import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, createEngine, isSmartTaskError, loadCatalog, type DataPort, type SmartTaskEngine } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { compileHiddenFieldPruner } from '../src/request-schema/prune-hidden.js';
import { createAjv } from '../src/formats/create-ajv.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

const loaded = loadCatalog(catalogDocuments);
if (!loaded.ok) throw new Error('the catalog must load');
const catalog = loaded.value;
const memory = createInMemoryDataPort(revocaFixture());
let portCalls = 0;
const countingPort: DataPort = {
  fetch: (fact, params, context) => {
    portCalls += 1;
    return memory.fetch(fact, params, context);
  },
};
const engine: SmartTaskEngine = createEngine({ catalog, dataPort: countingPort, actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });

function deep(levels: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) value = { value };
  return value;
}

/** Runs `call`, expects a SmartTaskError with coded issues and no port call; returns its issues. */
async function refused(call: () => unknown, code = 'INVALID_REQUEST') {
  const before = portCalls;
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  expect(portCalls, 'no port call is made').toBe(before);
  if (!isSmartTaskError(thrown)) throw new Error(`expected a SmartTaskError, got ${thrown instanceof Error ? `${thrown.name}: ${thrown.message.slice(0, 200)}` : String(thrown)}`);
  expect(thrown.issues.length).toBeGreaterThan(0);
  for (const found of thrown.issues) expect(found.code).toBe(code);
  expect(thrown.message.length).toBeLessThan(5000);
  return thrown.issues;
}
const pointers = (issues: readonly { pointer: string }[]) => issues.map((found) => found.pointer);
const valid = { requestId: 'R-1', subject: azienda, data: revocaData };

describe('a malformed request is refused with INVALID_REQUEST, never a TypeError or RangeError', () => {
  it.each([null, undefined, 42, 'request', [], () => valid])('evaluate and decide refuse the request %s', async (request) => {
    expect(pointers(await refused(() => engine.evaluate(TASK, request as never)))).toEqual(['']);
    expect(pointers(await refused(() => engine.decide(TASK, request as never)))).toEqual(['']);
  });

  it('every field wrong at once: one issue per field, with its pointer', async () => {
    const issues = await refused(() => engine.evaluate(TASK, { requestId: 7, subject: { cf: null, profilo: 'X', soggettoCf: {}, matricola: [] }, data: 'x', submittedAt: 5 } as never));
    expect(pointers(issues)).toEqual(['/requestId', '/subject/cf', '/subject/profilo', '/subject/soggettoCf', '/subject/matricola', '/submittedAt', '/data']);
  });

  it('a submittedAt nested 10,000 levels deep is an invalid submittedAt', async () => {
    expect(pointers(await refused(() => engine.evaluate(TASK, { ...valid, submittedAt: deep(10_000) } as never)))).toEqual(['/submittedAt']);
  });

  it.each(['2026-02-30T10:00:00+01:00', 'March 10, 2026', '2026', '2026-03-10', '2026-03-10T10:00:00', '2026-03-10T24:00:00Z', ` ${'2026-03-10T10:00:00Z'}`])('submittedAt %j is not an ISO date-time with offset', async (submittedAt) => {
    expect(pointers(await refused(() => engine.evaluate(TASK, { ...valid, submittedAt })))).toEqual(['/submittedAt']);
  });

  it('a real ISO date-time with offset is a submittedAt', async () => {
    const result = await engine.evaluate(TASK, { ...valid, requestId: 'R-ok', submittedAt: '2026-03-10T10:00:00+01:00' });
    expect(result.kind === 'decision' && result.referenceDate).toBe('2026-03-10');
  });

  it(`ids and subject fields longer than ${DEFAULT_LIMITS.maxIdLength} characters never reach the port`, async () => {
    const huge = 'A'.repeat(10_000_000);
    const issues = await refused(() => engine.evaluate(TASK, { ...valid, requestId: huge, subject: { ...azienda, cf: huge, matricola: huge } }));
    expect(pointers(issues)).toEqual(['/requestId', '/subject/cf', '/subject/matricola']);
    expect(issues[0]?.message).toContain(`${DEFAULT_LIMITS.maxIdLength}`);
    await refused(() => engine.composeForm(TASK, { ...azienda, soggettoCf: huge }));
  });

  it(`a string longer than ${DEFAULT_LIMITS.maxStringLength} characters in the data never reaches the port`, async () => {
    const issues = await refused(() => engine.evaluate(TASK, { ...valid, data: { ...revocaData, motivo: 'ALTRO', noteMotivo: 'x'.repeat(10_000_000) } }));
    expect(pointers(issues)).toEqual(['/data/noteMotivo']);
  });

  it.each([
    ['Infinity', { ...revocaData, extra: Number.POSITIVE_INFINITY }, '/data/extra'],
    ['NaN nested', { ...revocaData, extra: [1, Number.NaN] }, '/data/extra/1'],
    ['a function', { ...revocaData, extra: () => 1 }, '/data/extra'],
    ['a Date', { ...revocaData, dataEfficacia: new Date() }, '/data/dataEfficacia'],
    ['data nested 10,000 levels deep', { ...revocaData, extra: deep(10_000) }, `/data/extra${'/value'.repeat(DEFAULT_LIMITS.maxDepth)}`],
    ['an own "__proto__" key', JSON.parse('{"__proto__": {"x": 1}, "delegaId": "DEL-001"}'), '/data/__proto__'],
    ['an own "constructor" key', { ...revocaData, constructor: 'x' }, '/data/constructor'],
  ])('request data with %s is refused', async (_name, data, pointer) => {
    expect(pointers(await refused(() => engine.evaluate(TASK, { ...valid, data })))).toContain(pointer);
  });

  it('data that cannot be read (a Proxy whose traps throw) is refused', async () => {
    const trap = () => {
      throw new Error('trap');
    };
    const data = new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
    await refused(() => engine.evaluate(TASK, { ...valid, data }));
    const validation = engine.validate(TASK, data);
    expect(validation.ok).toBe(false);
    expect(validation.issues[0]?.code).toBe('NOT_JSON');
  });

  it('an unknown task id of any type is UNKNOWN_TASK', async () => {
    for (const taskId of [Symbol('x'), { toString: () => 'x' }, null, 'x'.repeat(1_000_000)]) {
      await refused(() => engine.evaluate(taskId as never, valid), 'UNKNOWN_TASK');
      await refused(() => engine.validate(taskId as never, revocaData), 'UNKNOWN_TASK');
    }
  });

  it('per-call options are checked: locale, signal, clock, ports', async () => {
    expect(pointers(await refused(() => engine.composeForm(TASK, azienda, { locale: 'fr' as never })))).toEqual(['/options/locale']);
    expect(pointers(await refused(() => engine.composeForm(TASK, azienda, { signal: {} as never })))).toEqual(['/options/signal']);
    expect(pointers(await refused(() => engine.evaluate(TASK, valid, { clock: { now: () => new Date(Number.NaN) } })))).toEqual(['/options/clock']);
    expect(pointers(await refused(() => engine.evaluate(TASK, valid, { ports: { dataPort: {} } as never })))).toEqual(['/options/ports']);
    expect(pointers(await refused(() => engine.listTasks(azienda, { locale: 'fr' as never })))).toEqual(['/options/locale']);
    expect(pointers(await refused(() => engine.evaluate(TASK, valid, null as never)))).toEqual(['/options']);
  });

  it('options that cannot be read are refused, not read again later', async () => {
    const trap = () => {
      throw new Error('trap');
    };
    const options = new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap });
    expect(pointers(await refused(() => engine.composeForm(TASK, azienda, options)))).toEqual(['/options']);
    expect(pointers(await refused(() => engine.evaluate(TASK, valid, options)))).toEqual(['/options']);
  });

  it('each field of the request and subject is read once: a getter that changes its answer cannot slip past the checks', async () => {
    let reads = 0;
    const subject = {
      ...azienda,
      get cf() {
        reads += 1;
        if (reads > 1) throw new Error('read twice');
        return azienda.cf;
      },
    };
    const result = await engine.evaluate(TASK, { ...valid, requestId: 'R-getter', subject });
    expect(result.kind).toBe('decision');
    expect(result.subject).toEqual(azienda);
  });

  it('listTasks and composeForm refuse a missing subject', async () => {
    expect(pointers(await refused(() => engine.listTasks(null as never)))).toEqual(['/subject']);
    expect(pointers(await refused(() => engine.composeForm(TASK, undefined as never)))).toEqual(['/subject']);
  });

  it('performOperations refuses a plan that is not what a decision records, before the action port is called', async () => {
    let performed = 0;
    const actionPort = {
      perform: async () => {
        performed += 1;
        return { status: 'PERFORMED' as const };
      },
    };
    expect(pointers(await refused(() => engine.performOperations(null as never, { actionPort })))).toEqual(['/plan']);
    expect(pointers(await refused(() => engine.performOperations({ requestId: 'R-1', operations: [null, { id: 'x' }] } as never, { actionPort })))).toEqual(['/plan/operations/0', '/plan/operations/1']);
    expect(pointers(await refused(() => engine.performOperations({ requestId: 'R-1', operations: 'x' } as never, { actionPort })))).toEqual(['/plan/operations']);
    expect(pointers(await refused(() => engine.performOperations({ requestId: 'R-1', operations: [, ,] } as never, { actionPort })))).toEqual(['/plan/operations/0', '/plan/operations/1']);
    expect(pointers(await refused(() => engine.performOperations({ requestId: 'R-1', operations: [] }, { actionPort, onPerformed: 'x' as never })))).toEqual(['/options/onPerformed']);
    expect(performed).toBe(0);
    const decided = await engine.decide(TASK, { ...valid, requestId: 'R-plan' });
    if (decided.kind !== 'decision') throw new Error('expected a decision');
    const outcome = await engine.performOperations({ requestId: decided.requestId, operations: decided.plannedOperations }, { actionPort });
    expect(outcome.kind).toBe('performed');
    expect(performed).toBe(decided.plannedOperations.length);
  });

  it('ruleSetInForce refuses a date that is not YYYY-MM-DD', async () => {
    expect(pointers(await refused(() => engine.ruleSetInForce(TASK, Symbol('d') as never)))).toEqual(['/date']);
    expect(engine.ruleSetInForce(TASK, '2026-03-10')?.id).toBe(TASK);
  });
});

describe('validate refuses what JSON request data cannot hold', () => {
  it.each([
    ['an own "__proto__" key', JSON.parse('{"__proto__": {"delegaId": "DEL-001"}, "dataEfficacia": "2026-03-10", "motivo": "CESSAZIONE_INCARICO"}'), 'FORBIDDEN_KEY', '/__proto__'],
    ['an own "prototype" key', { ...revocaData, prototype: {} }, 'FORBIDDEN_KEY', '/prototype'],
    ['-Infinity', { ...revocaData, extra: Number.NEGATIVE_INFINITY }, 'NOT_FINITE', '/extra'],
    ['a long string', { ...revocaData, delegaId: 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1) }, 'MAX_LENGTH', '/delegaId'],
    ['deep data', { ...revocaData, extra: deep(100) }, 'TOO_DEEP', `/extra${'/value'.repeat(DEFAULT_LIMITS.maxDepth)}`],
  ])('%s', (_name, data, code, pointer) => {
    const validation = engine.validate(TASK, data);
    expect(validation.ok).toBe(false);
    expect(validation.issues.map((found) => [found.code, found.pointer])).toContainEqual([code, pointer]);
    for (const found of validation.issues) expect(found.message.it.length).toBeGreaterThan(10);
  });
});

describe('pruneHidden never lets a "__proto__" key become a prototype', () => {
  const payload = '{"__proto__": {"delegaId": "DEL-001", "dataEfficacia": "2026-03-10", "motivo": "CESSAZIONE_INCARICO"}}';

  it('the engine refuses it with INVALID_REQUEST, so prune-then-validate cannot pass it', async () => {
    expect(pointers(await refused(() => engine.pruneHidden(TASK, JSON.parse(payload))))).toEqual(['/data/__proto__']);
    expect(engine.validate(TASK, JSON.parse(payload)).ok).toBe(false);
  });

  it('the pruner copies an own "__proto__" key as an own key, never as the prototype', () => {
    const document = catalog.tasks.get(TASK)?.requestSchema.document;
    if (!document) throw new Error('missing request schema');
    const pruned = compileHiddenFieldPruner(createAjv(), document)(JSON.parse(payload));
    expect(Object.getPrototypeOf(pruned)).toBe(Object.prototype);
    expect(Object.keys(pruned)).toEqual(['__proto__']);
    expect((pruned as { delegaId?: unknown }).delegaId).toBeUndefined();
  });

  it.each([null, 'x', [], 42])('refuses data %j that is not an object', async (data) => {
    expect(pointers(await refused(() => engine.pruneHidden(TASK, data as never)))).toEqual(['/data']);
  });
});
