// Loaded into the server by bench/memory.ts (`NODE_OPTIONS=--import <this file>`): samples
// process.memoryUsage() every 20 ms and writes, to $RETOUR_MEMORY_PROBE_FILE, the current figures,
// the maximum of each part, and the whole breakdown at the moment RSS was highest (MB). It only
// reads; the server does not know it is there.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const file = process.env.RETOUR_MEMORY_PROBE_FILE;
if (file) {
  const mb = (n) => Math.round((n / 1048576) * 10) / 10;
  const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  const max = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  let atPeak = null;
  let last = 0;
  const sample = () => {
    const m = process.memoryUsage();
    const now = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, mb(v)]));
    for (const k of Object.keys(max)) max[k] = Math.max(max[k], now[k]);
    if (!atPeak || now.rss >= atPeak.rss) atPeak = now;
    const t = Date.now();
    if (t - last >= 500 || now.rss === atPeak.rss) {
      last = t;
      writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, now, max, atPeak, vmHwm: hwm() }));
      renameSync(`${file}.tmp`, file);
    }
  };
  setInterval(sample, 20).unref();
}
