import type { ListPage, Locale } from '../api';
import { dateTime, t } from '../i18n';

/** Lista Richieste's table: a Smart-Task marker and the row's colour token, newest first, with paging. */
export function RequestTable({ page, locale, hrefOf, caption, onPage }: { page: ListPage; locale: Locale; hrefOf: (protocollo: string) => string; caption: string; onPage(page: number): void }) {
  if (page.items.length === 0) return <p>{t(locale, 'noRequests')}</p>;
  return (
    <>
      <table className="requests">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'protocollo')}</th>
            <th scope="col">{t(locale, 'tipo')}</th>
            <th scope="col">{t(locale, 'oggetto')}</th>
            <th scope="col">{t(locale, 'matricola')}</th>
            <th scope="col">{t(locale, 'dataInvio')}</th>
            <th scope="col">{t(locale, 'aggiornata')}</th>
            <th scope="col">{t(locale, 'stato')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((row) => (
            <tr key={row.protocollo} className={row.colorToken} data-protocollo={row.protocollo} data-state={row.state}>
              <td>
                <a href={hrefOf(row.protocollo)}>{row.protocollo}</a>
              </td>
              <td>{row.smartTask && <span className="smart-task-marker">Smart-Task</span>}</td>
              <td>{row.task.title}</td>
              <td>{row.matricola}</td>
              <td>{dateTime(locale, row.submittedAt)}</td>
              <td>{dateTime(locale, row.updatedAt)}</td>
              <td>
                <span className="state">{row.stateLabel}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
          {t(locale, 'previous')}
        </button>
        <span>{t(locale, 'pageOf', { page: page.page, count: Math.max(page.pageCount, 1), total: page.total })}</span>
        <button type="button" disabled={page.page >= page.pageCount} onClick={() => onPage(page.page + 1)}>
          {t(locale, 'next')}
        </button>
      </div>
    </>
  );
}
