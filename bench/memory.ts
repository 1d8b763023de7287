// Server memory under load (issue #12 item 5): the built server (RETOUR_RUNTIME=build, as
// `npm start` runs it) on a fresh database, N orders (BENCH_ORDERS, default 200,000) sent through
// `POST /api/v1/orders` as bench/load.ts sends them (1,000 per request, BENCH_IMPORT_CONCURRENCY
// requests at once, default 4), then portal lookups (autocannon, 50 connections, BENCH_SECONDS).
// bench/memory-probe.mjs, loaded into the server, samples process.memoryUsage() every 20 ms; this
// prints the peak RSS (VmHWM) after the import and after the lookups, the breakdown (heap, external,
// array buffers) at the RSS peak, and the RSS at the end, with the machine's load average.
// Extra node flags for experiments: BENCH_NODE_ARGS (on the server's command line); the server's own
// environment (RETOUR_MAX_MEMORY_MB, RETOUR_IMPORT_CONCURRENCY, …) passes through.
// Usage: npm run build:server && tsx bench/memory.ts <sqlite|postgres>   (postgres reads TEST_DATABASE_URL)
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { heapFlagsFor } from '../apps/server/bin/heap-flags.mjs';
import { loadOrders } from './load.ts';
import { BENCH_SLUG, orderNumberFor, postalFor, setupMerchant } from './setup.ts';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const CONCURRENCY = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 4);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = 4000 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;
const dir = resolve('bench/results');
const probeFile = resolve(dir, `memory-probe-${dialect}.json`);
mkdirSync(dir, { recursive: true });

function databaseUrl(): string {
  if (dialect === 'sqlite') {
    const file = resolve(dir, 'memory.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('postgres bench needs TEST_DATABASE_URL (run through scripts/with-postgres.sh)');
  return url;
}

type Parts = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
type Kinds = { vmHwm: number; rssAnon: number; rssFile: number; rssShmem: number };
type Probe = { now: Parts & Kinds; max: Parts; atPeak: Parts & Kinds };
const probe = (): Probe => JSON.parse(readFileSync(probeFile, 'utf8')) as Probe;
const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** CPU seconds the process has used (user + system), from /proc/<pid>/stat. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main() {
  const url = databaseUrl();
  const { apiKey } = await setupMerchant(url);
  rmSync(probeFile, { force: true });
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // Where bin/retour.mjs cannot re-execute itself (Node.js < 22.15), the flags RETOUR_MAX_MEMORY_MB stands for.
  const budget = process.env.RETOUR_MAX_MEMORY_MB;
  if (budget && typeof (process as { execve?: unknown }).execve !== 'function') nodeArgs.push(...(heapFlagsFor(budget).flags ?? []));
  const child = spawn(process.execPath, [...nodeArgs, 'apps/server/bin/retour.mjs', 'serve'], {
    env: {
      ...process.env,
      RETOUR_RUNTIME: 'build',
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${resolve('bench/memory-probe.mjs')}`].filter(Boolean).join(' '),
      RETOUR_MEMORY_PROBE_FILE: probeFile,
      DATABASE_URL: url,
      PORT: String(PORT),
      RETOUR_DEMO: '0',
      SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
      LOG_LEVEL: 'warn',
    },
    // The server's stdout (e.g. BENCH_NODE_ARGS=--trace-gc) goes to bench/results/memory-server-<dialect>.log.
    stdio: ['ignore', openSync(resolve(dir, `memory-server-${dialect}.log`), 'w'), 'inherit'],
  });
  const pid = child.pid as number;
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 600));
    const idle = probe().now;
    console.log(
      `Retour memory on ${dialect}: ${ORDERS.toLocaleString('en')} orders, ${CONCURRENCY} import requests at once; load ${load()}`,
    );
    const cpuStart = cpuSeconds(pid);
    const imported = await loadOrders(base, apiKey, ORDERS, CONCURRENCY);
    const importCpu = cpuSeconds(pid) - cpuStart;
    const afterImport = { hwm: statusMb(pid, 'VmHWM'), rss: statusMb(pid, 'VmRSS'), probe: probe(), load: load() };
    const lookups = await autocannon({
      url: `${base}/api/portal/${BENCH_SLUG}/lookup`,
      connections: 50,
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            const n = Math.floor(Math.random() * ORDERS);
            return { ...req, body: JSON.stringify({ orderNumber: orderNumberFor(n), postalCode: postalFor(n) }) };
          },
        },
      ],
    } as autocannon.Options);
    const lookupCpu = cpuSeconds(pid) - cpuStart - importCpu;
    const end = { hwm: statusMb(pid, 'VmHWM'), rss: statusMb(pid, 'VmRSS'), probe: probe(), load: load() };
    const row = (name: string, p: Parts & Partial<Kinds>) =>
      `| ${name} | ${p.rss} | ${p.rssAnon ?? ''} | ${p.rssFile ?? ''} | ${p.heapTotal} | ${p.heapUsed} | ${p.external} | ${p.arrayBuffers} |`;
    console.log(
      `import: ${Math.round(imported.ordersPerSecond).toLocaleString('en')} orders/s (${imported.seconds.toFixed(0)} s), ` +
        `server CPU ${((importCpu / ORDERS) * 1e6).toFixed(0)} µs per order, load ${afterImport.load}; ` +
        `lookups: ${Math.round(lookups.requests.average)} req/s, server CPU ${((lookupCpu / lookups.requests.total) * 1e6).toFixed(0)} µs per lookup, ` +
        `${lookups.non2xx + lookups.errors} non-2xx/errors, load ${end.load}`,
    );
    console.log(`server: ${[...nodeArgs, budget ? `RETOUR_MAX_MEMORY_MB=${budget}` : ''].join(' ').trim() || 'V8 defaults'}`);
    console.log(
      `\n| ${dialect}, ${ORDERS.toLocaleString('en')} orders (MB) | rss | anonymous | file-backed | heapTotal | heapUsed | external | arrayBuffers |`,
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    console.log(row('idle after start', idle));
    console.log(row('at the RSS peak of the import', afterImport.probe.atPeak));
    console.log(row('highest of each part, import', afterImport.probe.max));
    console.log(row('at the RSS peak, whole run', end.probe.atPeak));
    console.log(row('at the end (after the lookups)', end.probe.now));
    console.log(
      `\npeak RSS (VmHWM) ${afterImport.hwm.toFixed(0)} MB after the import, ${end.hwm.toFixed(0)} MB after the lookups; RSS at the end ${end.rss.toFixed(0)} MB`,
    );
    writeFileSync(
      resolve(dir, `memory-${dialect}.json`),
      JSON.stringify(
        {
          dialect,
          orders: ORDERS,
          concurrency: CONCURRENCY,
          nodeArgs,
          idle,
          afterImport,
          end,
          imported,
          importCpu,
          lookupCpu,
          at: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
