import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { ActionPort, Catalog, Clock, DataPort, EngineOptions, SmartTaskEngine } from '../../src/index.js';
import type { CaseResult } from '../../src/entries/testing.js';
import { createEngine, formatIssue, loadCatalog } from '../../src/index.js';
import { runCases } from '../../src/entries/testing.js';

/*
 * Loading the bundled catalog and compiling an engine from it take 0.25–0.75 s each on a busy machine;
 * a test file that builds one per test spends most of its time there. Tests that only read the catalog
 * or an engine share the ones below: one loaded catalog, the results of its cases run once, and one
 * compiled engine per set of engine options whose ports and clock are those of the test that is running.
 * Vitest gives each test file its own module instances, so "once" means once per test file.
 */

let loadResult: ReturnType<typeof loadCatalog> | undefined;
let loaded: Catalog | undefined;
let caseResults: Promise<CaseResult[]> | undefined;

/** The result of `loadCatalog([...catalogDocuments, ...caseDocuments])` (the catalog with its cases), computed once: `{ ok, value, issues }`. */
export function bundledCatalogLoad(): ReturnType<typeof loadCatalog> {
  loadResult ??= loadCatalog([...catalogDocuments, ...caseDocuments]);
  return loadResult;
}

/** The bundled catalog (`catalogDocuments` with `caseDocuments`), loaded and cross-checked once. Read it, never change it. */
export function bundledCatalog(): Catalog {
  if (loaded === undefined) {
    const result = bundledCatalogLoad();
    if (!result.ok || !result.value) throw new Error(`the bundled catalog does not load: ${result.issues.map(formatIssue).join('; ')}`);
    loaded = result.value;
  }
  return loaded;
}

/** `runCases(bundledCatalog())` with the default options, run once and shared by the tests that only read the results. */
export function bundledCaseResults(): Promise<CaseResult[]> {
  caseResults ??= runCases(bundledCatalog());
  return caseResults;
}

/** The ports and clock a test gives the shared engine; the clock defaults to the system clock. */
export interface TestPorts {
  readonly dataPort: DataPort;
  readonly actionPort: ActionPort;
  readonly clock?: Clock;
}

/** The engine options a shared engine is compiled with; engines with other options are not shared. */
export type SharedEngineOptions = Pick<EngineOptions, 'plannedTasks' | 'timeoutMs' | 'locale'>;

/** Where a shared engine's ports and clock lead: the ports of the test that asked for it last. */
interface Route {
  current: TestPorts | undefined;
}

interface SharedEngine {
  readonly engine: SmartTaskEngine;
  readonly route: Route;
}

const engines = new Map<string, SharedEngine>();
const systemClock: Clock = { now: () => new Date() };

function routeOf(route: Route): TestPorts {
  if (route.current === undefined) throw new Error('shared engine used before engineFor() gave it the ports of a test');
  return route.current;
}

/**
 * An engine over the bundled catalog with `options`, compiled once per test file and shared by the tests
 * that ask for the same options, answering from `ports` (and reading `ports.clock`) until the next
 * `engineFor` call with the same options. Tests of a file run one after another, so each test sees only
 * its own ports; keep the engine a test got to that test (re-ask `engineFor` rather than keeping one in
 * a module variable another test could re-route). A test that
 * needs two engines with different ports at the same time, or another option (a logger, a vocabulary),
 * builds its own with `createEngine({ catalog: bundledCatalog(), … })`.
 *
 * @example
 * const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
 */
export function engineFor(ports: TestPorts, options: SharedEngineOptions = {}): SmartTaskEngine {
  const key = JSON.stringify([options.plannedTasks ?? null, options.timeoutMs ?? null, options.locale ?? null]);
  let shared = engines.get(key);
  if (shared === undefined) {
    // The engine checks its clock when it is created, so the route leads to this test's ports first.
    const route: Route = { current: ports };
    const engine = createEngine({
      ...options,
      catalog: bundledCatalog(),
      dataPort: { fetch: (fact, params, context) => routeOf(route).dataPort.fetch(fact, params, context) },
      actionPort: { perform: (call, context) => routeOf(route).actionPort.perform(call, context) },
      clock: { now: () => (routeOf(route).clock ?? systemClock).now() },
    });
    shared = { engine, route };
    engines.set(key, shared);
  }
  shared.route.current = ports;
  return shared.engine;
}
