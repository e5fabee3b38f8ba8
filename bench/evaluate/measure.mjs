// Interleaved measurement: every contender runs for a short slice in turn (A, B, C, D, A, B, C, D, …)
// until each has had `seconds`, so that a change of load on the machine hits all of them alike.
import { performance } from 'node:perf_hooks';

/** A synchronous contender is timed over batches of this many calls (one call is below the timer's resolution). */
const SYNC_BATCH = 200;

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function summarise(state) {
  state.samples.sort((a, b) => a - b);
  return {
    name: state.contender.name,
    runs: state.runs,
    perSecond: state.runs / (state.busyMs / 1000),
    meanUs: (state.busyMs * 1000) / state.runs,
    p50: percentile(state.samples, 0.5) * 1000,
    p99: percentile(state.samples, 0.99) * 1000,
    // Process CPU time over wall time during the contender's slices: above 1 means other threads worked too.
    cores: state.cpuUs / 1000 / state.wallMs,
  };
}

/** One at a time: `runs / sum of run durations`; percentiles of single runs (of batch averages for a synchronous contender). */
async function sequentialSlice(state, until) {
  const { run, sync } = state.contender;
  while (performance.now() < until) {
    const started = performance.now();
    if (sync) {
      for (let index = 0; index < SYNC_BATCH; index += 1) state.sink += run();
      const perRun = (performance.now() - started) / SYNC_BATCH;
      state.busyMs += perRun * SYNC_BATCH;
      state.runs += SYNC_BATCH;
      state.samples.push(perRun);
    } else {
      await run();
      const took = performance.now() - started;
      state.busyMs += took;
      state.runs += 1;
      state.samples.push(took);
    }
  }
}

/**
 * `inFlight` loops, each starting its next run when its previous one ended: `runs / elapsed`, and
 * percentiles of each run's time from start to end (which includes waiting behind the others). A
 * synchronous contender has nothing to overlap: its slice is timed as in sequential mode.
 */
async function inFlightSlice(state, until, inFlight) {
  if (state.contender.sync) return sequentialSlice(state, until);
  const { run } = state.contender;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < until) {
      const begun = performance.now();
      await run();
      state.samples.push(performance.now() - begun);
      state.runs += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  state.busyMs += performance.now() - started;
}

/**
 * Measures `contenders` ({ name, run, sync? }) interleaved: warm-up (`warmupMs` each, interleaved too),
 * then rounds of one slice per contender until each had `seconds`. `inFlight` 1 is sequential. Slices
 * are 100 ms sequentially and 250 ms in flight (several times the latency of 64 overlapping runs, so that
 * filling and draining the 64 loops at each end of a slice weighs little).
 * Returns one summary per contender, in order: evals/s, mean µs, p50 and p99 µs.
 */
export async function measureInterleaved(contenders, { seconds, inFlight = 1, sliceMs = inFlight === 1 ? 100 : 250, warmupMs = 150 }) {
  const states = contenders.map((contender) => ({ contender, samples: [], busyMs: 0, runs: 0, sink: 0, cpuUs: 0, wallMs: 0 }));
  const slice = async (state, ms) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await (inFlight === 1 ? sequentialSlice(state, started + ms) : inFlightSlice(state, started + ms, inFlight));
    const used = process.cpuUsage(cpu);
    state.cpuUs += used.user + used.system;
    state.wallMs += performance.now() - started;
  };
  for (const state of states) await slice(state, warmupMs);
  for (const state of states) Object.assign(state, { samples: [], busyMs: 0, runs: 0, cpuUs: 0, wallMs: 0 });
  const rounds = Math.max(1, Math.round((seconds * 1000) / sliceMs));
  const perSlice = (seconds * 1000) / rounds;
  for (let round = 0; round < rounds; round += 1) {
    for (const state of states) await slice(state, perSlice);
  }
  return states.map(summarise);
}
