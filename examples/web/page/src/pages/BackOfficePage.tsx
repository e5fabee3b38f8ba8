import { useEffect, useState } from 'react';
import { get, post, type Locale } from '../api';
import { dateTime, t } from '../i18n';

type Mode = 'ok' | 'slow' | 'failing';
interface Behaviour {
  mode: Mode;
  delayMs: number;
}
interface Control {
  dataPort: Behaviour;
  actionPort: Behaviour;
}
interface LedgerEntry {
  idempotencyKey: string;
  action: string;
  at: string;
}

/** The control of the fake INPS back office: make a port slow or failing, reset the archives. */
export function BackOfficePage({ locale }: { locale: Locale }) {
  const [control, setControl] = useState<Control | undefined>();
  const [ledger, setLedger] = useState<LedgerEntry[]>([]);
  const [saved, setSaved] = useState(false);
  const load = async () => {
    const answer = await get<{ control: Control; ledger: LedgerEntry[] }>('/api/control/back-office');
    setControl(answer.control);
    setLedger(answer.ledger);
  };
  useEffect(() => void load(), []);
  if (!control) return <p>{t(locale, 'loading')}</p>;
  const port = (name: keyof Control, label: string) => (
    <fieldset key={name}>
      <legend>{label}</legend>
      <label>
        {t(locale, 'mode')}
        <select value={control[name].mode} name={`${name}-mode`} onChange={(event) => setControl({ ...control, [name]: { ...control[name], mode: event.target.value as Mode } })}>
          <option value="ok">{t(locale, 'modeOk')}</option>
          <option value="slow">{t(locale, 'modeSlow')}</option>
          <option value="failing">{t(locale, 'modeFailing')}</option>
        </select>
      </label>
      <label>
        {t(locale, 'delay')}
        <input type="number" min={0} max={20000} step={100} name={`${name}-delay`} value={control[name].delayMs} onChange={(event) => setControl({ ...control, [name]: { ...control[name], delayMs: Number(event.target.value) } })} />
      </label>
    </fieldset>
  );
  return (
    <section aria-labelledby="bo-title">
      <h1 id="bo-title">{t(locale, 'navBackOffice')}</h1>
      <p>{t(locale, 'backOfficeIntro')}</p>
      <form
        className="back-office"
        onSubmit={(event) => {
          event.preventDefault();
          void post<{ control: Control }>('/api/control/back-office', control).then((answer) => (setControl(answer.control), setSaved(true)));
        }}
      >
        {port('dataPort', t(locale, 'dataPort'))}
        {port('actionPort', t(locale, 'actionPort'))}
        <button type="submit" className="primary">
          {t(locale, 'apply')}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            void post('/api/control/reset', {})
              .then(load)
              .then(() => setSaved(true))
          }
        >
          {t(locale, 'reset')}
        </button>
      </form>
      {saved && <p role="status">OK</p>}
      <h2>{t(locale, 'ledger')}</h2>
      <ul>
        {ledger.map((entry) => (
          <li key={entry.idempotencyKey}>
            {dateTime(locale, entry.at)} <code>{entry.action}</code> <code>{entry.idempotencyKey}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
