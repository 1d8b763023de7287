// Start-up and idle memory of `retour serve` per runtime (issue #12 item 7): the esbuild build,
// Node's own type stripping and the tsx loader (RETOUR_RUNTIME, see apps/server/bin/retour.mjs).
// Each run: a copy of one migrated, empty SQLite database (no demo data), `retour serve` started,
// GET /api/ready polled every 5 ms; then the wall time until it answered 200, the CPU time the
// server's processes used until then (/proc: the server and its children, e.g. tsx's esbuild), and
// after 3 s idle the RSS (the server; its children apart). Runtimes take turns, so load from other
// work on the machine spreads over all of them. Plain JavaScript: no transpiler in this process.
// Usage: npm run build:server && node bench/startup.mjs        (Node 24: bash scripts/with-node24.sh node bench/startup.mjs)
//        BENCH_RUNS (default 7), BENCH_RUNTIMES (default "build,native,tsx,tsx-cold"; tsx-cold is tsx with
//        TSX_DISABLE_CACHE=1, as on a first start: tsx otherwise keeps its transforms in the temp folder).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'apps/server/bin/retour.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RUNTIMES = (process.env.BENCH_RUNTIMES ?? 'build,native,tsx,tsx-cold').split(',');
const SECRET_KEY = 'bench-secret-key-bench-secret-key-0123456789';
const TICK_MS = 1000 / 100; // USER_HZ on Linux
const dir = mkdtempSync(join(tmpdir(), 'retour-startup-'));
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

if (RUNTIMES.includes('build') && !existsSync(join(ROOT, 'apps/server/dist/cli/main.mjs')))
  throw new Error('no server build: run `npm run build:server` first');
if (RUNTIMES.includes('native') && !process.features.typescript)
  throw new Error(`Node.js ${process.version} does not strip types: leave "native" out of BENCH_RUNTIMES`);

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** utime + stime of a process, and its parent's id. */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

function children(pid) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (stat(name).ppid === pid) found.push(Number(name), ...children(Number(name)));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const template = join(dir, 'template.sqlite');
const migrated = spawnSync(process.execPath, [BIN, 'migrate'], {
  env: { ...process.env, DATABASE_URL: `file:${template}`, SECRET_KEY, LOG_LEVEL: 'warn' },
  encoding: 'utf8',
});
if (migrated.status !== 0) throw new Error(`retour migrate failed:\n${migrated.stderr}`);

async function run(runtime, n) {
  const db = join(dir, `${runtime}-${n}.sqlite`);
  copyFileSync(template, db);
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      ...(runtime === 'tsx-cold' ? { RETOUR_RUNTIME: 'tsx', TSX_DISABLE_CACHE: '1' } : { RETOUR_RUNTIME: runtime }),
      DATABASE_URL: `file:${db}`,
      PORT: String(port),
      RETOUR_DEMO: '0',
      SECRET_KEY,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (d) => (errors += d));
  const exited = new Promise((done) => child.on('exit', done));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${runtime}: retour serve exited with ${child.exitCode}\n${errors}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await pause(5);
  }
  const readyMs = performance.now() - started;
  const others = children(child.pid);
  const cpuMs = [child.pid, ...others].reduce((sum, pid) => sum + stat(pid).ticks * TICK_MS, 0);
  await pause(3_000);
  const rss = rssMb(child.pid);
  const othersRss = others.reduce((sum, pid) => sum + rssMb(pid), 0);
  child.kill('SIGTERM');
  await exited;
  return { readyMs, cpuMs, rss, othersRss };
}

const range = (values, digits = 0) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${median.toFixed(digits)} (${sorted[0].toFixed(digits)}–${sorted.at(-1).toFixed(digits)})`;
};

const results = Object.fromEntries(RUNTIMES.map((r) => [r, []]));
const loadBefore = loadavg()[0];
try {
  for (let n = 0; n < RUNS; n++) for (const runtime of RUNTIMES) results[runtime].push(await run(runtime, n));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Node.js ${process.version}, ${RUNS} runs each, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
);
console.log('runtime | to /api/ready, ms: median (min–max) | CPU until then, ms | idle RSS, MB | children RSS, MB');
for (const [runtime, rs] of Object.entries(results)) {
  console.log(
    `${runtime} | ${range(rs.map((r) => r.readyMs))} | ${range(rs.map((r) => r.cpuMs))} | ${range(rs.map((r) => r.rss))} | ${range(rs.map((r) => r.othersRss))}`,
  );
}
