// The fault-injection run, the request fuzzer and the catalog mutator, written once and run twice: by
// the tests (against the sources, fixed seeds, CI sizes) and by `pnpm fuzz` (against the built
// packages, full sizes). Every function takes the modules it uses, so the two runs share this code.

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (size) => Math.floor(next() * size), pick: (items) => items[Math.floor(next() * items.length)] };
}

/** Every case of the catalog, as a request to evaluate with its clock and port fixture. */
export function catalogCases(core, catalog) {
  const cases = [];
  for (const task of catalog.tasks.values()) {
    for (const { document } of task.cases) {
      for (const testCase of document.cases) {
        cases.push({
          taskId: task.id,
          id: `${task.id}:${testCase.id}`,
          subject: testCase.subject ?? document.subject,
          data: testCase.data,
          submittedAt: testCase.submittedAt,
          now: new Date(testCase.now ?? document.now ?? '2026-03-10T09:00:00+01:00'),
          fixture: core.mergeFixtures(document.fixture, testCase.fixture),
        });
      }
    }
  }
  return cases;
}

/** `ACCOLTA [reasons]`, `NON_ACCOLTA [reasons]` or `failure CODE`: what must not change under a fault. */
export function outcomeOf(result) {
  return result.kind === 'decision' ? `${result.verdict} [${result.reasons.map((reason) => reason.code).join(', ')}]` : `failure ${result.error.code}`;
}

function busy(ms) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* the process is busy */
  }
}

/** The kinds of data-port fault injected. */
export const FAULT_KINDS = ['throw', 'throw-sync', 'unavailable', 'timeout', 'error', 'error-final', 'hang', 'late', 'contract', 'infinity'];

/** An answer of the other JSON kind at the root: every result schema of the contract names its root type. */
function breakContract(answer) {
  return Array.isArray(answer) ? { injected: 'an object where the contract wants an array' } : [answer, 'injected'];
}

/** The answer with its first number made Infinity (or an Infinity added): never JSON, always refused. */
function withInfinity(answer) {
  const copy = JSON.parse(JSON.stringify(answer ?? null));
  const stack = [copy];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      if (typeof value[key] === 'number') {
        value[key] = Number.POSITIVE_INFINITY;
        return copy;
      }
      stack.push(value[key]);
    }
  }
  if (Array.isArray(copy)) return [...copy, Number.POSITIVE_INFINITY];
  if (copy !== null && typeof copy === 'object') return { ...copy, injected: Number.POSITIVE_INFINITY };
  return Number.POSITIVE_INFINITY;
}

/** A data port answering from `base`, except its call number `callIndex`, which gets the fault `kind`. */
function faultingPort(core, base, kind, callIndex, timeoutMs, injected) {
  let calls = 0;
  return {
    fetch(fact, params, context) {
      if (calls++ !== callIndex) return base.fetch(fact, params, context);
      injected.call = { fact, params };
      switch (kind) {
        case 'throw':
          return Promise.reject(new Error('injected failure'));
        case 'throw-sync':
          throw new TypeError('injected synchronous throw');
        case 'unavailable':
          return Promise.reject(new core.PortError('injected', 'UNAVAILABLE', true));
        case 'timeout':
          return Promise.reject(new core.PortError('injected', 'TIMEOUT', true));
        case 'error':
          return Promise.reject(new core.PortError('injected', 'ERROR', true));
        case 'error-final':
          return Promise.reject(new core.PortError('injected', 'ERROR', false));
        case 'hang':
          return new Promise(() => undefined);
        case 'late': {
          // Ready at once, but delivered after the deadline: the process is kept busy past it.
          const answer = new Promise((resolve, reject) => setTimeout(() => base.fetch(fact, params, context).then(resolve, reject), 0));
          busy(timeoutMs + 10);
          return answer;
        }
        case 'contract':
          return base.fetch(fact, params, context).then(breakContract);
        case 'infinity':
          return base.fetch(fact, params, context).then(withInfinity);
        default:
          throw new Error(`unknown fault ${kind}`);
      }
    },
  };
}

/**
 * Evaluates the catalog's cases with one data-port fault injected in each evaluation (a throw, a
 * `PortError` of each code, a hang past the deadline, a late answer, a contract-breaking answer,
 * Infinity), `concurrency` at a time, and counts: every result must be the fault-free outcome or a
 * technical failure — never another verdict, never a throw — and no late answer may be used.
 * `documents` is the catalog with its cases (`catalogDocuments` and `caseDocuments` of `@smart-task/rules`).
 */
export async function runFaultCampaign({ core, documents, evaluations, seed = 1, timeoutMs = 25, concurrency = 8 }) {
  const loaded = core.loadCatalog(documents);
  if (!loaded.ok) throw new Error('the catalog must load');
  const cases = catalogCases(core, loaded.value);
  const routes = new Map();
  const engine = core.createEngine({
    catalog: loaded.value,
    dataPort: { fetch: (fact, params, context) => routes.get(context.requestId).dataPort.fetch(fact, params, context) },
    actionPort: { perform: (call, context) => routes.get(context.requestId).actionPort.perform(call, context) },
    plannedTasks: 'all',
    timeoutMs,
  });
  const evaluate = async (testCase, requestId, dataPort) => {
    routes.set(requestId, { dataPort, actionPort: core.createInMemoryActionPort(testCase.fixture) });
    try {
      const request = { requestId, subject: testCase.subject, data: testCase.data, ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }) };
      return await engine.evaluate(testCase.taskId, request, { clock: { now: () => testCase.now } });
    } finally {
      routes.delete(requestId);
    }
  };

  // The fault-free outcome of each case, and how many data-port calls it makes (a timing hiccup is retried).
  const baselines = [];
  for (const [index, testCase] of cases.entries()) {
    for (let attempt = 0; ; attempt += 1) {
      const memory = core.createInMemoryDataPort(testCase.fixture);
      const result = await evaluate(testCase, `baseline:${index}:${attempt}`, memory);
      if (result.kind === 'technical-failure' && result.error.code === 'PORT_TIMEOUT' && attempt < 5) continue;
      baselines.push({ outcome: outcomeOf(result), calls: memory.calls.length });
      break;
    }
  }

  const random = createRandom(seed);
  const counts = { evaluations: 0, withFaults: 0, decisions: 0, technicalFailures: 0, wrongVerdicts: 0, throws: 0, lateInjected: 0, lateAccepted: 0 };
  const byKind = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, { injected: 0, technicalFailures: 0, wrongVerdicts: 0 }]));
  const examples = [];
  const runOne = async (index) => {
    const caseIndex = random.int(cases.length);
    const testCase = cases[caseIndex];
    const baseline = baselines[caseIndex];
    const kind = random.pick(FAULT_KINDS);
    const callIndex = random.int(Math.max(1, baseline.calls));
    const injected = {};
    const dataPort = faultingPort(core, core.createInMemoryDataPort(testCase.fixture), kind, callIndex, timeoutMs, injected);
    counts.evaluations += 1;
    let result;
    try {
      result = await evaluate(testCase, `fault:${index}`, dataPort);
    } catch (error) {
      counts.throws += 1;
      if (injected.call) counts.withFaults += 1;
      examples.push({ case: testCase.id, kind, callIndex, problem: `threw ${error?.name}: ${String(error?.message).slice(0, 200)}` });
      return;
    }
    if (!injected.call) return;
    counts.withFaults += 1;
    byKind[kind].injected += 1;
    if (result.kind === 'technical-failure') {
      counts.technicalFailures += 1;
      byKind[kind].technicalFailures += 1;
    } else {
      counts.decisions += 1;
      if (outcomeOf(result) !== baseline.outcome) {
        counts.wrongVerdicts += 1;
        byKind[kind].wrongVerdicts += 1;
        examples.push({ case: testCase.id, kind, callIndex, problem: `${outcomeOf(result)} instead of ${baseline.outcome}` });
      }
    }
    if (kind === 'late') {
      counts.lateInjected += 1;
      const call = result.portCalls.find((record) => record.fact === injected.call.fact && JSON.stringify(record.params) === JSON.stringify(injected.call.params));
      if (result.kind === 'decision' && call?.outcome === 'OK') {
        counts.lateAccepted += 1;
        examples.push({ case: testCase.id, kind, callIndex, problem: `the late answer of ${call.fact} was used for ${outcomeOf(result)}` });
      }
    }
  };
  for (let start = 0; start < evaluations; start += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, evaluations - start) }, (_unused, offset) => runOne(start + offset)));
  }
  return { cases: cases.length, counts, byKind, examples: examples.slice(0, 20) };
}

function deep(levels, leaf) {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) value = { value };
  return value;
}

const HOSTILE = Symbol('hostile value');

/** Values no well-behaved host sends, beside what fast-check's `anything` makes. */
function hostileValues() {
  const trap = () => {
    throw new Error('trap');
  };
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const getters = Object.defineProperty({}, 'cf', { enumerable: true, get: trap });
  return [
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    '',
    'x'.repeat(10_000_000),
    'A'.repeat(200),
    deep(10_000, 'x'),
    deep(40, 'x'),
    cyclic,
    getters,
    new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap }),
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    Symbol('s'),
    10n,
    () => 'function',
    new Date(Number.NaN),
    new Date('2026-03-10T09:00:00Z'),
    new Map([['a', 1]]),
    Array.from({ length: 20_000 }, (_unused, index) => index),
    '2026-02-30T10:00:00+01:00',
    'March 10, 2026',
    '2026',
    '2026-03-10',
    '2026-03-10T10:00:00',
    'fr',
    { now: () => new Date(Number.NaN) },
    { now: trap },
    { dataPort: {}, actionPort: {} },
    { aborted: 'no' },
    AbortSignal.abort(),
  ];
}

/** Paths of a call's arguments that the fuzzer replaces. */
const FUZZ_PATHS = [
  'request',
  'requestId',
  'subject',
  'subject.cf',
  'subject.profilo',
  'subject.soggettoCf',
  'subject.matricola',
  'data',
  'data.*',
  'data.+',
  'submittedAt',
  'options',
  'options.locale',
  'options.signal',
  'options.clock',
  'options.ports',
];
const METHODS = ['evaluate', 'decide', 'composeForm', 'validate', 'pruneHidden', 'listTasks', 'ruleSetInForce', 'performOperations'];

/** Puts `value` at `path` of the call; a path through something that holds no field (a string, a Proxy) is left alone. */
function setPath(call, path, value, keyIndex) {
  try {
    placeAt(call, path, value, keyIndex);
  } catch {
    /* the request or options replaced earlier hold no such field */
  }
}

function placeAt(call, path, value, keyIndex) {
  if (path === 'request') return void (call.request = value);
  if (path === 'options') return void (call.options = value);
  const [head, tail] = path.split('.');
  if (tail === undefined) {
    if (call.request !== null && typeof call.request === 'object') call.request[head] = value;
    return;
  }
  const holder = head === 'options' ? (call.options ??= {}) : call.request?.[head];
  if (holder === null || typeof holder !== 'object') return;
  if (tail === '*') {
    const keys = Object.keys(holder);
    if (keys.length > 0) holder[keys[keyIndex % keys.length]] = value;
  } else if (tail === '+') {
    holder[`extra${keyIndex % 3}`] = value;
  } else {
    holder[tail] = value;
  }
}

async function callEngine(engine, method, taskId, call) {
  const { request, options } = call;
  // A field of a request the engine cannot read either (a Proxy whose traps throw): pass the request itself.
  const field = (name) => {
    try {
      return request?.[name];
    } catch {
      return request;
    }
  };
  switch (method) {
    case 'evaluate':
      return engine.evaluate(taskId, request, options);
    case 'decide':
      return engine.decide(taskId, request, options);
    case 'composeForm':
      return engine.composeForm(taskId, field('subject'), options);
    case 'validate':
      return engine.validate(taskId, field('data'));
    case 'pruneHidden':
      return engine.pruneHidden(taskId, field('data'));
    case 'listTasks':
      return engine.listTasks(field('subject'), options);
    case 'ruleSetInForce':
      return engine.ruleSetInForce(taskId, field('submittedAt'));
    case 'performOperations':
      // The request stands for a plan: its requestId, and its data as the operations.
      return engine.performOperations({ requestId: field('requestId'), operations: field('data') }, options);
  }
}

function safeText(error) {
  try {
    return `${error?.name}: ${String(error?.message).slice(0, 200)}`;
  } catch {
    return 'an unreadable throw';
  }
}

/**
 * Calls the engine's methods (`performOperations` too, with the request's data as its operations) with requests built from the catalog's cases, some of their fields (or
 * the whole request, or the options) replaced by fast-check's `anything` or by hostile values (10 MB
 * strings, 10,000-deep objects, cycles, Proxies, `__proto__` keys, NaN, impossible dates), and counts
 * the calls that ended in neither a result nor a `SmartTaskError` with coded issues.
 * `documents` is the catalog with its cases (`catalogDocuments` and `caseDocuments` of `@smart-task/rules`).
 */
export async function runRequestFuzz({ core, documents, fc, runs, seed = 1, batch = 1000 }) {
  const loaded = core.loadCatalog(documents);
  if (!loaded.ok) throw new Error('the catalog must load');
  const cases = catalogCases(core, loaded.value);
  const ports = [...new Map(cases.map((testCase) => [testCase.taskId, core.createInMemoryDataPort(testCase.fixture)])).values()];
  const dataPort = {
    async fetch(fact, params, context) {
      let failure;
      for (const port of ports) {
        try {
          return await port.fetch(fact, params, context);
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
  const engine = core.createEngine({ catalog: loaded.value, dataPort, actionPort: core.createInMemoryActionPort(), plannedTasks: 'all', timeoutMs: 1000, clock: { now: () => new Date('2026-03-10T09:00:00+01:00') } });
  const codes = new Set(core.ISSUE_CODES);
  const hostile = hostileValues();
  // Hostile values are drawn by index and put in place only when the call is built: fast-check itself
  // must not touch a Proxy whose traps throw.
  const junk = fc.oneof(
    { weight: 3, arbitrary: fc.nat(hostile.length - 1).map((index) => ({ [HOSTILE]: index })) },
    {
      weight: 2,
      arbitrary: fc.anything({
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
        maxDepth: 3,
      }),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
  const callArbitrary = fc.record({
    method: fc.constantFrom(...METHODS),
    caseIndex: fc.nat(cases.length - 1),
    taskId: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk }),
    replacements: fc.array(fc.tuple(fc.constantFrom(...FUZZ_PATHS), junk, fc.nat(50)), { maxLength: 3 }),
  });
  const counts = { requests: 0, results: 0, coded: 0, uncoded: 0 };
  const examples = [];
  for (let done = 0; done < runs; done += batch) {
    const samples = fc.sample(callArbitrary, { seed: seed + done, numRuns: Math.min(batch, runs - done) });
    for (const sample of samples) {
      const testCase = cases[sample.caseIndex];
      const call = {
        request: { requestId: `fuzz-${counts.requests}`, subject: { ...testCase.subject }, data: { ...testCase.data }, ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }) },
        options: undefined,
      };
      const resolve = (value) => (value !== null && typeof value === 'object' && HOSTILE in value ? hostile[value[HOSTILE]] : value);
      for (const [path, value, keyIndex] of sample.replacements) setPath(call, path, resolve(value), keyIndex);
      const taskId = sample.taskId === undefined ? testCase.taskId : resolve(sample.taskId);
      counts.requests += 1;
      try {
        await callEngine(engine, sample.method, taskId, call);
        counts.results += 1;
      } catch (error) {
        if (core.isSmartTaskError(error) && error.issues.length > 0 && error.issues.every((found) => codes.has(found.code))) {
          counts.coded += 1;
        } else {
          counts.uncoded += 1;
          if (examples.length < 20) examples.push({ method: sample.method, paths: sample.replacements.map(([path]) => path), error: safeText(error) });
        }
      }
    }
  }
  return { counts, examples };
}

/** The ways the mutator changes one value of a catalog document. */
export const MUTATION_KINDS = ['delete', 'wrong-type', 'long-string', 'deepen', 'deepen-far', 'bad-pattern', 'slow-pattern', 'bad-date', 'non-json-number', 'drop-document', 'duplicate-document'];

const WRONG_VALUES = [null, 0, -1, 1.5, '', 'x', true, false, [], {}, [1, 'a'], { x: 1 }, '$', '$.', '{nonesiste}'];

/** Every [holder, key] of a JSON value, root excluded. */
function slotsOf(root) {
  const slots = [];
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      slots.push([value, key]);
      stack.push(value[key]);
    }
  }
  return slots;
}

function mutate(documents, kind, random) {
  const mutated = documents.map((document) => ({ ...document, content: JSON.parse(JSON.stringify(document.content)) }));
  const index = random.int(mutated.length);
  const target = mutated[index];
  if (kind === 'drop-document') return { documents: mutated.filter((_document, position) => position !== index), where: target.file };
  if (kind === 'duplicate-document') return { documents: [...mutated, { ...target, content: JSON.parse(JSON.stringify(target.content)) }], where: target.file };
  const slots = slotsOf(target.content);
  const choose = (filter) => {
    const candidates = slots.filter(filter);
    return candidates.length > 0 ? random.pick(candidates) : random.pick(slots);
  };
  let slot;
  switch (kind) {
    case 'delete':
      slot = random.pick(slots);
      if (Array.isArray(slot[0])) slot[0].splice(slot[1], 1);
      else delete slot[0][slot[1]];
      break;
    case 'wrong-type':
      slot = random.pick(slots);
      slot[0][slot[1]] = random.pick(WRONG_VALUES);
      break;
    case 'long-string':
      slot = choose(([holder, key]) => typeof holder[key] === 'string');
      slot[0][slot[1]] = 'x'.repeat(100_000);
      break;
    case 'deepen':
      slot = random.pick(slots);
      slot[0][slot[1]] = random.next() < 0.5 ? [slot[0][slot[1]]] : { value: slot[0][slot[1]] };
      break;
    case 'deepen-far':
      slot = choose(([, key]) => key === 'all' || key === 'any' || key === 'properties');
      slot[0][slot[1]] = deep(5_000, slot[0][slot[1]]);
      break;
    case 'bad-pattern':
      slot = choose(([, key]) => key === 'pattern');
      slot[0][slot[1]] = '(';
      break;
    case 'slow-pattern':
      slot = choose(([, key]) => key === 'pattern');
      slot[0][slot[1]] = '^(a+)+$';
      break;
    case 'bad-date':
      slot = choose(([holder, key]) => typeof holder[key] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(holder[key]));
      slot[0][slot[1]] = typeof slot[0][slot[1]] === 'string' ? slot[0][slot[1]].replace(/^\d{4}-\d{2}-\d{2}/, '2026-02-30') : '2026-02-30';
      break;
    case 'non-json-number':
      slot = choose(([holder, key]) => typeof holder[key] === 'number');
      slot[0][slot[1]] = random.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
      break;
    default:
      throw new Error(`unknown mutation ${kind}`);
  }
  return { documents: mutated, where: target.file };
}

/**
 * Loads `count` mutated copies of the bundled catalog — each with one value deleted, replaced by a
 * value of another type, a long string, a deeper value, a bad or slow pattern, an impossible date,
 * a non-JSON number, or a document dropped or duplicated — and lists the loads that threw instead of
 * returning issues. With `createEngine`, also creates an engine from each catalog that loaded.
 * `documents` is the catalog to mutate (`catalogDocuments` and `caseDocuments` of `@smart-task/rules`).
 */
export function runCatalogMutations({ core, documents: catalogDocuments, count, seed = 1, kinds = MUTATION_KINDS, createEngine = false }) {
  const random = createRandom(seed);
  const counts = { catalogs: 0, loaded: 0, refused: 0, loaderThrows: 0, engineThrows: 0 };
  const throws = [];
  const dataPort = { fetch: async () => null };
  const actionPort = { perform: async () => ({ status: 'PERFORMED' }) };
  for (let index = 0; index < count; index += 1) {
    const kind = kinds[index % kinds.length];
    const { documents, where } = mutate(catalogDocuments, kind, random);
    counts.catalogs += 1;
    let loaded;
    try {
      loaded = core.loadCatalog(documents);
    } catch (error) {
      counts.loaderThrows += 1;
      throws.push({ step: 'loadCatalog', kind, file: where, error: safeText(error) });
      continue;
    }
    if (!loaded.ok) {
      counts.refused += 1;
      continue;
    }
    counts.loaded += 1;
    if (!createEngine) continue;
    try {
      core.createEngine({ catalog: loaded.value, dataPort, actionPort });
    } catch (error) {
      if (core.isSmartTaskError(error)) continue;
      counts.engineThrows += 1;
      throws.push({ step: 'createEngine', kind, file: where, error: safeText(error) });
    }
  }
  return { counts, throws };
}
