// The entry of a thread running cases (started by cases-in-threads.ts, built as dist/case-thread.js):
// compiles the catalog once from the documents it is started with, then runs each cases file it is
// sent with the same code as runCases, and sends back their results (and coverage counts). Any error
// ends the thread: the pool turns it into a failed run, never partial results.
import { loadCatalog } from '../catalog/load-catalog.js';
import { createCoverageRecorder } from '../cases/coverage.js';
import { createCaseRunner } from '../cases/run-cases.js';
import type { CaseThreadSetup, CaseThreadJob, CaseThreadAnswer } from './case-thread-protocol.js';
import { takeOutFactFailed } from './fact-failed-marks.js';
import { answerJobs, loadedCatalog, threadSetup } from './thread-jobs.js';

const setup = threadSetup<CaseThreadSetup>('case-thread.js', 'startCaseThreads');

const catalog = loadedCatalog(loadCatalog(setup.documents), 'the catalog');
const recorder = setup.coverage ? createCoverageRecorder(catalog, setup.options.taskId) : undefined;
// Compiled now: this thread starts on any file, and a first evaluation that compiles validators could miss a port call's deadline.
const runner = createCaseRunner(catalog, setup.options, recorder?.observe, true);

answerJobs(async (cases: CaseThreadJob): Promise<CaseThreadAnswer> => {
  const results = await runner.run(cases);
  const factFailed = takeOutFactFailed(results);
  return { index: cases.index, results, factFailed, ...(recorder && { counts: recorder.takeCounts() }) };
});
