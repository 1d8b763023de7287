// Boots the portal: the route from the URL, the portal settings the server put in the page (or
// fetched), the language, then the app. Styles come first so nothing flashes unstyled.
import './styles-base.css';
import './styles-layout.css';
import './styles-forms.css';
import './styles-steps.css';
import type { PublicPortal } from '@retour/contracts/portal';
import { render } from 'preact';
import { ApiError, api } from './api.ts';
import { App, type Route } from './app.tsx';
import { chooseLanguage, LANGUAGES, loadLanguage, t } from './i18n.ts';
import { applyTheme, themeOf } from './theme.ts';

function routeOf(url: URL): Route | null {
  const match = /^\/r\/([^/]+)(?:\/returns\/([^/]+))?\/?$/.exec(url.pathname);
  if (!match?.[1]) return null;
  return {
    slug: decodeURIComponent(match[1]),
    returnId: match[2] ? decodeURIComponent(match[2]) : null,
    access: url.searchParams.get('access'),
    embed: url.searchParams.get('embed') === '1',
  };
}

function inlinePortal(): PublicPortal | null {
  try {
    return JSON.parse(document.getElementById('portal-data')?.textContent ?? 'null') as PublicPortal | null;
  } catch {
    return null;
  }
}

async function boot(root: HTMLElement): Promise<void> {
  const route = routeOf(new URL(location.href));
  if (!route) return;
  if (route.embed) document.documentElement.classList.add('embed');
  let portal = inlinePortal();
  const lang = chooseLanguage(portal?.languages ?? LANGUAGES, portal?.defaultLanguage ?? 'en');
  await loadLanguage(lang);
  try {
    if (!portal || portal.language !== lang) portal = await api.portal(route.slug);
  } catch (error) {
    if (!portal) {
      const message = error instanceof ApiError && error.code === 'network_error' ? t('errorNetwork') : t('errorPortalNotFound');
      root.innerHTML = '';
      const p = document.createElement('p');
      p.className = 'boot-error';
      p.setAttribute('role', 'alert');
      p.textContent = message;
      root.append(p);
      return;
    }
  }
  applyTheme(themeOf(portal.brand.colors));
  render(<App route={route} initialPortal={portal} initialLang={lang} />, root);
}

const root = document.getElementById('app');
if (root) void boot(root);
