// Builds the merchant back office into apps/backoffice/dist; the server serves it at /admin (every
// /admin/* path gets index.html, History API routing) and its hashed files at /admin/assets/*.
// Message catalogues are compiled to ICU ASTs here (scripts/icu-messages.ts, shared with the
// portal), so the browser bundle carries intl-messageformat's formatter but not its parser.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { noParserAlias, precompiledMessages } from '../../scripts/icu-messages.ts';
import de from './src/messages/de.ts';
import en from './src/messages/en.ts';
import fr from './src/messages/fr.ts';
import it from './src/messages/it.ts';
import nl from './src/messages/nl.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  publicDir: false,
  plugins: [precompiledMessages({ en, nl, fr, de, it })],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: [noParserAlias] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
