import { useEffect, useState } from 'react';
import type { Session } from '../App';
import { get } from '../api';
import { dateTime, t } from '../i18n';

interface Notice {
  id: string;
  protocollo: string;
  kind: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  sentAt: string;
}

/** The notices the requester received (e-mail, PEC, SMS), as the gateways would have delivered them. */
export function AvvisiPage({ session }: { session: Session }) {
  const { identity, positionId, locale } = session;
  const [notices, setNotices] = useState<Notice[] | undefined>();
  useEffect(() => {
    void get<{ notices: Notice[] }>('/api/notices', { identity: identity.id, position: positionId }).then((answer) => setNotices(answer.notices));
  }, [identity.id, positionId]);
  return (
    <section aria-labelledby="avvisi-title">
      <h1 id="avvisi-title">{t(locale, 'navAvvisi')}</h1>
      {!notices ? (
        <p>{t(locale, 'loading')}</p>
      ) : notices.length === 0 ? (
        <p>{t(locale, 'noNotices')}</p>
      ) : (
        <ul className="notices">
          {notices.map((notice) => (
            <li key={notice.id} data-kind={notice.kind} data-protocollo={notice.protocollo}>
              <h2>{notice.subject ?? `${notice.channel} ${notice.protocollo}`}</h2>
              <p className="notice-meta">
                {notice.channel} → {notice.to} · {dateTime(locale, notice.sentAt)}
              </p>
              <pre>{notice.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
