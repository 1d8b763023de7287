// The import's cost where the machine is shared: CPU time per 1,000 orders sent through
// `POST /api/v1/orders` (1,000 per request, 4 at once, bench/load.ts) — of the server process and
// its workers, and on PostgreSQL of every PostgreSQL process — read from /proc (Linux), plus the
// wall-time rate and the load average. CPU time moves far less with the machine's load than
// orders/s; compare variants by it, alternating runs.
// Usage: BENCH_ORDERS=20000 LABEL=x npx tsx bench/import-cpu.ts   (PostgreSQL: under scripts/with-postgres.sh)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { loadOrders } from './load.ts';
import { setupMerchant } from './setup.ts';
const N = Number(process.env.BENCH_ORDERS ?? 20000);
const file = resolve('bench/results/importcpu.sqlite');
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const url = process.env.TEST_DATABASE_URL ?? `file:${file}`;
const { apiKey } = await setupMerchant(url);
const PORT = 4200 + Math.floor(Math.random() * 50);
const child = spawn(process.execPath, ['apps/server/bin/retour.mjs', 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(PORT),
    RETOUR_DEMO: '0',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 300; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const stat = (pid: string | number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
const cpuOf = (pid: string | number) => {
  const f = stat(pid);
  return (Number(f[11]) + Number(f[12])) * 10;
};
// the server and its children (cluster workers)
const tree = (root: number) => {
  let t = 0;
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const f = stat(p);
      if (Number(p) === root || Number(f[1]) === root) t += (Number(f[11]) + Number(f[12])) * 10;
    } catch {}
  }
  return t;
};
let postmaster = 0;
if (process.env.TEST_DATABASE_URL) {
  const c = new pg.Client(url);
  await c.connect();
  const pid = (await c.query('select pg_backend_pid() p')).rows[0].p;
  postmaster = Number(stat(pid)[1]);
  await c.end();
}
const s0 = tree(child.pid as number);
const p0 = postmaster ? tree(postmaster) : 0;
const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const r = await loadOrders(`http://127.0.0.1:${PORT}`, apiKey, N, 4);
const s1 = tree(child.pid as number);
const p1 = postmaster ? tree(postmaster) : 0;
console.log(
  `${process.env.LABEL} ${url.startsWith('file') ? 'sqlite' : 'postgres'} ${N}: ${Math.round(r.ordersPerSecond)} orders/s wall, server ${((s1 - s0) / (N / 1000)).toFixed(1)} ms CPU per 1,000 orders${postmaster ? ` + PostgreSQL ${((p1 - p0) / (N / 1000)).toFixed(1)} ms` : ''}; load ${load0}→${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
