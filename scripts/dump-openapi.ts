// Writes the served OpenAPI document (GET /api/openapi.json on an in-process app over an
// in-memory SQLite database; nothing listens) to the path given as the first argument, or stdout.
import { writeFileSync } from 'node:fs';
import { openTestDatabase } from '@retour/db/testing';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { buildApp } from '../apps/server/src/app.ts';
import { JOBS } from '../apps/server/src/composition.ts';

process.env.TEST_DB = 'sqlite';
const handle = await openTestDatabase();
const app = await buildApp({
  db: handle.db,
  dialect: handle.dialect,
  now: () => new Date(),
  carriers: createCarrierRegistry(),
  providers: providerEndpoints(),
  secret: Buffer.from('openapi-dump-only-not-a-real-secret-0000'),
  publicUrl: 'http://localhost:3000',
  jobs: JOBS,
});
const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
await app.close();
await handle.close();
if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}: ${res.body}`);
const text = `${JSON.stringify(res.json(), null, 2)}\n`;
if (process.argv[2]) writeFileSync(process.argv[2], text);
else process.stdout.write(text);
