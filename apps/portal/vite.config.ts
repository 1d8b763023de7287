// Builds the customer portal into apps/portal/dist; the server serves it at /r/{slug} and its
// hashed files at /r/assets/*. Message catalogues are compiled to ICU ASTs here, so the browser
// bundle carries intl-messageformat's formatter but not its parser.
import { fileURLToPath } from 'node:url';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { defineConfig, type Plugin } from 'vite';
import de from './src/messages/de.ts';
import en from './src/messages/en.ts';
import fr from './src/messages/fr.ts';
import it from './src/messages/it.ts';
import nl from './src/messages/nl.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const CATALOGUES: Record<string, Record<string, string>> = { en, nl, fr, de, it };

function argumentNames(ast: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of ast) {
    if ('value' in el && el.type !== 0 && typeof el.value === 'string') into.add(el.value);
    if ('options' in el) for (const option of Object.values(el.options)) argumentNames(option.value, into);
  }
  return into;
}

/** Every catalogue has exactly the English keys and the same arguments per message; emits ASTs. */
function compileCatalogue(lang: string): Record<string, string | MessageFormatElement[]> {
  const catalogue = CATALOGUES[lang] ?? {};
  const out: Record<string, string | MessageFormatElement[]> = {};
  const extra = Object.keys(catalogue).filter((k) => !(k in en));
  if (extra.length > 0) throw new Error(`messages/${lang}.ts has keys that en.ts lacks: ${extra.join(', ')}`);
  for (const [key, english] of Object.entries(en)) {
    const text = catalogue[key];
    if (text === undefined) throw new Error(`messages/${lang}.ts lacks "${key}"`);
    const ast = parse(text, { ignoreTag: true });
    const want = [...argumentNames(parse(english, { ignoreTag: true }))].sort().join();
    const got = [...argumentNames(ast)].sort().join();
    if (want !== got) throw new Error(`messages/${lang}.ts "${key}" uses {${got}} but en.ts uses {${want}}`);
    const only = ast[0];
    out[key] = ast.length === 0 ? '' : ast.length === 1 && only?.type === 0 ? only.value : ast;
  }
  return out;
}

function precompiledMessages(): Plugin {
  return {
    name: 'retour-precompiled-messages',
    enforce: 'pre',
    load(id) {
      const match = /[\\/]src[\\/]messages[\\/](en|nl|fr|de|it)\.ts$/.exec(id);
      if (!match?.[1]) return null;
      return `export default ${JSON.stringify(compileCatalogue(match[1]))};`;
    },
  };
}

export default defineConfig({
  root,
  base: '/r/',
  publicDir: false,
  plugins: [precompiledMessages()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
