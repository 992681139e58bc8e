/** The shell: login gate, navigation bar, page routing, theme, keyboard shortcuts. */
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { api, getToken, setToken, setUnauthorizedHandler } from './api/client';
import type { Me } from './api/types';
import { HelpOverlay } from './components/help-overlay';
import { Loading } from './components/common';
import { AlertPage } from './pages/alert-page';
import { AlertsPage } from './pages/alerts-page';
import { DetectionsPage } from './pages/detections-page';
import { LoginPage } from './pages/login-page';
import { SourcesPage } from './pages/sources-page';
import { href, navigate, useRoute, type Route } from './lib/router';
import { useShortcuts } from './lib/shortcuts';
import { applyTheme, initialTheme, type Theme } from './lib/theme';

// CodeMirror and uPlot load with the pages that use them, keeping the first paint small.
const QueryPage = lazy(() => import('./pages/query-page').then((m) => ({ default: m.QueryPage })));
const SourcePage = lazy(() => import('./pages/source-page').then((m) => ({ default: m.SourcePage })));
const DetectionPage = lazy(() =>
  import('./pages/detection-page').then((m) => ({ default: m.DetectionPage })),
);

const NAV: { page: string; label: string; key: string }[] = [
  { page: 'query', label: 'SQL', key: 'q' },
  { page: 'alerts', label: 'Alerts', key: 'a' },
  { page: 'sources', label: 'Log sources', key: 's' },
  { page: 'detections', label: 'Detections', key: 'd' },
];

function Page({ route }: { route: Route }) {
  const [page, arg] = route;
  switch (page) {
    case 'alerts':
      return arg ? <AlertPage id={arg} /> : <AlertsPage />;
    case 'sources':
      return arg ? <SourcePage name={arg} /> : <SourcesPage />;
    case 'detections':
      return arg ? <DetectionPage name={arg} /> : <DetectionsPage />;
    default:
      return <QueryPage />;
  }
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(getToken()));
  const [help, setHelp] = useState(false);
  const [theme, setTheme] = useState<Theme>(initialTheme);

  useEffect(() => applyTheme(theme, false), [theme]);

  const logout = useCallback(() => {
    setToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(logout);
    if (!getToken()) return;
    api.me().then(
      (m) => {
        setMe(m);
        setChecking(false);
      },
      () => {
        // 401 already logged out; a network error leaves the token for a retry
        setChecking(false);
      },
    );
  }, [logout]);

  const handlers = useMemo(
    () => ({
      go: (page: string) => navigate(page),
      toggleHelp: () => setHelp((h) => !h),
      closeHelp: () => setHelp(false),
      toggleTheme: () =>
        setTheme((t) => {
          const next = t === 'dark' ? 'light' : 'dark';
          applyTheme(next, true);
          return next;
        }),
    }),
    [],
  );
  useShortcuts(handlers);

  if (checking) return <Loading what="session" />;
  if (!me) return <LoginPage onLogin={setMe} />;
  const current = route[0] ?? 'query';

  return (
    <div className="shell">
      <nav className="topbar">
        <a className="brand" href={href('query')}>
          <span className="logo" /> Lakewatch
        </a>
        {NAV.map((n) => (
          <a
            key={n.page}
            href={href(n.page)}
            className={`nav${current === n.page ? ' active' : ''}`}
            data-testid={`nav-${n.page}`}
            title={`g ${n.key}`}
          >
            {n.label}
          </a>
        ))}
        <span className="spacer" />
        <button className="btn ghost small" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">
          ?
        </button>
        <button
          className="btn ghost small"
          onClick={handlers.toggleTheme}
          title="Toggle theme (t)"
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? '☾ dark' : '☀ light'}
        </button>
        <span className="muted small" data-testid="whoami" title={`token created ${me.token.createdAt}`}>
          {me.token.name}
        </span>
        <button className="btn ghost small" onClick={logout} data-testid="logout">
          Sign out
        </button>
      </nav>
      <main className="main">
        <Suspense fallback={<Loading />}>
          <Page route={route} />
        </Suspense>
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
