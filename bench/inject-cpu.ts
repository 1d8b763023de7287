// CPU per request through the whole Fastify app (hooks, validation, serializer) without sockets:
// GET /api/health, a portal lookup hit and a miss, measured with process.cpuUsage (issue #12).
// Usage: tsx bench/inject-cpu.ts [orders=2000] [requests=3000] — uses bench/profile.ts's database
// (run `npx tsx bench/profile.ts lookup <orders> 100` first to create it).
import { resolve } from 'node:path';
import { openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { buildApp } from '../apps/server/src/app.ts';
import { BENCH_SLUG, benchCtx, orderNumberFor, postalFor } from './setup.ts';

const [ordersArg = '2000', nArg = '3000'] = process.argv.slice(2);
const ORDERS = Number(ordersArg);
const N = Number(nArg);
const handle = openDatabase(`file:${resolve(`bench/results/profile-api-${ORDERS}.sqlite`)}`);
await migrateToLatest(handle.db);
const app = await buildApp(benchCtx(handle));
const url = `/api/portal/${BENCH_SLUG}/lookup`;
const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const cases: [string, (i: number) => Promise<{ statusCode: number }>, number][] = [
  ['health', () => app.inject({ method: 'GET', url: '/api/health' }), 200],
  [
    'lookup hit',
    (i) =>
      app.inject({
        method: 'POST',
        url,
        remoteAddress: ip(i),
        payload: { orderNumber: orderNumberFor(i % ORDERS), postalCode: postalFor(i % ORDERS) },
      }),
    200,
  ],
  [
    'lookup miss',
    (i) => app.inject({ method: 'POST', url, remoteAddress: ip(i + 1_000_000), payload: { orderNumber: `X${i}`, postalCode: '1000 AA' } }),
    404,
  ],
];
for (const [name, run, status] of cases) {
  for (let i = 0; i < 300; i++) await run(i + 5_000_000);
  const before = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const res = await run(i);
    if (res.statusCode !== status) throw new Error(`${name}: ${res.statusCode}`);
  }
  const used = process.cpuUsage(before);
  console.log(`${name}: ${((used.user + used.system) / N).toFixed(1)} µs CPU per request`);
}
await app.close();
await handle.close();
