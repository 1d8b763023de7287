// `npm run bench`: a fresh database with the bench merchant (bench/setup.ts), the real server on it,
// N orders (default 1,000,000; BENCH_ORDERS) sent through `POST /api/v1/orders` as a shop sends
// them (bench/load.ts: that load is the import figure), then autocannon: hello-world
// (/api/health), portal lookup hits and misses, return creation. Prints req/s, p99 and the ratio
// to hello-world, the import's orders/s and the server's peak RSS. Nothing is written around the
// API and no statistics are gathered that a merchant's database would not get.
// Usage: tsx bench/run.ts <sqlite|postgres>   (postgres reads TEST_DATABASE_URL)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { loadOrders } from './load.ts';
import { BENCH_SLUG, orderNumberFor, postalFor, setupMerchant } from './setup.ts';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PORT = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;
const dir = resolve('bench/results');
mkdirSync(dir, { recursive: true });

function databaseUrl(): string {
  if (dialect === 'sqlite') {
    const file = resolve(dir, 'bench.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('postgres bench needs TEST_DATABASE_URL (run through scripts/with-postgres.sh)');
  return url;
}

async function startServer(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['apps/server/bin/retour.mjs', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      RETOUR_DEMO: '0',
      RETOUR_TRUSTED_PROXIES: '127.0.0.1',
      SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const random = (n: number) => Math.floor(Math.random() * n);
const json = { 'content-type': 'application/json' };

type Result = { name: string; rps: number; p99: number; non2xx: number; unit?: string };

async function measure(name: string, opts: Partial<autocannon.Options> & { path: string }, expect2xx = true): Promise<Result> {
  const { path, ...rest } = opts;
  const r = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, ...rest } as autocannon.Options);
  const result = { name, rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
  if (expect2xx && result.non2xx > 0) console.warn(`  ${name}: ${result.non2xx} non-2xx answers or errors`);
  return result;
}

async function tokensFor(count: number, offset: number): Promise<{ token: string; itemId: string }[]> {
  const out: { token: string; itemId: string }[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
        const n = offset + i + j;
        const res = await fetch(`${base}/api/portal/${BENCH_SLUG}/lookup`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ orderNumber: orderNumberFor(n), postalCode: postalFor(n) }),
        });
        const body = (await res.json()) as { token: string; order: { items: { id: string }[] } };
        if (!res.ok) throw new Error(`lookup for bench tokens failed: ${JSON.stringify(body)}`);
        return { token: body.token, itemId: body.order.items[0]?.id ?? '' };
      }),
    );
    out.push(...batch);
  }
  return out;
}

async function main() {
  console.log(
    `Retour bench on ${dialect}: ${ORDERS.toLocaleString('en')} orders, autocannon ${CONNECTIONS} connections × ${DURATION} s per scenario`,
  );
  const url = databaseUrl();
  const { apiKey } = await setupMerchant(url);
  const server = await startServer(url);
  const results: Result[] = [];
  try {
    let shown = 0;
    const load = await loadOrders(base, apiKey, ORDERS, Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 4), (done) => {
      if (done - shown >= 50_000 || done === ORDERS) {
        shown = done;
        process.stderr.write(`\r  imported ${done.toLocaleString('en')} / ${ORDERS.toLocaleString('en')} orders`);
      }
    });
    process.stderr.write(` in ${load.seconds.toFixed(0)} s\n`);
    const importPeak = statusMb(server.pid as number, 'VmHWM');
    await measure('warm-up', { path: '/api/health', duration: 3 });
    results.push(await measure('hello-world (GET /api/health)', { path: '/api/health' }));
    const lookupPath = `/api/portal/${BENCH_SLUG}/lookup`;
    results.push(
      await measure('portal lookup, hit', {
        method: 'POST',
        path: lookupPath,
        headers: json,
        requests: [
          {
            setupRequest: (req) => {
              const n = random(ORDERS);
              return { ...req, body: JSON.stringify({ orderNumber: orderNumberFor(n), postalCode: postalFor(n) }) };
            },
          },
        ],
      }),
    );
    results.push(
      await measure(
        'portal lookup, miss (404)',
        {
          method: 'POST',
          path: lookupPath,
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                headers: { ...json, 'x-forwarded-for': `10.${random(255)}.${random(255)}.${random(255)}` },
                body: JSON.stringify({ orderNumber: `NOPE${random(1e9)}`, postalCode: '9999 ZZ' }),
              }),
            },
          ],
        },
        false,
      ),
    );

    const tokens = await tokensFor(Math.min(Math.floor(ORDERS / 2), 40_000), Math.floor(ORDERS / 2));
    let next = 0;
    results.push(
      await measure('return creation', {
        method: 'POST',
        path: `/api/portal/${BENCH_SLUG}/returns`,
        requests: [
          {
            setupRequest: (req) => {
              const t = tokens[next++ % tokens.length] as { token: string; itemId: string };
              return {
                ...req,
                headers: { ...json, authorization: `Bearer ${t.token}` },
                body: JSON.stringify({
                  items: [{ orderItemId: t.itemId, quantity: 1, reason: 'too_small' }],
                  method: 'drop_off',
                  carrier: 'sandbox',
                  resolution: 'refund',
                  contact: { email: 'b@example.com' },
                  language: 'en',
                }),
              };
            },
          },
        ],
      }),
    );
    if (next > tokens.length)
      console.warn(`  return creation reused tokens (${next} requests for ${tokens.length} orders): later ones were refused`);

    results.push({
      name: `order import via API (${ORDERS.toLocaleString('en')} orders, 1,000 per request, 4 at once)`,
      rps: load.ordersPerSecond,
      p99: 0,
      non2xx: 0,
      unit: 'orders/s',
    });

    const rss = statusMb(server.pid as number, 'VmRSS');
    const peak = statusMb(server.pid as number, 'VmHWM');
    const hello = results[0]?.rps ?? 1;
    const rows = results.map((r) => ({ ...r, ratio: r.unit ? null : r.rps / hello }));
    console.log(`\n| scenario (${dialect}, ${ORDERS.toLocaleString('en')} orders) | req/s | p99 ms | ratio to hello-world |`);
    console.log('|---|---:|---:|---:|');
    for (const r of rows)
      console.log(
        `| ${r.name} | ${Math.round(r.rps).toLocaleString('en')}${r.unit ? ` ${r.unit}` : ''} | ${r.unit ? '—' : r.p99} | ${r.ratio === null ? '—' : r.ratio.toFixed(3)} |`,
      );
    console.log(
      `| server peak RSS: during the import / whole run; RSS at the end | ${importPeak.toFixed(0)} / ${peak.toFixed(0)} MB; ${rss.toFixed(0)} MB | | |`,
    );
    writeFileSync(
      resolve(dir, `${dialect}.json`),
      JSON.stringify(
        { dialect, orders: ORDERS, rows, rssMb: rss, peakRssMb: peak, importPeakRssMb: importPeak, at: new Date().toISOString() },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
