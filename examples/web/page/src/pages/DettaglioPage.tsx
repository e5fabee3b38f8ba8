import { useEffect, useState } from 'react';
import type { Session } from '../App';
import { get } from '../api';
import { dateTime, t } from '../i18n';
import { LoadState } from './LoadState';

interface Detail {
  protocollo: string;
  task: { id: string; title: string };
  state: string;
  stateLabel: string;
  submittedAt: string;
  updatedAt: string;
  data: Record<string, unknown>;
  outcome: { verdict: string; decidedBy: string; at: string; motivazione?: string } | null;
  summary: string | null;
  checks: { id: string; description: string; result: string }[];
  reasons: { code: string; message: string }[];
  warnings: { code: string; message: string }[];
  operations: { description: string }[];
  retry: { attempt: number; nextAttemptAt: string } | null;
  history: { at: string; type: string; actor: string; to: string; toLabel: string }[];
}

const FINAL = ['ACCOLTA', 'NON_ACCOLTA', 'RITIRATA', 'IN_CARICO_SEDE'];

/** The contributor's view of one request: esito, checks performed, reasons, operations, history. */
export function DettaglioPage({ protocollo, session }: { protocollo: string; session: Session }) {
  const { identity, positionId, locale } = session;
  const [detail, setDetail] = useState<Detail | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const answer = await get<{ request: Detail }>(`/api/requests/${encodeURIComponent(protocollo)}`, { identity: identity.id, position: positionId, locale });
        if (stopped) return;
        setDetail(answer.request);
        if (!FINAL.includes(answer.request.state)) timer = setTimeout(() => void load(), 1_000);
      } catch (error) {
        if (!stopped) setFailure((error as Error).message);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [protocollo, identity.id, positionId, locale]);

  if (failure || !detail) return <LoadState locale={locale} failure={failure} />;
  const resultLabel = (result: string) => (result === 'PASSED' ? t(locale, 'checkPassed') : result === 'FAILED' ? t(locale, 'checkFailed') : t(locale, 'checkNotEvaluated'));
  return (
    <article aria-labelledby="detail-title" className="detail" data-state={detail.state}>
      <h1 id="detail-title">
        {detail.task.title} — {detail.protocollo}
      </h1>
      <dl className="facts">
        <dt>{t(locale, 'stato')}</dt>
        <dd>
          <span className={`state-badge smart-task--${detail.state.toLowerCase().replace(/_/g, '-')}`} data-testid="state">
            {detail.stateLabel}
          </span>
        </dd>
        <dt>{t(locale, 'dataInvio')}</dt>
        <dd>{dateTime(locale, detail.submittedAt)}</dd>
        <dt>{t(locale, 'aggiornata')}</dt>
        <dd>{dateTime(locale, detail.updatedAt)}</dd>
        {detail.retry && (
          <>
            <dt>{t(locale, 'retryAt')}</dt>
            <dd>{dateTime(locale, detail.retry.nextAttemptAt)}</dd>
          </>
        )}
      </dl>
      {detail.summary && <p className="summary">{detail.summary}</p>}
      {detail.outcome?.motivazione && (
        <section aria-labelledby="motivazione-title">
          <h2 id="motivazione-title">{t(locale, 'motivazione')}</h2>
          <p data-testid="motivazione">{detail.outcome.motivazione}</p>
        </section>
      )}
      {detail.reasons.length > 0 && (
        <section aria-labelledby="reasons-title" className="reasons">
          <h2 id="reasons-title">{t(locale, 'reasons')}</h2>
          <ul>
            {detail.reasons.map((reason) => (
              <li key={reason.code} data-code={reason.code}>
                {reason.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.warnings.length > 0 && (
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t(locale, 'warnings')}</h2>
          <ul>
            {detail.warnings.map((warning) => (
              <li key={warning.code}>{warning.message}</li>
            ))}
          </ul>
        </section>
      )}
      {detail.operations.length > 0 && (
        <section aria-labelledby="operations-title" className="operations">
          <h2 id="operations-title">{t(locale, 'operations')}</h2>
          <ul>
            {detail.operations.map((operation, index) => (
              <li key={index}>{operation.description}</li>
            ))}
          </ul>
        </section>
      )}
      {detail.checks.length > 0 && (
        <section aria-labelledby="checks-title" className="checks">
          <h2 id="checks-title">{t(locale, 'checks')}</h2>
          <ul>
            {detail.checks.map((check) => (
              <li key={check.id} className={`check check--${check.result.toLowerCase()}`}>
                <span className="check-result">{resultLabel(check.result)}</span> {check.description}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t(locale, 'history')}</h2>
        <ol className="history">
          {detail.history.map((entry, index) => (
            <li key={index}>
              {dateTime(locale, entry.at)} — {entry.toLabel}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href="#/richieste">{t(locale, 'navLista')}</a>
      </p>
    </article>
  );
}
