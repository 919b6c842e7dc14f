import './zod-config';
import { lazy, StrictMode, Suspense } from 'react';
import { parsePublicTestHash } from './measures/public-test-route';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startInBrowserLanguage } from './i18n/i18n-provider';

/**
 * After a new release the open page's lazily loaded parts are gone from the server, and moving to
 * another page would leave it blank: load the new release instead, once (if that fails as well
 * within ten seconds, the error shows).
 */
window.addEventListener('vite:preloadError', () => {
  const key = 'attune.reloadedForNewRelease';
  const last = Number(sessionStorage.getItem(key) ?? 0);
  if (Date.now() - last < 10_000) return;
  sessionStorage.setItem(key, String(Date.now()));
  window.location.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

/** `#/test/<slug>`: a practice's public relationship test, outside the signed-in app (no sign-in, no session). */
const publicTest = parsePublicTestHash(window.location.hash);
const PublicTestPage = lazy(() => import('./measures/public-test.page').then((m) => ({ default: m.PublicTestPage })));
window.addEventListener('hashchange', () => {
  if (!!parsePublicTestHash(window.location.hash) !== !!publicTest) window.location.reload();
});

const root = createRoot(container);
void startInBrowserLanguage().finally(() => root.render(
  <StrictMode>
    {publicTest ? (
      <Suspense fallback={null}>
        <PublicTestPage slug={publicTest.slug} initialLang={publicTest.lang} />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
));
