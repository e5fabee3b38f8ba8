import type { ConditionTrace, EvaluationResult, RuleOutcome } from '../evaluate/decision.js';

const MARK: Readonly<Record<RuleOutcome['status'], string>> = { PASSED: '✔', FAILED: '✘', NOT_EVALUATED: '–' };
const BECAUSE: Readonly<Record<NonNullable<RuleOutcome['notEvaluatedBecause']>, string>> = {
  GATE_FAILED: 'non eseguita: una verifica preliminare non è superata',
  NOT_APPLICABLE: 'non applicabile a questa richiesta',
  TECHNICAL_FAILURE: 'non eseguita per un errore tecnico',
};

function show(value: unknown): string {
  return value === undefined ? 'assente' : JSON.stringify(value);
}

function condition(trace: ConditionTrace): string {
  const left = `${trace.fact}${trace.path ? trace.path.slice(1) : ''}`;
  const right = trace.comparedWith !== undefined ? show(trace.comparedWith) : show(trace.value);
  const outcome = trace.result === undefined ? 'non valutata' : trace.result ? 'vera' : 'falsa';
  return `${left} = ${show(trace.factValue)}; ${trace.operator} ${right} → ${outcome}`;
}

function rule(outcome: RuleOutcome): string[] {
  const lines = [`  ${MARK[outcome.status]} ${outcome.id} ${outcome.description.it}${outcome.severity === 'WARNING' ? ' (avviso)' : ''}`];
  if (outcome.status === 'FAILED') lines.push(`      ${outcome.reasonCode}: ${outcome.message?.it ?? ''}`);
  if (outcome.notEvaluatedBecause) lines.push(`      ${BECAUSE[outcome.notEvaluatedBecause]}`);
  if (outcome.status !== 'NOT_EVALUATED') for (const trace of outcome.conditions) lines.push(`      · ${condition(trace)}`);
  if (outcome.legalReference) lines.push(`      rif. ${outcome.legalReference}`);
  return lines;
}

/** The trace of an evaluation as readable Italian text, for `smart-task evaluate --explain`. */
export function explainInItalian(result: EvaluationResult): string {
  const lines: string[] = [];
  const version = result.ruleSet ? `${result.ruleSet.id} v${result.ruleSet.version}, ${result.ruleSet.hash}` : 'nessuna versione in vigore';
  lines.push(`Richiesta ${result.requestId} — ${result.title.it}`);
  lines.push(`Regole: ${version}; data di riferimento ${result.referenceDate}`);
  if (result.kind === 'decision') {
    lines.push(`Esito: ${result.verdict === 'ACCOLTA' ? 'ACCOLTA' : 'NON ACCOLTA'}`);
  } else {
    lines.push(`Esito: nessuno — errore tecnico ${result.error.code}: ${result.error.message}`);
    lines.push(result.retryable ? 'Ripetere la richiesta può risolvere il problema.' : 'Ripetere la richiesta non basta: va affidata a un operatore della Sede.');
  }
  lines.push('', 'Verifiche preliminari (abilitazione):');
  if (result.gates.length === 0) lines.push('  nessuna');
  for (const outcome of result.gates) lines.push(...rule(outcome));
  lines.push('', 'Verifiche:');
  for (const outcome of result.checks) lines.push(...rule(outcome));
  lines.push('', 'Operazioni eseguite:');
  if (result.operations.length === 0) lines.push(result.kind === 'decision' && result.verdict === 'NON_ACCOLTA' ? '  nessuna: la richiesta non è accolta' : '  nessuna');
  for (const operation of result.operations) lines.push(`  ✔ ${operation.description.it} [${operation.idempotencyKey}${operation.status === 'ALREADY_PERFORMED' ? ', già eseguita in precedenza' : ''}]`);
  lines.push('', 'Dati letti dalla porta dati:');
  if (result.portCalls.length === 0) lines.push('  nessuno');
  for (const call of result.portCalls) lines.push(`  ${call.fact}(${JSON.stringify(call.params)}) ${call.outcome} in ${call.durationMs.toFixed(2)} ms`);
  lines.push('', `Tempo totale: ${result.timings.totalMs.toFixed(2)} ms`);
  return lines.join('\n');
}
