// Prints the customer portal's bundle sizes (gzip, as served) and checks the budget: the JS and CSS
// a shopper downloads for the start page — the entry chunk, its static imports and the message
// catalogue of their language — must stay within 25 kB and 10 kB gzip. Run `npm run build` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const BUDGET = { js: 25_000, css: 10_000 };
const dist = join(import.meta.dirname, '..', 'apps', 'portal', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('apps/portal/dist is missing: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const sizes = (file) => {
  const body = readFileSync(join(dist, file));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, br: brotliCompressSync(body).length };
};
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

const [entryKey, entry] = Object.entries(manifest).find(([, e]) => e.isEntry) ?? [];
if (!entry) throw new Error('no entry in the Vite manifest');
const statics = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || statics.has(chunk.file)) return;
  statics.add(chunk.file);
  for (const imported of chunk.imports ?? []) walk(imported);
};
walk(entryKey);
const css = new Set([...(entry.css ?? [])]);
for (const key of Object.keys(manifest)) if (statics.has(manifest[key].file)) for (const f of manifest[key].css ?? []) css.add(f);

const languages = Object.values(manifest)
  .filter((e) => /messages\/[a-z]{2}\.ts$/.test(e.src ?? ''))
  .map((e) => ({ lang: /messages\/([a-z]{2})\.ts$/.exec(e.src)[1], file: e.file, ...sizes(e.file) }));
const lazy = Object.values(manifest).filter((e) => e.isDynamicEntry && !/messages\//.test(e.src ?? ''));

const sum = (files) => [...files].reduce((t, f) => t + sizes(f).gzip, 0);
const entryGzip = sum(statics);
const cssGzip = sum(css);

console.log('Customer portal bundle (gzip -9, as the server sends it)\n');
for (const file of statics)
  console.log(`  initial JS   ${file.padEnd(34)} ${kb(sizes(file).gzip).padStart(9)}  (${kb(sizes(file).raw)} raw)`);
for (const l of languages) console.log(`  messages ${l.lang}  ${l.file.padEnd(34)} ${kb(l.gzip).padStart(9)}  (${kb(l.raw)} raw)`);
for (const file of css) console.log(`  CSS          ${file.padEnd(34)} ${kb(sizes(file).gzip).padStart(9)}  (${kb(sizes(file).raw)} raw)`);
for (const e of lazy)
  console.log(
    `  after lookup ${e.file.padEnd(34)} ${kb(sizes(e.file).gzip).padStart(9)}  (${kb(sizes(e.file).raw)} raw, loaded when the browser is idle)`,
  );

const worst = languages.reduce((w, l) => (l.gzip > w.gzip ? l : w), { gzip: 0, lang: '-' });
const initialJs = entryGzip + worst.gzip;
console.log('');
console.log(`Initial JS (entry + largest catalogue, ${worst.lang}): ${kb(initialJs)} gzip  (budget ${kb(BUDGET.js)})`);
for (const l of languages) console.log(`  with ${l.lang}: ${kb(entryGzip + l.gzip)}`);
console.log(`Initial CSS: ${kb(cssGzip)} gzip  (budget ${kb(BUDGET.css)})`);
console.log(`Whole journey JS (initial + later steps): ${kb(initialJs + lazy.reduce((t, e) => t + sizes(e.file).gzip, 0))} gzip`);
const over = initialJs > BUDGET.js || cssGzip > BUDGET.css;
console.log(over ? '\nOVER BUDGET' : '\nWithin budget.');
process.exit(over ? 1 : 0);
