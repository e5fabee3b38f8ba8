import { useEffect, useState } from 'react';
import type { Session } from '../App';
import { get, type ListPage, type TaskSummary } from '../api';
import { t } from '../i18n';
import { RequestTable } from './RequestTable';

const STATES = ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'IN_CARICO_SEDE', 'ACCOLTA', 'NON_ACCOLTA', 'RITIRATA'];
const STATE_LABELS: Record<string, { it: string; en: string }> = {
  SUBMITTED: { it: 'Inviata', en: 'Sent' },
  IN_ISTRUTTORIA: { it: 'In istruttoria', en: 'Under review' },
  RETRY_SCHEDULED: { it: 'In lavorazione', en: 'Being processed' },
  OPERATIONS_IN_PROGRESS: { it: 'Accolta, operazioni in corso', en: 'Accepted, operations in progress' },
  IN_CARICO_SEDE: { it: 'In carico alla Sede', en: 'With the Sede' },
  ACCOLTA: { it: 'Accolta', en: 'Accepted' },
  NON_ACCOLTA: { it: 'Non accolta', en: 'Not accepted' },
  RITIRATA: { it: 'Ritirata', en: 'Withdrawn' },
};

/** Lista Richieste of the position: filters, paging, and polling while an istruttoria runs. */
export function ListaPage({ session }: { session: Session }) {
  const { identity, positionId, locale } = session;
  const [filters, setFilters] = useState({ states: '', taskId: '', submittedFrom: '', submittedTo: '' });
  const [draft, setDraft] = useState(filters);
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<ListPage | undefined>();
  const [tasks, setTasks] = useState<TaskSummary[]>([]);

  useEffect(() => {
    void get<{ tasks: TaskSummary[] }>('/api/tasks', { identity: identity.id, position: positionId, locale }).then((answer) => setTasks(answer.tasks));
  }, [identity.id, positionId, locale]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const answer = await get<ListPage>('/api/requests', { identity: identity.id, position: positionId, locale, page: pageNumber, pageSize: 10, ...filters });
      if (stopped) return;
      setPage(answer);
      // While an istruttoria runs (or waits for a retry), ask again: the rows change colour by themselves.
      if (answer.open) timer = setTimeout(() => void load(), 1_000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [identity.id, positionId, locale, pageNumber, filters]);

  return (
    <section aria-labelledby="lista-title">
      <h1 id="lista-title">{t(locale, 'navLista')}</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setPageNumber(1);
          setFilters(draft);
        }}
      >
        <label>
          {t(locale, 'stato')}
          <select value={draft.states} onChange={(event) => setDraft({ ...draft, states: event.target.value })} name="states">
            <option value="">{t(locale, 'allStates')}</option>
            {STATES.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]?.[locale]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'oggetto')}
          <select value={draft.taskId} onChange={(event) => setDraft({ ...draft, taskId: event.target.value })} name="taskId">
            <option value="">{t(locale, 'allTasks')}</option>
            {tasks.map((task) => (
              <option key={task.id} value={task.id}>
                {task.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'from')}
          <input type="date" value={draft.submittedFrom} onChange={(event) => setDraft({ ...draft, submittedFrom: event.target.value })} name="submittedFrom" />
        </label>
        <label>
          {t(locale, 'to')}
          <input type="date" value={draft.submittedTo} onChange={(event) => setDraft({ ...draft, submittedTo: event.target.value })} name="submittedTo" />
        </label>
        <button type="submit">{t(locale, 'filter')}</button>
      </form>
      {page?.open && (
        <p role="status" className="updating">
          {t(locale, 'updating')}
        </p>
      )}
      {!page ? <p>{t(locale, 'loading')}</p> : <RequestTable page={page} locale={locale} caption={t(locale, 'navLista')} hrefOf={(protocollo) => `#/richieste/${protocollo}`} onPage={setPageNumber} />}
    </section>
  );
}
