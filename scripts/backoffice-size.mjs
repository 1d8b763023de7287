// Prints the back office's bundle sizes (gzip) and checks the budget: the JS loaded at start (the
// entry chunk, its static imports and the message catalogue of the user's language — counted as
// the largest one) must stay within 80 kB gzip; settings and insights are separate chunks loaded on
// demand. Run `npm run build:admin` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 80_000;
const dist = join(import.meta.dirname, '..', 'apps', 'backoffice', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('apps/backoffice/dist is missing: run `npm run build:admin` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

const [entryKey] = Object.entries(manifest).find(([, e]) => e.isEntry) ?? [];
if (!entryKey) throw new Error('no entry in the Vite manifest');
const initial = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) walk(imported);
};
walk(entryKey);
const catalogues = Object.values(manifest)
  .filter((e) => /messages\/[a-z]{2}\.ts$/.test(e.src ?? ''))
  .map((e) => ({ lang: /messages\/([a-z]{2})\.ts$/.exec(e.src)[1], gzip: gzip(e.file) }))
  .sort((a, b) => b.gzip - a.gzip);
const worst = catalogues[0] ?? { lang: 'none', gzip: 0 };
const initialJs = [...initial].reduce((t, f) => t + gzip(f), 0) + worst.gzip;
const css = (manifest[entryKey].css ?? []).reduce((t, f) => t + gzip(f), 0);
console.log(`initial JS  ${kb(initialJs)} gzip, with the largest catalogue (${worst.lang}) (budget ${kb(BUDGET)})`);
console.log(`CSS         ${kb(css)} gzip`);
for (const chunk of Object.values(manifest).filter((e) => e.isDynamicEntry)) console.log(`lazy ${chunk.src}  ${kb(gzip(chunk.file))} gzip`);
if (initialJs > BUDGET) {
  console.error('Over budget.');
  process.exit(1);
}
