import { useEffect, useState } from 'react';
import type { Session } from '../App';
import { get, type TaskSummary } from '../api';
import { t } from '../i18n';

/** "Crea Smart-Task": the tasks this requester may file on this position. */
export function CreaPage({ session }: { session: Session }) {
  const { identity, positionId, locale } = session;
  const [tasks, setTasks] = useState<TaskSummary[] | undefined>();
  useEffect(() => {
    setTasks(undefined);
    void get<{ tasks: TaskSummary[] }>('/api/tasks', { identity: identity.id, position: positionId, locale }).then((answer) => setTasks(answer.tasks));
  }, [identity.id, positionId, locale]);
  return (
    <section aria-labelledby="crea-title">
      <h1 id="crea-title">{t(locale, 'navCrea')}</h1>
      <p>{t(locale, 'creaIntro')}</p>
      {!tasks ? (
        <p>{t(locale, 'loading')}</p>
      ) : (
        <ul className="task-list">
          {tasks.map((task) => (
            <li key={task.id}>
              <a href={`#/crea/${task.id}`} data-task={task.id}>
                {task.title}
              </a>
              {task.status === 'planned' && <span className="badge">{t(locale, 'planned')}</span>}
              <p>{task.description}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
