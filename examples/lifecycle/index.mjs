// A host application that keeps Smart-Task requests through their whole life: protocol, automated
// istruttoria, notices to the requester, the operations of an accepted request resumed after a failure
// (never decided again), retries after a technical failure, hand-over to the Sede and closure by an
// operator, and the "Lista Richieste" table. Everything is in memory; a real host plugs in
// its database, its protocol register and its e-mail/PEC/SMS gateways through the same interfaces.
import { readFileSync } from 'node:fs';
import { PortError, createEngine } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort } from '@smart-task/core/testing';
import { createInMemoryRequestRepository, createRequestLifecycle, gsm7Length, listRequestRows, toOperatorRequestView } from '@smart-task/core/lifecycle';
import { catalogDocuments } from '@smart-task/rules';

const fixture = JSON.parse(readFileSync(new URL('../quickstart/azienda-aurora.fixture.json', import.meta.url), 'utf8'));

// A clock the demo moves forward instead of waiting for the retries.
let now = Date.parse('2026-03-10T09:00:00+01:00');
const clock = { now: () => new Date(now) };

// The INPS archives, with a switch to simulate an outage.
const archives = { down: false };
const inMemory = createInMemoryDataPort(fixture);
const dataPort = {
  fetch(fact, params, context) {
    if (archives.down) return Promise.reject(new PortError(`${fact}: service unavailable (HTTP 503)`, 'UNAVAILABLE', true));
    return inMemory.fetch(fact, params, context);
  },
};

// The INPS back office, with a switch to lose the confirmation of one action once.
const backOffice = createInMemoryActionPort();
const confirmations = { loseOnce: undefined };
const actionPort = {
  async perform(call, context) {
    const outcome = await backOffice.perform(call, context);
    if (confirmations.loseOnce === call.action) {
      confirmations.loseOnce = undefined;
      throw new PortError(`${call.action}: gateway timeout (HTTP 504)`, 'TIMEOUT', true);
    }
    return outcome;
  },
};

const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort, clock });
const repository = createInMemoryRequestRepository(); // in production: your database, with a version column
let lastProtocollo = 0;
const lifecycle = createRequestLifecycle({
  engine,
  repository,
  clock,
  // The host's protocol register; the library never counts protocol numbers itself.
  nextProtocollo: () => `INPS.7000.2026.${String((lastProtocollo += 1)).padStart(4, '0')}`,
  // In production: your e-mail, PEC and SMS gateways.
  // Notices wait in an outbox (in memory here) and are delivered after the state they announce is saved.
  notifications: {
    async send(message) {
      if (message.channel === 'SMS') {
        console.log(`  ✉ SMS → ${message.to} (${gsm7Length(message.body)}/160): ${message.body}`);
        return;
      }
      console.log(`  ✉ ${message.channel} → ${message.to}: ${message.subject}`);
      for (const line of message.body.split('\n')) console.log(`  │ ${line}`);
    },
  },
});

const subject = { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' };
const title = (text) => console.log(`\n=== ${text} ===`);
const state = (request) => console.log(`→ ${request.protocollo}: ${request.state}${request.retry ? ` (tentativo ${request.retry.attempt} alle ${request.retry.nextAttemptAt})` : ''}`);

title('1. Una richiesta accolta, avvisata via PEC');
const accepted = await lifecycle.submit({
  taskId: 'revoca-delega-intermediario',
  subject,
  data: { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' },
  notifications: { channel: 'PEC', address: 'aurora@pec.it' },
});
state(accepted.request);

title('2. Una richiesta non accolta, avvisata via SMS');
now += 5 * 60_000;
const rejected = await lifecycle.submit({
  taskId: 'revoca-delega-intermediario',
  subject,
  data: { delegaId: 'DEL-002', dataEfficacia: '2025-01-01', motivo: 'CESSAZIONE_INCARICO' },
  notifications: { channel: 'SMS', address: '+393331234567' },
});
state(rejected.request);
for (const reason of rejected.request.outcome.reasons) console.log(`  nel Cassetto: ${reason.code} — ${reason.message.it}`);

title("3. Un'operazione non confermata: l'esito Accolta resta, le operazioni riprendono");
now += 5 * 60_000;
confirmations.loseOnce = 'inviaConfermaPec';
const partly = await lifecycle.submit({
  taskId: 'variazione-indirizzo-pec-aziendale',
  subject,
  data: { nuovaPec: 'direzione.aurora@pec.it' },
  notifications: { channel: 'EMAIL', address: 'mario.rossi@example.it' },
});
state(partly.request);
console.log(`  ${toOperatorRequestView(partly.request).summary}`);
now = Date.parse(partly.request.retry.nextAttemptAt); // the host's scheduler wakes up: runDueWork runs recovery, retries and notices
const { retried } = await lifecycle.runDueWork({ staleAfterMs: 10 * 60_000 });
state(retried[0].request);
for (const operation of retried[0].request.operations) console.log(`  ${operation.status.padEnd(17)} ${operation.description.it}`);

title('4. Archivi non disponibili: nuovi tentativi, poi la Sede');
now += 5 * 60_000;
archives.down = true;
let step = await lifecycle.submit({
  taskId: 'variazione-indirizzo-pec-aziendale',
  subject,
  data: { nuovaPec: 'amministrazione.aurora@pec.it' },
  notifications: { channel: 'EMAIL', address: 'mario.rossi@example.it', locale: 'en' },
});
state(step.request);
while (step.request.state === 'RETRY_SCHEDULED') {
  now = Date.parse(step.request.retry.nextAttemptAt); // the host's scheduler wakes up
  const [retried] = await lifecycle.runDueRetries();
  step = retried;
  state(step.request);
}
archives.down = false;
now += 2 * 3_600_000;
const closed = await lifecycle.closeByOperator(step.request.protocollo, {
  operatorId: 'OP-7000-12',
  verdict: 'ACCOLTA',
  motivazione: 'The new PEC address has been registered by the INPS office.',
});
state(closed.request);
console.log('Storia della richiesta:');
for (const entry of closed.request.history) console.log(`  ${entry.event.at} ${entry.event.actor.kind.padEnd(9)} ${entry.event.type.padEnd(24)} ${entry.from ?? '—'} → ${entry.to}`);

title('5. Lista Richieste (le righe Smart-Task hanno un colore proprio)');
const page = await listRequestRows(repository, { matricola: subject.matricola, pageSize: 10 });
for (const row of page.items) {
  console.log(`${row.protocollo}  ${row.submittedAt.slice(0, 10)}  ${row.task.title.padEnd(36)} ${row.stateLabel.padEnd(12)} [${row.colorToken}]`);
}
console.log(`(${page.total} richieste, pagina ${page.page} di ${page.pageCount})`);
