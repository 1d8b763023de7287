// Lighthouse 12 (mobile preset: simulated slow 4G and a mid-range phone) on the portal's start page,
// in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Prints the category scores and the
// main metrics; exits 1 below the targets (performance ≥ 0.95, accessibility 1.00).
//   npm run lighthouse                      → http://127.0.0.1:3000/r/demo, or a temporary server
//   npm run lighthouse -- http://host/r/x   → that page
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TARGETS = { performance: 0.95, accessibility: 1 };
const root = join(import.meta.dirname, '..');
const asked = process.argv[2] ?? process.env.LIGHTHOUSE_URL;

async function reachable(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway `retour serve` with demo data, for when no server is running. */
async function temporaryServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'retour-lighthouse-'));
  const env = { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'retour.sqlite')}`, LOG_LEVEL: 'warn' };
  delete env.RETOUR_DEMO;
  const child = spawn(process.execPath, ['apps/server/bin/retour.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Withdrawal form:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`retour serve exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/r/demo`,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let url = asked ?? 'http://127.0.0.1:3000/r/demo';
let server = null;
if (!(await reachable(url))) {
  if (asked) {
    console.error(`${url} does not answer. Start Retour (npm start) or give another URL.`);
    process.exit(1);
  }
  console.log('No server on http://127.0.0.1:3000: starting a temporary one with demo data…');
  server = await temporaryServer();
  url = server.url;
}

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS });
try {
  // Warm-up run: a freshly started server answers its first requests slower (JIT). Lighthouse
  // clears the browser's cache and storage before each run, so the measured run is a first visit.
  await lighthouse(url, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'] });
  const result = await lighthouse(url, {
    port: chrome.port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  const { categories, audits } = result.lhr;
  console.log(`Lighthouse ${result.lhr.lighthouseVersion}, ${result.lhr.configSettings.formFactor}, ${url}`);
  for (const category of Object.values(categories)) console.log(`  ${category.title.padEnd(16)} ${category.score?.toFixed(2)}`);
  for (const id of [
    'first-contentful-paint',
    'largest-contentful-paint',
    'total-blocking-time',
    'cumulative-layout-shift',
    'speed-index',
  ]) {
    console.log(`  ${audits[id].title.padEnd(26)} ${audits[id].displayValue}`);
  }
  const failed = Object.entries(categories)
    .flatMap(([id, c]) => Object.values(c.auditRefs ?? []).map((ref) => ({ id, audit: audits[ref.id] })))
    .filter(({ id, audit }) => id === 'accessibility' && audit.score !== null && audit.score < 1);
  for (const { audit } of failed) console.log(`  accessibility: ${audit.id} – ${audit.title}`);
  const below = Object.entries(TARGETS).filter(([id, min]) => (categories[id]?.score ?? 0) < min);
  if (below.length > 0) {
    console.log(`Below target: ${below.map(([id, min]) => `${id} < ${min}`).join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await chrome.kill();
  server?.stop();
}
