import { useEffect, useState } from 'react';
import { get, type ListPage, type Locale } from '../api';
import { t } from '../i18n';
import { RequestTable } from './RequestTable';

/** The operator's desk (Fascicolo elettronico): the Sede's queue, every request, open by protocol number. */
export function OperatorePage({ locale }: { locale: Locale }) {
  const [queuePage, setQueuePage] = useState(1);
  const [allPage, setAllPage] = useState(1);
  const [queue, setQueue] = useState<ListPage | undefined>();
  const [all, setAll] = useState<ListPage | undefined>();
  const [protocollo, setProtocollo] = useState('');
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const [inCharge, every] = await Promise.all([get<ListPage>('/api/operator/queue', { locale, page: queuePage }), get<ListPage>('/api/operator/requests', { locale, page: allPage })]);
      if (stopped) return;
      setQueue(inCharge);
      setAll(every);
      timer = setTimeout(() => void load(), 2_000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [locale, queuePage, allPage]);
  const href = (value: string) => `#/operatore/${value}`;
  return (
    <section aria-labelledby="operatore-title">
      <h1 id="operatore-title">{t(locale, 'navOperatore')}</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (protocollo.trim()) window.location.hash = href(protocollo.trim());
        }}
      >
        <label>
          {t(locale, 'searchProtocollo')}
          <input value={protocollo} onChange={(event) => setProtocollo(event.target.value)} placeholder="INPS.7000.2026.0001" />
        </label>
        <button type="submit">{t(locale, 'open')}</button>
      </form>
      <h2>{t(locale, 'queue')}</h2>
      {!queue ? <p>{t(locale, 'loading')}</p> : <RequestTable page={queue} locale={locale} caption={t(locale, 'queue')} hrefOf={href} onPage={setQueuePage} />}
      <h2>{t(locale, 'allRequests')}</h2>
      {!all ? <p>{t(locale, 'loading')}</p> : <RequestTable page={all} locale={locale} caption={t(locale, 'allRequests')} hrefOf={href} onPage={setAllPage} />}
    </section>
  );
}
