import { useEffect, useState } from 'react';
import type { Session } from '../App';
import { get } from '../api';
import { dateTime, t } from '../i18n';
import { ListSection } from './ListSection';
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
      <ListSection id="reasons-title" className="reasons" title={t(locale, 'reasons')} items={detail.reasons} itemKey={(reason) => reason.code} itemAttributes={(reason) => ({ 'data-code': reason.code })} item={(reason) => reason.message} />
      <ListSection id="warnings-title" title={t(locale, 'warnings')} items={detail.warnings} itemKey={(warning) => warning.code} item={(warning) => warning.message} />
      <ListSection id="operations-title" className="operations" title={t(locale, 'operations')} items={detail.operations} itemKey={(_operation, index) => index} item={(operation) => operation.description} />
      <ListSection
        id="checks-title"
        className="checks"
        title={t(locale, 'checks')}
        items={detail.checks}
        itemKey={(check) => check.id}
        itemAttributes={(check) => ({ className: `check check--${check.result.toLowerCase()}` })}
        item={(check) => (
          <>
            <span className="check-result">{resultLabel(check.result)}</span> {check.description}
          </>
        )}
      />
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
