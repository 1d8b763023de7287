// The built customer portal (apps/portal/dist) in memory: index.html as a template, hashed assets
// compressed once, and the pages made from them (the portal, its friendly 404, "not built yet").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { PublicPortal } from '@retour/contracts/portal';
import type { Language } from '@retour/domain/reasons';
import { localise } from './portal-messages.ts';

export type Asset = { type: string; body: Buffer; gzip: Buffer; br: Buffer };
export type PortalSite = { template: string; assets: Map<string, Asset>; languageChunks: Map<string, string>; css: string[] };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

type ManifestEntry = { file: string; src?: string; css?: string[]; isEntry?: boolean };

/** Reads the build; null when it is missing (the server then says how to build it). */
export function loadPortalSite(distDir: string): PortalSite | null {
  const indexPath = join(distDir, 'index.html');
  const assetsDir = join(distDir, 'assets');
  if (!existsSync(indexPath) || !existsSync(assetsDir)) return null;
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(assetsDir)) {
    const body = readFileSync(join(assetsDir, name));
    assets.set(name, {
      type: TYPES[extname(name)] ?? 'application/octet-stream',
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body),
    });
  }
  const languageChunks = new Map<string, string>();
  const css: string[] = [];
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
    for (const entry of Object.values(manifest)) {
      const lang = /messages\/([a-z]{2})\.ts$/.exec(entry.src ?? '')?.[1];
      if (lang) languageChunks.set(lang, entry.file);
      if (entry.isEntry) css.push(...(entry.css ?? []));
    }
  }
  return { template: readFileSync(indexPath, 'utf8'), assets, languageChunks, css };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: nothing in it can close the element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const RETURNS: Record<Language, string> = { en: 'Returns', nl: 'Retourneren', fr: 'Retours', de: 'Retouren', it: 'Resi' };
const NO_SCRIPT: Record<Language, string> = {
  en: 'This returns portal needs JavaScript. Please turn it on, or contact the shop to return your items.',
  nl: 'Dit retourportaal heeft JavaScript nodig. Zet het aan, of neem contact op met de winkel om je artikelen te retourneren.',
  fr: 'Ce portail de retour a besoin de JavaScript. Activez-le ou contactez la boutique pour retourner vos articles.',
  de: 'Dieses Retourenportal benötigt JavaScript. Bitte aktivieren Sie es oder wenden Sie sich für Ihre Rücksendung an den Shop.',
  it: 'Questo portale resi richiede JavaScript. Attivalo oppure contatta il negozio per restituire i tuoi articoli.',
};
const NOT_FOUND_TITLE: Record<Language, string> = {
  en: 'Page not found',
  nl: 'Pagina niet gevonden',
  fr: 'Page introuvable',
  de: 'Seite nicht gefunden',
  it: 'Pagina non trovata',
};

export function portalHtml(site: PortalSite, portal: PublicPortal): string {
  const lang = portal.language;
  const chunk = site.languageChunks.get(lang);
  const head = [
    `<meta name="theme-color" content="${escapeHtml(portal.brand.colors.primary)}">`,
    chunk ? `<link rel="modulepreload" crossorigin href="/r/${escapeHtml(chunk)}">` : '',
  ].join('');
  const body = `<script id="portal-data" type="application/json">${scriptJson(portal)}</script><noscript><p class="boot-error">${escapeHtml(NO_SCRIPT[lang])}</p></noscript>`;
  return site.template
    .replace('<html lang="en">', `<html lang="${lang}">`)
    .replace('<title>Returns</title>', `<title>${escapeHtml(`${RETURNS[lang]} – ${portal.brand.name}`)}</title>`)
    .replace('<!--retour:head-->', head)
    .replace('<!--retour:body-->', body);
}

export function notFoundHtml(site: PortalSite | null, lang: Language): string {
  const styles = (site?.css ?? []).map((file) => `<link rel="stylesheet" href="/r/${escapeHtml(file)}">`).join('');
  const message = localise('portal_not_found', 'There is no returns portal at this address. Check the link you were given.', lang);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(NOT_FOUND_TITLE[lang])}</title>${styles}</head><body><div class="page"><main class="card"><h1>${escapeHtml(NOT_FOUND_TITLE[lang])}</h1><p>${escapeHtml(message)}</p></main></div></body></html>`;
}

export const NOT_BUILT_MESSAGE =
  'The customer portal has not been built yet. Run `npm run build` in the repository root (it runs `vite build --config apps/portal/vite.config.ts`), then reload this page. (`npm start` builds it for you.)';

export function notBuiltHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal not built</title></head><body><h1>Portal not built</h1><p>${escapeHtml(NOT_BUILT_MESSAGE)}</p></body></html>`;
}

/** The frame-ancestors policy of one portal: its own origin plus the merchant's allowed sites. */
export function portalCsp(frameAncestors: readonly string[]): string {
  const ancestors = ["'self'", ...frameAncestors.filter((o) => /^https?:\/\/[a-z0-9.:[\]-]+$/i.test(o))].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // blob: the shopper's own photos, previewed from the chosen file before and after upload.
    "img-src 'self' https: data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
