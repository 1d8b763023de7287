// Production build of the server (`npm run build`): the `retour` CLI and everything it imports from
// apps/server and packages/* bundled by esbuild into apps/server/dist/cli/, so that `retour serve`
// runs plain JavaScript with no TypeScript transpiler in the process (tsx's loader thread and its
// per-file transforms cost ~30 MB and most of the start-up time on Node 20).
// - npm packages stay external (loaded from node_modules as usual: native addons, font files, …);
//   only the workspace's own TypeScript (@retour/*, relative imports) is bundled.
// - Code that finds files next to itself (`new URL('../x', import.meta.url)`, createRequire) keeps
//   finding them: in each bundled file `import.meta.url` is rewritten to that file's own URL,
//   expressed relative to the bundle, so the build still works when the checkout is moved.
// - Dynamic imports become chunks loaded on first use (the document renderers: see documents.ts).
// bin/retour.mjs uses the build when it is there and no source is newer (see its header).
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
/** `node scripts/build-server.mjs [folder]`: elsewhere than apps/server/dist/cli (tests build a copy of their own). */
const OUT_DIR = resolve(ROOT, process.argv[2] ?? 'apps/server/dist/cli');

/** Bare imports other than the workspace's own packages stay imports of node_modules. */
const externalPackages = {
  name: 'external-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@retour/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` of a bundled file = that file's own URL, relative to the bundle's location. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromBundle = relative(OUT_DIR, args.path).split(sep).join('/');
      const own = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

const started = Date.now();
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'apps/server/src/cli/main.ts' },
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [externalPackages, ownImportMetaUrl],
});
const code = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
const bytes = code.reduce((sum, [, o]) => sum + o.bytes, 0);
const files = code.length;
console.log(`server build: ${files} files, ${Math.round(bytes / 1024)} kB in ${relative(ROOT, OUT_DIR)} (${Date.now() - started} ms)`);
