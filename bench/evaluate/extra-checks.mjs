// Cost per extra check: revoca-delega-intermediario with k more copies of one cheap check (AUTH-05, "no
// identical request is open": one memoised port fact, `isEmpty`), each with its own id and reason code,
// loaded through the public API (`createEngine({ catalog })` validates and cross-checks the documents).
// Smart-Task evaluate and bare json-rules-engine are measured at each k, interleaved; the slope of the
// mean time per evaluation against k is the cost of one more check.
import { catalogDocuments, prepareTask } from './tasks.mjs';
import { createBareJre } from './anchors.mjs';
import { measureInterleaved } from './measure.mjs';

export const EXTRA_TASK = 'revoca-delega-intermediario';
const COPIED_CHECK = 'AUTH-05';

/** The catalog documents with the task's rule set carrying `k` extra copies of the cheap check. */
export function documentsWithExtraChecks(k) {
  if (k === 0) return catalogDocuments;
  return catalogDocuments.map((document) => {
    const content = document.content;
    if (content?.id !== EXTRA_TASK || !Array.isArray(content.checks)) return document;
    const original = content.checks.find((check) => check.id === COPIED_CHECK);
    if (!original) throw new Error(`${EXTRA_TASK} no longer has check ${COPIED_CHECK}: update bench/evaluate/extra-checks.mjs`);
    const copies = Array.from({ length: k }, (_, index) => ({ ...structuredClone(original), id: `XTRA-${index + 1}`, reasonCode: `NA-XTRA-${index + 1}` }));
    return { ...document, content: { ...content, checks: [...content.checks, ...copies] } };
  });
}

/** Least-squares slope and intercept of y against x. */
export function fitLine(points) {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * Measures both engines at each k (sequential, interleaved); returns the rows and, per engine, the slope
 * in µs per check of the median (`p50`: what a load spike or a GC pause moves least) and of the mean.
 */
export async function measureExtraChecks({ seconds, ks = [0, 8, 32] }) {
  const contenders = [];
  for (const k of ks) {
    const prepared = await prepareTask(EXTRA_TASK, documentsWithExtraChecks(k));
    if (prepared.ruleSet.checks.length !== 4 + k) throw new Error(`the synthetic rule set has ${prepared.ruleSet.checks.length} checks, expected ${4 + k}`);
    const bare = createBareJre(prepared.ruleSet);
    const bareOutcome = await bare.passFail(prepared.facts);
    if (Object.values(bareOutcome).some((passed) => !passed) || Object.keys(bareOutcome).length !== 4 + 4 + k) throw new Error(`k=${k}: bare json-rules-engine must pass all ${8 + k} rules`);
    contenders.push({ k, engine: 'smart-task', name: `smart-task evaluate, k = ${k}`, run: prepared.evaluate });
    contenders.push({ k, engine: 'jre', name: `${bare.name}, k = ${k}`, run: () => bare.run(prepared.facts) });
  }
  const rows = (await measureInterleaved(contenders, { seconds })).map((row, index) => ({ ...row, k: contenders[index].k, engine: contenders[index].engine }));
  const slopeOf = (engine) => {
    const own = rows.filter((row) => row.engine === engine);
    return { ...fitLine(own.map((row) => [row.k, row.p50])), mean: fitLine(own.map((row) => [row.k, row.meanUs])) };
  };
  return { rows, ours: slopeOf('smart-task'), jre: slopeOf('jre') };
}
