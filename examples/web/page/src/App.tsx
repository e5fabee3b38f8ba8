import { useEffect, useState } from 'react';
import { get, type Identity, type Locale, type Renderer } from './api';
import { t } from './i18n';
import { BackOfficePage } from './pages/BackOfficePage';
import { CreaPage } from './pages/CreaPage';
import { DettaglioPage } from './pages/DettaglioPage';
import { FormPage } from './pages/FormPage';
import { ListaPage } from './pages/ListaPage';
import { AvvisiPage } from './pages/AvvisiPage';
import { OperatorePage } from './pages/OperatorePage';
import { OperatoreRichiestaPage } from './pages/OperatoreRichiestaPage';

/** What every page needs: who is acting, on which position, in which language, with which renderer. */
export interface Session {
  identity: Identity;
  positionId: string;
  locale: Locale;
  renderer: Renderer;
}

function useHashRoute(): string[] {
  const read = () => decodeURIComponent(window.location.hash.replace(/^#\/?/, '')).split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const value = window.localStorage.getItem(key);
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function App() {
  const route = useHashRoute();
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [identityId, setIdentityId] = useState(() => window.localStorage.getItem('st.identity') ?? 'azienda');
  const [positionId, setPositionId] = useState(() => window.localStorage.getItem('st.position') ?? '');
  const [locale, setLocale] = useState<Locale>(() => stored('st.locale', ['it', 'en'], 'it'));
  const [renderer, setRenderer] = useState<Renderer>(() => stored('st.renderer', ['rjsf', 'jsonforms'], 'rjsf'));

  useEffect(() => {
    void get<{ identities: Identity[] }>('/api/identities').then((answer) => setIdentities(answer.identities));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    window.localStorage.setItem('st.locale', locale);
  }, [locale]);
  useEffect(() => window.localStorage.setItem('st.renderer', renderer), [renderer]);
  useEffect(() => window.localStorage.setItem('st.identity', identityId), [identityId]);
  useEffect(() => window.localStorage.setItem('st.position', positionId), [positionId]);

  const identity = identities.find((candidate) => candidate.id === identityId) ?? identities[0];
  const position = identity?.positions.find((candidate) => candidate.id === positionId) ?? identity?.positions[0];
  const operator = route[0] === 'operatore' || route[0] === 'back-office';
  const session = identity && position ? { identity, positionId: position.id, locale, renderer } : undefined;

  const links: [string, string][] = [
    ['#/', t(locale, 'navCrea')],
    ['#/richieste', t(locale, 'navLista')],
    ['#/avvisi', t(locale, 'navAvvisi')],
    ['#/operatore', t(locale, 'navOperatore')],
    ['#/back-office', t(locale, 'navBackOffice')],
  ];
  const current = `#/${route[0] ?? ''}`;

  return (
    <>
      <header className="app-header">
        <div className="brand">
          <p className="brand-title">{t(locale, 'appTitle')}</p>
          <p className="brand-note">{t(locale, 'demoNote')}</p>
        </div>
        <form className="session" aria-label={t(locale, 'identity')} onSubmit={(event) => event.preventDefault()}>
          {!operator && (
            <>
              <label>
                {t(locale, 'identity')}
                <select value={identity?.id ?? ''} onChange={(event) => (setIdentityId(event.target.value), setPositionId(''))} data-testid="identity">
                  {identities.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.name} — {candidate.profiloLabel[locale]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t(locale, 'position')}
                <select value={position?.id ?? ''} onChange={(event) => setPositionId(event.target.value)} data-testid="position">
                  {identity?.positions.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.matricola} — {candidate.denominazione}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label>
            {t(locale, 'language')}
            <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)} data-testid="locale">
              <option value="it">Italiano</option>
              <option value="en">English</option>
            </select>
          </label>
          {!operator && (
            <label>
              {t(locale, 'renderer')}
              <select value={renderer} onChange={(event) => setRenderer(event.target.value as Renderer)} data-testid="renderer">
                <option value="rjsf">RJSF</option>
                <option value="jsonforms">JSON Forms</option>
              </select>
            </label>
          )}
        </form>
        <nav aria-label={t(locale, 'mainNav')}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={href === current || (href === '#/' && current === '#/crea') ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">{session ? <Page route={route} session={session} /> : <p>{t(locale, 'loading')}</p>}</main>
    </>
  );
}

function Page({ route, session }: { route: string[]; session: Session }) {
  const [section, id] = route;
  if (!section) return <CreaPage session={session} />;
  if (section === 'crea' && id) return <FormPage key={`${id}-${session.renderer}-${session.locale}-${session.identity.id}`} taskId={id} session={session} />;
  if (section === 'crea') return <CreaPage session={session} />;
  if (section === 'richieste' && id) return <DettaglioPage protocollo={id} session={session} />;
  if (section === 'richieste') return <ListaPage session={session} />;
  if (section === 'avvisi') return <AvvisiPage session={session} />;
  if (section === 'operatore' && id) return <OperatoreRichiestaPage protocollo={id} locale={session.locale} />;
  if (section === 'operatore') return <OperatorePage locale={session.locale} />;
  if (section === 'back-office') return <BackOfficePage locale={session.locale} />;
  return <p>{t(session.locale, 'notFound')}</p>;
}
