// pnpm bench:cold-start: the CPU time of the first createEngine of a process for the bundled catalog
// (17 tasks), measured with process.cpuUsage() (user + system) in fresh Node processes, the minimum of
// RUNS (default 5): with the build-check record (verify: 'auto', the default) and with every check
// (verify: 'always'). Module loading is not counted. Issue 14's budget: 100 ms with the record.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 5);

if (process.argv[2] === '--child') {
  const { createEngine } = await import('@smart-task/core');
  const { createInMemoryActionPort, createInMemoryDataPort } = await import('@smart-task/core/testing');
  const { catalogDocuments } = await import('@smart-task/rules');
  const options = { catalog: catalogDocuments, dataPort: createInMemoryDataPort({ facts: {} }), actionPort: createInMemoryActionPort(), verify: process.argv[3] };
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let started = cpu();
  const engine = createEngine(options);
  const first = cpu() - started;
  started = cpu();
  createEngine(options);
  const again = cpu() - started;
  process.stdout.write(JSON.stringify({ tasks: engine.catalog.tasks.size, trusted: engine.catalog.checkedAtBuild?.length ?? 0, first, again }));
} else {
  const self = fileURLToPath(import.meta.url);
  const measure = (verify) => {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, [self, '--child', verify], { encoding: 'utf8' })));
    const min = (key) => Math.min(...runs.map((run) => run[key])).toFixed(0);
    return { ...runs[0], first: min('first'), again: min('again') };
  };
  console.log(`cold start: first createEngine({ catalog: catalogDocuments }) in a fresh process, CPU ms (min of ${RUNS} processes)`);
  for (const verify of ['auto', 'always']) {
    const { tasks, trusted, first, again } = measure(verify);
    console.log(`  verify: '${verify}'${verify === 'auto' ? '  ' : ''}  first ${first.padStart(4)} ms, again ${again.padStart(3)} ms  (${tasks} tasks, ${trusted} documents taken from the build-check record)`);
  }
}
