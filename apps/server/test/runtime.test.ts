// How `retour` runs its TypeScript (issue #12, items 5 and 7): the production build
// (scripts/build-server.mjs, esbuild) serves exactly what the sources serve — the same API
// description, documents drawn with the fonts found next to the bundled code — and the CLI runs
// through tsx and, on a Node.js that strips types itself (22.18+, 24), on the sources as they are.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliDatabase } from './support/cli-database.ts';
import { startHarness } from './support/harness.ts';
import { createReturnOverHttp, runRetour, TEST_SECRET_KEY } from './support/live-server.ts';
import { eventually, freePort } from './support/serve-process.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let buildDir: string;
let server: ChildProcess | null = null;
const databases: { remove: () => Promise<void> }[] = [];

beforeAll(() => {
  // A build of its own, under node_modules (so the bundle finds the npm packages as dist/ does),
  // never the shared apps/server/dist that other tests' processes may be loading.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  buildDir = mkdtempSync(join(ROOT, 'node_modules/.cache/retour-build-test-'));
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', join(buildDir, 'cli')], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server?.on('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  for (const db of databases) await db.remove();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

async function database(prefix: string) {
  const db = await freshCliDatabase(prefix);
  databases.push(db);
  return db;
}

describe('the production build of the server', { timeout: 120_000 }, () => {
  it('serves the API description of the sources and draws a label PDF', { timeout: 120_000 }, async () => {
    const db = await database('build');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const entry = pathToFileURL(join(buildDir, 'cli/main.mjs')).href;
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', 'const { main } = await import(process.argv[1]); await main(process.argv.slice(2));', entry, 'serve'],
      {
        cwd: db.dir,
        env: { ...process.env, DATABASE_URL: db.databaseUrl, SECRET_KEY: TEST_SECRET_KEY, PORT: String(port), LOG_LEVEL: 'warn' },
      },
    );
    server = child;
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const apiKey = await eventually(() => /API key:\s+(\S+)/.exec(out)?.[1], `the built server to seed the demo (output: ${out})`);

    const h = await startHarness();
    try {
      const fromSources = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
      const fromBuild = await fetch(`${base}/api/openapi.json`);
      expect(fromBuild.status).toBe(200);
      const document = (await fromBuild.json()) as { components: { schemas: Record<string, unknown> } };
      expect(Object.keys(document.components.schemas).length).toBeGreaterThan(50);
      expect(document).toEqual(fromSources.json());
    } finally {
      await h.close();
    }

    const returnId = await createReturnOverHttp(base, apiKey);
    const label = await fetch(`${base}/api/v1/returns/${returnId}/label?format=a6`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await label.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('DejaVuSans')).toBe(true);

    const exited = new Promise<number | null>((done) => child.on('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('the CLI on the TypeScript sources', { timeout: 120_000 }, () => {
  // process.features.typescript: Node 22.10+ ('strip' by default from 22.18; @types/node 20 lacks it).
  const stripsTypes = Boolean((process.features as { typescript?: string | false }).typescript);
  const runtimes = ['tsx', ...(stripsTypes ? ['native'] : [])];
  for (const runtime of runtimes) {
    it(`runs through ${runtime === 'tsx' ? 'the tsx loader' : "Node's own type stripping"}`, { timeout: 60_000 }, async () => {
      const db = await database(runtime);
      const ran = await runRetour(['migrate'], db.databaseUrl, db.dir, { RETOUR_RUNTIME: runtime });
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toBe('Database is up to date.\n');
      expect(ran.code).toBe(0);
    });
  }
});
