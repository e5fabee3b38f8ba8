import { useEffect, useMemo, useRef, useState } from 'react';
import type { Session } from '../App';
import { ApiError, get, post, type ComposedForm, type ReadyForm, type RequestIssue } from '../api';
import { JsonFormsForm } from '../forms/JsonFormsForm';
import { engineOnlyIssues } from '../forms/messages';
import { RjsfForm, type RendererHandle } from '../forms/RjsfForm';
import { t } from '../i18n';
import { LoadState } from './LoadState';

function shown(value: unknown, absent: string): string {
  if (value === null || value === undefined) return absent;
  if (Array.isArray(value)) return value.map((item) => shown(item, absent)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The composed form of one task: known data read-only with its source, the renderer chosen, submit. */
export function FormPage({ taskId, session }: { taskId: string; session: Session }) {
  const { identity, positionId, locale, renderer } = session;
  const [form, setForm] = useState<ComposedForm | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [data, setData] = useState<Record<string, unknown>>({});
  const [submitted, setSubmitted] = useState(false);
  const [issues, setIssues] = useState<RequestIssue[]>([]);
  const [sending, setSending] = useState(false);
  const [protocollo, setProtocollo] = useState<string | undefined>();
  // One array per answer of the engine, not per render: a new one would make the renderer re-validate.
  const extra = useMemo(() => engineOnlyIssues(issues), [issues]);
  const rendererRef = useRef<RendererHandle>(null);
  const validation = useRef(0);
  /** The data as of the renderer's last change: a submit reads it after flushing the renderer, not the render's copy. */
  const latestData = useRef(data);
  const change = (next: Record<string, unknown>) => {
    latestData.current = next;
    setData(next);
  };

  useEffect(() => {
    void get<{ form: ComposedForm }>(`/api/forms/${encodeURIComponent(taskId)}`, { identity: identity.id, position: positionId, locale })
      .then((answer) => setForm(answer.form))
      .catch((error: Error) => setFailure(error.message));
  }, [taskId, identity.id, positionId, locale]);

  /** Asks the engine about the data; only the latest answer counts. */
  const validate = async (current: Record<string, unknown>): Promise<RequestIssue[]> => {
    const ticket = (validation.current += 1);
    const answer = await post<{ ok: boolean; issues: RequestIssue[] }>('/api/validate', { taskId, data: current });
    if (ticket === validation.current) setIssues(answer.issues);
    return answer.issues;
  };

  // After the first submit, the engine's messages follow every change (and clear when fixed).
  useEffect(() => {
    if (!submitted) return;
    const timer = setTimeout(() => void validate(data), 250);
    return () => clearTimeout(timer);
  }, [data, submitted]);

  const submit = async () => {
    // First, before any re-render: the renderer hands over a change it still holds (JSON Forms' is 10 ms late).
    rendererRef.current?.flush();
    const current = latestData.current;
    setSubmitted(true);
    rendererRef.current?.showErrors();
    setSending(true);
    try {
      const found = await validate(current);
      if (found.length > 0) {
        // Shown even when a newer live validation has taken the ticket: a submit always answers.
        setIssues(found);
        return;
      }
      const answer = await post<{ protocollo: string }>('/api/requests', { identity: identity.id, position: positionId, taskId, data: current, locale });
      setProtocollo(answer.protocollo);
    } catch (error) {
      if (error instanceof ApiError && error.body.issues) setIssues(error.body.issues);
      else setFailure((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  if (failure || !form) return <LoadState locale={locale} failure={failure} />;
  if (form.status === 'not-allowed') {
    return (
      <section aria-labelledby="form-title">
        <h1 id="form-title">{t(locale, 'notAllowed')}</h1>
        <ul>
          {form.reasons.map((reason) => (
            <li key={reason.code}>{reason.message[locale]}</li>
          ))}
        </ul>
        <a href="#/">{t(locale, 'backToTasks')}</a>
      </section>
    );
  }
  if (form.status === 'unavailable') {
    return (
      <section aria-labelledby="form-title">
        <h1 id="form-title">{t(locale, 'cannotSubmit')}</h1>
        <p role="alert">{form.message[locale]}</p>
        <a href="#/">{t(locale, 'backToTasks')}</a>
      </section>
    );
  }
  if (protocollo) {
    return (
      <section aria-labelledby="sent-title">
        <h1 id="sent-title">{String(form.schema.title ?? taskId)}</h1>
        <p role="status" className="sent">
          {t(locale, 'sent')} <strong data-testid="protocollo">{protocollo}</strong>
        </p>
        <p>
          <a href={`#/richieste/${protocollo}`}>{t(locale, 'openRequest')}</a> · <a href="#/richieste">{t(locale, 'navLista')}</a>
        </p>
      </section>
    );
  }
  const ready: ReadyForm = form;
  const Renderer = renderer === 'rjsf' ? RjsfForm : JsonFormsForm;
  return (
    <section aria-labelledby="page-title" className={`form-page renderer-${renderer}`}>
      <h1 id="page-title" className="visually-hidden">
        {String(ready.schema.title ?? taskId)}
      </h1>
      {ready.known.length > 0 && (
        <section aria-labelledby="known-title" className="known">
          <h2 id="known-title">{t(locale, 'knownData')}</h2>
          <dl>
            {ready.known.map((known) => (
              <div key={known.field} data-known={known.field}>
                <dt>{known.title}</dt>
                <dd>
                  {shown(known.value, t(locale, 'absent'))}
                  <small>
                    {t(locale, 'knownSource')}: {known.source.description}
                  </small>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {ready.notices.map((notice) => (
        <p key={notice.field} className="notice" role="note">
          {notice.message}
        </p>
      ))}
      <Renderer ref={rendererRef} form={ready} data={data} locale={locale} submitted={submitted} engineIssues={extra} onChange={change} />
      {submitted && issues.length > 0 && (
        <p role="alert" className="form-alert">
          {t(locale, 'fixErrors')}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void submit()} disabled={sending || !ready.canSubmit}>
        {sending ? t(locale, 'sending') : t(locale, 'submit')}
      </button>
    </section>
  );
}
