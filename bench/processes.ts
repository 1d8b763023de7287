// `retour serve` on 1 and then 2 processes (WEB_CONCURRENCY, issue #12 item 6): the same database,
// orders imported through the merchant API as a shop does, then autocannon on GET /api/health and
// on the portal lookup (hits), per process count: req/s, p99, and the RSS of all the processes.
// Usage: tsx bench/processes.ts <sqlite|postgres>   (postgres reads TEST_DATABASE_URL)
//        BENCH_ORDERS (default 20,000), BENCH_SECONDS per scenario (default 10), BENCH_PROCESSES (default "1,2").
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const COUNTS = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const CONNECTIONS = 50;
const BATCH = 1_000;
const PORT = 3800 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;
const dir = resolve('bench/results');
mkdirSync(dir, { recursive: true });

function databaseUrl(): string {
  if (dialect === 'sqlite') {
    const file = resolve(dir, 'processes.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('postgres bench needs TEST_DATABASE_URL (run through scripts/with-postgres.sh)');
  return url;
}

type Server = { child: ChildProcess; output: () => string };

async function startServer(url: string, processes: number): Promise<Server> {
  const child = spawn(process.execPath, ['apps/server/bin/retour.mjs', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      WEB_CONCURRENCY: String(processes),
      SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  const ready = processes > 1 ? `(${processes} processes)` : 'Retour';
  for (let i = 0; i < 600; i++) {
    if (
      (await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)) &&
      (processes === 1 || out.includes(ready))
    )
      return { child, output: () => out };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${out}`);
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((done) => server.child.on('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}

/** RSS of a process and its children (the cluster's workers), in MB. */
function treeRssMb(pid: number): number {
  const rss = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {}
  return rss(pid) + children.reduce((sum, child) => sum + treeRssMb(child), 0);
}

const postalFor = (n: number) => `${1000 + (n % 9000)} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}`;
const orderNumberFor = (n: number) => `P${n}`;

async function importOrders(apiKey: string): Promise<void> {
  const placedAt = new Date().toISOString();
  for (let start = 0; start < ORDERS; start += BATCH) {
    const orders = [];
    for (let n = start; n < Math.min(ORDERS, start + BATCH); n++) {
      orders.push({
        integration: 'bench',
        externalId: `p-${n}`,
        orderNumber: orderNumberFor(n),
        placedAt,
        currency: 'EUR',
        customer: { name: 'Sanne de Vries', email: `shopper${n}@example.com` },
        shippingAddress: {
          name: 'Sanne de Vries',
          street: 'Prinsengracht',
          houseNumber: String(n % 400),
          postalCode: postalFor(n),
          city: 'Amsterdam',
          country: 'NL',
        },
        items: [
          { externalId: 'l1', sku: 'TS-M', name: 'T-shirt', quantity: 2, unitPrice: { value: '29.95', currency: 'EUR' } },
          { externalId: 'l2', sku: 'JN-32', name: 'Jeans', quantity: 1, unitPrice: { value: '89.00', currency: 'EUR' } },
        ],
        shipments: [{ carrier: 'sandbox', trackingNumber: `PT${n}`, shippedAt: placedAt }],
      });
    }
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ orders }),
    });
    if (!res.ok) throw new Error(`order import failed: ${res.status} ${await res.text()}`);
  }
}

type Result = { processes: number; health: number; lookup: number; lookupP99: number; rssMb: number };

async function run(path: string, opts: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  const r = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, ...opts } as autocannon.Options);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r;
}

async function measure(url: string, processes: number): Promise<Result> {
  const server = await startServer(url, processes);
  try {
    await run('/api/health', { duration: 2 });
    const health = await run('/api/health');
    const random = (n: number) => Math.floor(Math.random() * n);
    const lookup = await run('/api/portal/demo/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            const n = random(ORDERS);
            return { ...req, body: JSON.stringify({ orderNumber: orderNumberFor(n), postalCode: postalFor(n) }) };
          },
        },
      ],
    });
    const rssMb = treeRssMb(server.child.pid as number);
    return { processes, health: health.requests.average, lookup: lookup.requests.average, lookupP99: lookup.latency.p99, rssMb };
  } finally {
    await stop(server);
  }
}

async function main() {
  console.log(
    `Retour on 1 vs 2 processes, ${dialect}: ${ORDERS.toLocaleString('en')} orders imported through the API, ${CONNECTIONS} connections × ${DURATION} s`,
  );
  const url = databaseUrl();
  const first = await startServer(url, 1);
  const apiKey = /API key:\s+(\S+)/.exec(first.output())?.[1];
  if (!apiKey) throw new Error('the demo API key was not printed (empty database expected)');
  const started = Date.now();
  await importOrders(apiKey);
  console.log(`imported ${ORDERS.toLocaleString('en')} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await stop(first);

  const results: Result[] = [];
  for (const count of COUNTS) results.push(await measure(url, count));
  console.log('\n| processes | GET /api/health req/s | portal lookup req/s (ratio) | lookup p99 | RSS, all processes |');
  console.log('|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.processes} | ${Math.round(r.health).toLocaleString('en')} | ${Math.round(r.lookup).toLocaleString('en')} (${(r.lookup / r.health).toFixed(3)}) | ${r.lookupP99} ms | ${Math.round(r.rssMb)} MB |`,
    );
  const one = results.find((r) => r.processes === 1);
  for (const r of results.filter((x) => x.processes > 1 && one))
    console.log(
      `${r.processes} processes vs 1: lookup ×${(r.lookup / (one as Result).lookup).toFixed(2)}, health ×${(r.health / (one as Result).health).toFixed(2)}`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
