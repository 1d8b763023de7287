// The shell: sign-in when there is no session, otherwise the navigation and the current page.
// Settings and insights are loaded on demand (their own chunks) to keep the first load small.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, call, onUnauthorized, type Session, setCsrf } from './api.ts';
import { chooseLanguage, type Lang, loadLanguage, type MessageKey, t } from './i18n.ts';
import { AccountPage } from './pages/account.tsx';
import { ManualReturnPage } from './pages/manual.tsx';
import { OrderPage, OrdersPage } from './pages/orders.tsx';
import { ReturnDetailPage } from './pages/return-detail.tsx';
import { ReturnsPage } from './pages/returns.tsx';
import { currentPath, navigate, useRoute } from './router.ts';
import { SessionContext } from './session.ts';
import { Alert, errorText, Field, Link, PageTitle } from './ui.tsx';

function SignIn(props: { onSignedIn: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const session = await call('POST /api/session', { body: { email, password } });
      props.onSignedIn(session);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('invalidCredentials'));
      else if (e instanceof ApiError && e.status === 429)
        setError(e.retryAfter ? t('tooManyAttemptsIn', { seconds: e.retryAfter }) : t('tooManyAttempts'));
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <div class="card signin-card">
        <p class="brand-mark" aria-hidden="true">
          {t('appName')}
        </p>
        <PageTitle>{t('signInTitle')}</PageTitle>
        {error && <Alert>{error}</Alert>}
        <form onSubmit={submit} noValidate>
          <Field
            id="signin-email"
            label={t('email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <Field
            id="signin-password"
            label={t('password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('signIn')}
          </button>
        </form>
      </div>
    </main>
  );
}

function useLazy(load: () => Promise<{ default: ComponentType }>): ComponentType | null {
  const [component, setComponent] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    load().then((mod) => live && setComponent(() => mod.default));
    return () => {
      live = false;
    };
  }, [load]);
  return component;
}

const loadSettings = () => import('./pages/settings.tsx');
const loadInsights = () => import('./pages/insights.tsx');
const loadImports = () => import('./pages/imports.tsx');

function Lazy(props: { load: () => Promise<{ default: ComponentType }> }) {
  const Component = useLazy(props.load);
  return Component ? <Component /> : <p class="muted">{t('loading')}</p>;
}

function NotFound() {
  return <PageTitle>{t('notFound')}</PageTitle>;
}

function Page(props: { path: string }) {
  const { path } = props;
  if (path === '/' || path === '/returns') return <ReturnsPage />;
  const ret = /^\/returns\/([^/]+)$/.exec(path);
  if (ret?.[1]) return <ReturnDetailPage key={ret[1]} id={decodeURIComponent(ret[1])} />;
  if (path === '/new-return') return <ManualReturnPage />;
  if (path === '/orders') return <OrdersPage />;
  if (path === '/orders/import') return <Lazy load={loadImports} />;
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order?.[1]) return <OrderPage key={order[1]} id={decodeURIComponent(order[1])} />;
  if (path === '/insights') return <Lazy load={loadInsights} />;
  if (path === '/settings' || path.startsWith('/settings/')) return <Lazy load={loadSettings} />;
  if (path === '/account') return <AccountPage />;
  return <NotFound />;
}

const NAV: [string, MessageKey][] = [
  ['/returns', 'navReturns'],
  ['/new-return', 'navManual'],
  ['/orders', 'navOrders'],
  ['/insights', 'navInsights'],
  ['/settings', 'navSettings'],
  ['/account', 'navAccount'],
];

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  // The language whose catalogue is loaded: the user's choice, else the browser's (null until loaded).
  const [lang, setLang] = useState<Lang | null>(null);
  const wanted = chooseLanguage(session?.user.language);
  const { path } = useRoute();

  useEffect(() => {
    onUnauthorized(() => setSession(null));
    call('GET /api/session')
      .then((s) => {
        setCsrf(s.csrfToken);
        setSession(s);
      })
      .catch(() => setSession(null));
  }, []);

  useEffect(() => {
    if (session === undefined || wanted === lang) return;
    let live = true;
    loadLanguage(wanted).then(() => live && setLang(wanted));
    return () => {
      live = false;
    };
  }, [session, wanted, lang]);

  useEffect(() => {
    if (!lang) return;
    const section = NAV.find(([to]) => path === to || path.startsWith(`${to}/`))?.[1];
    document.title = `${t(section ?? 'navReturns')} · ${t('appName')}`;
  }, [path, lang]);

  // Nothing to say before a catalogue is loaded (the boot screen stays wordless, like a spinner).
  if (session === undefined || lang === null) return <p class="muted boot" aria-busy="true" />;
  if (session === null)
    return (
      <SignIn
        onSignedIn={(s) => {
          setCsrf(s.csrfToken);
          setSession(s);
          if (currentPath() === '/') navigate('/returns', true);
        }}
      />
    );

  const signOut = async () => {
    await call('DELETE /api/session').catch(() => undefined);
    setCsrf('');
    setSession(null);
    navigate('/', true);
  };
  const active = (to: string) => path === to || path.startsWith(`${to}/`) || (to === '/returns' && path === '/');

  return (
    <SessionContext.Provider value={{ ...session, setSession }}>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="topbar">
        <span class="brand-mark">{t('appName')}</span>
        <nav aria-label={t('nav')}>
          <ul>
            {NAV.map(([to, label]) => (
              <li key={to}>
                <Link to={to} current={active(to)}>
                  {t(label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span class="muted">
            {session.user.name ?? session.user.email} · {session.merchant.name}
          </span>
          <button type="button" class="link-button" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" key={lang}>
        <Page path={path} />
      </main>
    </SessionContext.Provider>
  );
}
