import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The test files share one module graph per worker process instead of a fresh one each: the server's
    // import graph (Fastify, zod contracts, Kysely, pdfkit …) is loaded once per worker, not once per file
    // (Vitest's `import` ~100 s → ~11 s per engine). Every file builds its own app, database and fake
    // servers and leaves no mocks, fake timers, process.env changes or listeners behind; a file that must
    // change process-wide state restores it in afterEach (packages/db/test/sqlite-addon.test.ts).
    isolate: false,
  },
});
