// Loaded into the server by bench/memory.ts (`NODE_OPTIONS=--import <this file>`): samples
// process.memoryUsage() every 20 ms and writes, to $RETOUR_MEMORY_PROBE_FILE, the current figures,
// the maximum of each part, and the whole breakdown at the moment RSS was highest (MB). It only
// reads; the server does not know it is there.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const file = process.env.RETOUR_MEMORY_PROBE_FILE;
if (file) {
  const mb = (n) => Math.round((n / 1048576) * 10) / 10;
  /** VmHWM (peak RSS) and the RSS's kinds: anonymous (heap, malloc), file-backed (code), shared memory. */
  const status = () => {
    const text = readFileSync('/proc/self/status', 'utf8');
    const field = (name) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 102.4) / 10;
    return { vmHwm: field('VmHWM'), rssAnon: field('RssAnon'), rssFile: field('RssFile'), rssShmem: field('RssShmem') };
  };
  const max = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  let atPeak = null;
  let last = 0;
  const sample = () => {
    const m = process.memoryUsage();
    const now = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, mb(v)]));
    for (const k of Object.keys(max)) max[k] = Math.max(max[k], now[k]);
    const peak = !atPeak || now.rss >= atPeak.rss;
    const t = Date.now();
    if (t - last >= 500 || peak) {
      last = t;
      Object.assign(now, status());
      if (peak) atPeak = now;
      writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, now, max, atPeak }));
      renameSync(`${file}.tmp`, file);
    }
  };
  setInterval(sample, 20).unref();
}
