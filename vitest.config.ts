import { configDefaults, defineConfig } from 'vitest/config';

const include = ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'];
// Files that change process-wide state a later file in the same worker would see: they keep a fresh
// module graph and process of their own. sqlite-addon.test.ts points RETOUR_SQLITE_ADDON at other addons.
const isolated = ['packages/db/test/sqlite-addon.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      // Every other file builds its own app, database and fake servers, and leaves no mocks, timers, env
      // changes or listeners behind, so the files share one module graph per worker (isolate: false):
      // the server's import graph (Fastify, zod contracts, Kysely, pdfkit …) is loaded once per worker
      // instead of once per file (Vitest's `import` ~100 s → ~10 s per engine).
      { extends: true, test: { name: 'shared', include, exclude: [...configDefaults.exclude, ...isolated], isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
