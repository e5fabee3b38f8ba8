// A host application: the Cassetto previdenziale offers Smart-Tasks to the legal representative of
// Associazione Culturale Aurora, who revokes the delega of their payroll consultant.
import { readFileSync } from 'node:fs';
import { createEngine, toContributorView, toOperatorView } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort } from '@smart-task/core/testing';
import { catalogDocuments } from '@smart-task/rules';

const fixture = JSON.parse(readFileSync(new URL('./azienda-aurora.fixture.json', import.meta.url), 'utf8'));
const actionPort = createInMemoryActionPort();
const engine = createEngine({
  catalog: catalogDocuments,
  dataPort: createInMemoryDataPort(fixture), // in production: your adapter to INPS archives
  actionPort, // in production: your adapter that revokes deleghe, updates PEC, ...
  clock: { now: () => new Date('2026-03-10T09:00:00+01:00') },
});
const subject = { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' };
const task = 'revoca-delega-intermediario';
const title = (text) => console.log(`\n=== ${text} ===`);

title('1. Smart-Task che il richiedente può presentare');
for (const offered of engine.listTasks(subject)) console.log(`- ${offered.title} (${offered.id} v${offered.version})`);

title('2. Il modulo si compone da solo');
const form = await engine.composeForm(task, subject);
if (form.status !== 'ready') throw new Error(`form not available: ${JSON.stringify(form)}`);
for (const known of form.known) console.log(`già noto: ${known.title} = ${known.value} (fonte: ${known.source.description})`);
for (const field of Object.values(form.schema.properties)) {
  const options = field.oneOf ? `: ${field.oneOf.map((option) => option.title).join(' | ')}` : '';
  console.log(`da chiedere: ${field.title}${options}`);
}
console.log(`(RJSF ui:order ${JSON.stringify(form.uiSchema['ui:order'])}; JSON Forms: ${form.jsonFormsUiSchema.elements.length} controlli)`);

title('3. Un modulo compilato male: messaggi per campo');
for (const found of engine.validate(task, { delegaId: 'DEL-001', dataEfficacia: '2026-02-30', motivo: 'ALTRO' }).issues) {
  console.log(`${found.pointer}: ${found.message.it}`);
}

const show = (result) => {
  const view = toContributorView(result);
  console.log(`Esito: ${view.outcomeLabel} — ${view.summary}`);
  for (const check of view.checks) console.log(`  ${check.result === 'PASSED' ? '✔' : check.result === 'FAILED' ? '✘' : '–'} ${check.description}`);
  for (const reason of view.reasons) console.log(`  motivo ${reason.code}: ${reason.message}`);
  for (const operation of view.operations) console.log(`  eseguito: ${operation.description}`);
};

title('4. Istruttoria automatizzata: richiesta accolta');
const accepted = await engine.evaluate(task, { requestId: 'INPS.7000.2026.0001', subject, data: { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' } });
show(accepted);
const operator = toOperatorView(accepted);
console.log(`Fascicolo elettronico: regole ${operator.ruleSet.id} v${operator.ruleSet.version} (${operator.ruleSet.hash.slice(0, 19)}…), ${operator.portCalls.length} letture dalla porta dati in ${operator.timings.totalMs.toFixed(1)} ms`);
console.log(`Operazioni ricevute dalla porta azioni: ${actionPort.performed.map((call) => call.idempotencyKey).join(', ')}`);

title('5. Istruttoria automatizzata: richiesta non accolta');
show(await engine.evaluate(task, { requestId: 'INPS.7000.2026.0002', subject, data: { delegaId: 'DEL-002', dataEfficacia: '2025-01-01', motivo: 'CESSAZIONE_INCARICO' } }));
