// Where the time goes: runs one scenario in-process under the V8 profiler and prints the time
// per operation and the functions that spent it (self time, grouped by package).
// Usage: tsx bench/profile.ts <lookup|create|import|reimport> [orders=50000] [operations=2000]
// `import` sends batches of 1,000 new orders, `reimport` the same 1,000 known orders again (one
// price changed). On PostgreSQL: TEST_DATABASE_URL=… (e.g. under scripts/with-postgres.sh).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { openDatabase } from '@retour/db/database';
import type { Database } from '@retour/db/schema';
import { migrateToLatest } from '@retour/db/migrate';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import type { Ctx } from '../apps/server/src/context.ts';
import { JOBS } from '../apps/server/src/composition.ts';
import { importOrders } from '../apps/server/src/use-cases/orders/import-orders.ts';
import { lookupOrder } from '../apps/server/src/use-cases/portal/lookup-order.ts';
import { requestReturn } from '../apps/server/src/use-cases/portal/request-return.ts';
import { BATCH, ordersBody } from './load.ts';
import { BENCH_SLUG, benchCtx, orderNumberFor, postalFor, setupMerchant } from './setup.ts';

const [scenario = 'lookup', ordersArg = '50000', opsArg = '2000'] = process.argv.slice(2);
const ORDERS = Number(ordersArg);
const OPS = Number(opsArg);
const file = resolve(`bench/results/profile-api-${ORDERS}.sqlite`);
const pgUrl = process.env.TEST_DATABASE_URL;
let reimportBatches = 1;

/** A fresh bench database: the merchant set up, then its orders through the import use case (as the API does). */
async function prepare(url: string) {
  const { merchantId } = await setupMerchant(url);
  const handle = openDatabase(url);
  const ctx = benchCtx(handle);
  const placedAt = new Date(Date.now() - 2 * 86_400_000);
  for (let start = 0; start < ORDERS; start += BATCH) {
    const { orders } = JSON.parse(ordersBody(start, Math.min(BATCH, ORDERS - start), placedAt)) as { orders: unknown[] };
    const result = await importOrders(ctx, merchantId, orders);
    if (result.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(result.failed[0])}`);
  }
  await handle.close();
}

async function main() {
  if (!pgUrl && !existsSync(file)) await prepare(`file:${file}`);
  const handle = openDatabase(pgUrl ?? `file:${file}`);
  await migrateToLatest(handle.db);
  if (pgUrl && !(await handle.db.selectFrom('portals').select('id').where('slug', '=', BENCH_SLUG).executeTakeFirst())) {
    await prepare(pgUrl);
  }
  // Counts the statements each operation sends (every Kysely query passes through a plugin).
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries++;
      return args.result;
    },
  };
  const ctx: Ctx = {
    db: handle.db.withPlugin(counter),
    dialect: handle.dialect,
    now: () => new Date(),
    carriers: createCarrierRegistry(),
    providers: providerEndpoints(),
    secret: Buffer.from('profile'),
    publicUrl: 'http://p',
    jobs: JOBS,
  };
  const merchantId = (await handle.db.selectFrom('portals').select('merchantId').where('slug', '=', BENCH_SLUG).executeTakeFirstOrThrow())
    .merchantId;
  const pick = () => Math.floor(Math.random() * ORDERS);
  const find = (n: number) => lookupOrder(ctx, BENCH_SLUG, { orderNumber: orderNumberFor(n), postalCode: postalFor(n) }, '10.0.0.1', 'en');

  let op: (i: number) => Promise<unknown>;
  let perOp = 1;
  if (scenario === 'lookup') op = () => find(pick());
  else if (scenario === 'create') {
    const tokens: Awaited<ReturnType<typeof find>>[] = [];
    for (let i = 0; i < OPS + 50; i++) tokens.push(await find((i * 7919) % ORDERS));
    op = (i) => {
      const t = tokens[i] as Awaited<ReturnType<typeof find>>;
      return requestReturn(ctx, BENCH_SLUG, `Bearer ${t.token}`, {
        items: [{ orderItemId: t.order.items[0]?.id as string, quantity: 1, reason: 'too_small' }],
        method: 'drop_off',
        carrier: 'sandbox',
        resolution: 'refund',
        contact: { email: 'p@example.com' },
        language: 'en',
      });
    };
  } else if (scenario === 'import' || scenario === 'reimport') {
    perOp = 1000;
    const now = new Date().toISOString();
    const run = `${Date.now()}`;
    op = (i) =>
      importOrders(
        ctx,
        merchantId,
        Array.from({ length: 1000 }, (_, k) => ({
          integration: 'profile',
          // reimport: batch i holds the same 1,000 orders on every round (warm-up creates them)
          externalId: scenario === 'reimport' ? `r-${run}-${i % reimportBatches}-${k}` : `p-${run}-${i}-${k}`,
          orderNumber: `P${i}-${k}`,
          placedAt: now,
          currency: 'EUR',
          customer: { name: 'P', email: 'p@example.com' },
          shippingAddress: { name: 'P', street: 'Damrak', houseNumber: '1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' },
          items: [0, 1, 2].map((x) => ({
            externalId: `l${x}`,
            sku: `S${x}`,
            name: `Product ${x}`,
            quantity: 1,
            unitPrice: { value: x === 0 ? `${10 + (i % 50)}.95` : '19.95', currency: 'EUR' },
          })),
          shipments: [{ carrier: 'sandbox', trackingNumber: `PT${i}X${k}`, shippedAt: now }],
        })),
      );
  } else throw new Error(`unknown scenario ${scenario}`);

  const ops = scenario === 'import' || scenario === 'reimport' ? Math.max(1, Math.floor(OPS / 100)) : OPS;
  reimportBatches = Math.max(1, Math.ceil(ops / 2));
  // warm-up (reimport: creates the orders, ops/2 batches of them so each is re-imported twice)
  if (scenario === 'reimport') for (let i = 0; i < reimportBatches; i++) await op(i + reimportBatches);
  else for (let i = 0; i < Math.min(50, ops); i++) await op(i + ops);
  // PROFILE=0: no sampling profiler (it costs CPU of its own), only the figures per operation.
  const sampling = process.env.PROFILE !== '0';
  const session = new Session();
  session.connect();
  if (sampling) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  queries = 0;
  const serverCpu = pgUrl ? await postgresCpuMs(handle.db) : 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ops; i++) await op(i);
  const perOpQueries = queries / ops;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000 / ops;
  const serverMs = pgUrl ? ((await postgresCpuMs(handle.db)) - serverCpu) / ops : 0;
  const ms = performance.now() - started;
  console.log(
    `${scenario}: ${ops} operations, ${(ms / ops).toFixed(3)} ms each, ${Math.round((ops * perOp * 1000) / ms).toLocaleString('en')} ${perOp > 1 ? 'orders' : 'operations'}/s on one core, ${perOpQueries.toFixed(1)} statements each, ${cpuMs.toFixed(3)} ms CPU each${pgUrl ? ` (+ ${serverMs.toFixed(3)} ms in the PostgreSQL server processes)` : ''} (busy machines inflate wall time, less so CPU time)`,
  );
  if (!sampling) return handle.close();
  const { profile } = await session.post('Profiler.stop');

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const d = deltas[i] ?? 0;
    total += d;
    const url = node.callFrame.url;
    const where = url.includes('node_modules/')
      ? (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
      : url.includes('/packages/') || url.includes('/apps/')
        ? `retour:${/(packages|apps)\/([^/]+)/.exec(url)?.[2]}`
        : url
          ? 'node'
          : node.callFrame.functionName.startsWith('(')
            ? node.callFrame.functionName
            : 'native';
    groups.set(where, (groups.get(where) ?? 0) + d);
    const key = `${node.callFrame.functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  const pct = (v: number) => `${((v / total) * 100).toFixed(1).padStart(5)}%`;
  console.log('\nself time by package:');
  for (const [k, v] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(v)}  ${k}`);
  console.log('\ntop functions (self time):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 15)))
    console.log(`  ${pct(v)}  ${k}`);
  await handle.close();
}

/**
 * CPU time (ms) of the PostgreSQL server serving `db` so far: its postmaster and every process it
 * started (connection backends, WAL writer…), read from /proc (Linux, same machine).
 */
async function postgresCpuMs(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  const stat = (pid: string | number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const postmaster = stat(rows[0]?.pid as number)[1];
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const f = stat(pid);
      if (pid === postmaster || f[1] === postmaster) total += (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
