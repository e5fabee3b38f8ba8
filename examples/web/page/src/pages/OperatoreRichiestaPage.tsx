import { useCallback, useEffect, useState } from 'react';
import { post, get, type Locale } from '../api';
import { dateTime, t } from '../i18n';
import { ListSection } from './ListSection';
import { LoadState } from './LoadState';

interface OperatorDetail {
  view: {
    protocollo: string;
    task: { id: string; title: string };
    state: string;
    stateLabel: string;
    submittedAt: string;
    attempts: number;
    operationAttempts: number;
    decision?: { verdict: string; decidedBy: string; at: string; reasons: { code: string; message: string }[] };
    operationsPerformed: { id: string; description: string; idempotencyKey: string; status?: string }[];
    operationsPending: { id: string; description: string; idempotencyKey: string }[];
    lastFailure?: { code: string; message: string; retryable: boolean; at: string };
    summary: string;
  };
  subject: { cf: string; profilo: string; soggettoCf: string; matricola: string };
  data: Record<string, unknown>;
  motivazione: string | null;
  checks: { id: string; description: string; result: string }[];
  history: { at: string; type: string; actor: string; operatorId?: string; from: string | null; to: string; code?: string; message?: string }[];
  audits: { id: string; attempt: number; recordedAt: string; outcome: string | null; ruleSet: { id: string; version: string; hash: string } | null }[];
}

/** The operator view of any request: the trace, the audit records, and closure with motivazione when it is the Sede's. */
export function OperatoreRichiestaPage({ protocollo, locale }: { protocollo: string; locale: Locale }) {
  const [detail, setDetail] = useState<OperatorDetail | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [operatorId, setOperatorId] = useState('OP-7000-12');
  const [verdict, setVerdict] = useState('ACCOLTA');
  const [motivazione, setMotivazione] = useState('');
  const [closing, setClosing] = useState<string | undefined>();
  const load = useCallback(async () => {
    try {
      setDetail(await get<OperatorDetail>(`/api/operator/requests/${encodeURIComponent(protocollo)}`, { locale }));
    } catch (error) {
      setFailure((error as Error).message);
    }
  }, [protocollo, locale]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 2_000);
    return () => clearInterval(timer);
  }, [load]);

  const close = async () => {
    setClosing(undefined);
    try {
      await post(`/api/operator/requests/${encodeURIComponent(protocollo)}/close`, { operatorId, verdict, motivazione });
      setClosing(t(locale, 'closed'));
      await load();
    } catch (error) {
      setClosing(`${t(locale, 'error')}: ${(error as Error).message}`);
    }
  };

  if (failure || !detail) return <LoadState locale={locale} failure={failure} />;
  const { view } = detail;
  return (
    <article aria-labelledby="op-title" className="detail operator" data-state={view.state}>
      <h1 id="op-title">
        {t(locale, 'operatorView')}: {view.task.title} — {view.protocollo}
      </h1>
      <dl className="facts">
        <dt>{t(locale, 'stato')}</dt>
        <dd data-testid="state">{view.stateLabel}</dd>
        <dt>{t(locale, 'subjectData')}</dt>
        <dd>
          {detail.subject.cf} ({detail.subject.profilo}) · {detail.subject.soggettoCf} · {t(locale, 'matricola')} {detail.subject.matricola}
        </dd>
        <dt>{t(locale, 'attempts')}</dt>
        <dd data-testid="attempts">{view.attempts}</dd>
        <dt>{t(locale, 'dataInvio')}</dt>
        <dd>{dateTime(locale, view.submittedAt)}</dd>
      </dl>
      <h2>{t(locale, 'summary')}</h2>
      <p data-testid="summary">{view.summary}</p>
      {view.lastFailure && (
        <>
          <h2>{t(locale, 'lastFailure')}</h2>
          <p data-testid="last-failure">
            <code>{view.lastFailure.code}</code> {view.lastFailure.message}
          </p>
        </>
      )}
      {detail.motivazione && (
        <>
          <h2>{t(locale, 'motivazione')}</h2>
          <p>{detail.motivazione}</p>
        </>
      )}
      <h2>{t(locale, 'dataSent')}</h2>
      <pre className="data">{JSON.stringify(detail.data, null, 2)}</pre>
      <ListSection
        id="reasons-title"
        title={t(locale, 'reasons')}
        items={view.decision?.reasons ?? []}
        itemKey={(reason) => reason.code}
        item={(reason) => (
          <>
            <code>{reason.code}</code> {reason.message}
          </>
        )}
      />
      <ListSection
        id="checks-title"
        title={t(locale, 'checks')}
        items={detail.checks}
        itemKey={(check) => check.id}
        item={(check) => (
          <>
            <code>{check.id}</code> {check.result} — {check.description}
          </>
        )}
      />
      <ListSection
        id="operations-title"
        title={t(locale, 'operations')}
        items={view.operationsPerformed}
        itemKey={(operation) => operation.id}
        item={(operation) => (
          <>
            {operation.description} <code>{operation.idempotencyKey}</code> {operation.status}
          </>
        )}
      />
      <ListSection
        id="pending-operations-title"
        title={t(locale, 'pendingOps')}
        items={view.operationsPending}
        itemKey={(operation) => operation.id}
        item={(operation) => (
          <>
            {operation.description} <code>{operation.idempotencyKey}</code>
          </>
        )}
      />
      <h2>{t(locale, 'history')}</h2>
      <table className="history-table">
        <caption className="visually-hidden">{t(locale, 'history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'when')}</th>
            <th scope="col">{t(locale, 'event')}</th>
            <th scope="col">{t(locale, 'actor')}</th>
            <th scope="col">{t(locale, 'stato')}</th>
            <th scope="col">{t(locale, 'detail')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.history.map((entry, index) => (
            <tr key={index}>
              <td>{dateTime(locale, entry.at)}</td>
              <td>{entry.type}</td>
              <td>{entry.operatorId ?? entry.actor}</td>
              <td>
                {entry.from ?? '—'} → {entry.to}
              </td>
              <td>{entry.code ? `${entry.code}: ${entry.message}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(locale, 'audit')}</h2>
      <ul>
        {detail.audits.map((audit) => (
          <li key={audit.id}>
            #{audit.attempt} {dateTime(locale, audit.recordedAt)} — {audit.outcome} {audit.ruleSet ? `${audit.ruleSet.id}@${audit.ruleSet.version}` : ''}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/api/operator/requests/${encodeURIComponent(view.protocollo)}/audit`} download data-testid="audit-download">
          {t(locale, 'downloadAudit')}
        </a>
      </p>
      {view.state === 'IN_CARICO_SEDE' && (
        <form
          className="closure"
          aria-labelledby="close-title"
          onSubmit={(event) => {
            event.preventDefault();
            void close();
          }}
        >
          <h2 id="close-title">{t(locale, 'close')}</h2>
          <label>
            {t(locale, 'operatorId')}
            <input value={operatorId} onChange={(event) => setOperatorId(event.target.value)} required pattern="OP-[0-9A-Z-]{1,30}" name="operatorId" />
          </label>
          <fieldset>
            <legend>{t(locale, 'verdict')}</legend>
            <label>
              <input type="radio" name="verdict" value="ACCOLTA" checked={verdict === 'ACCOLTA'} onChange={() => setVerdict('ACCOLTA')} /> {t(locale, 'accolta')}
            </label>
            <label>
              <input type="radio" name="verdict" value="NON_ACCOLTA" checked={verdict === 'NON_ACCOLTA'} onChange={() => setVerdict('NON_ACCOLTA')} /> {t(locale, 'nonAccolta')}
            </label>
          </fieldset>
          <label>
            {t(locale, 'motivazioneLabel')}
            <textarea value={motivazione} onChange={(event) => setMotivazione(event.target.value)} required minLength={10} maxLength={2000} rows={4} name="motivazione" />
          </label>
          <button type="submit" className="primary">
            {t(locale, 'closeButton')}
          </button>
        </form>
      )}
      {closing && <p role="status">{closing}</p>}
      <p>
        <a href="#/operatore">{t(locale, 'navOperatore')}</a>
      </p>
    </article>
  );
}
