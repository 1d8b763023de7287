// Builds the portal, starts a real `retour serve` on a free port over a fresh database (a SQLite
// file, or a new database in TEST_DATABASE_URL's server when TEST_DB=postgres) with demo data, and
// hands its address and demo API key to the tests through the environment. Returns the teardown.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startMollieServer } from '../apps/server/test/support/mollie-server.ts';
import { startCarrierFakes } from './carrier-fakes.ts';
import { E2E_SHOPIFY, startShopifyShop } from './shopify-shop.ts';

const ROOT = join(import.meta.dirname, '..');
/** The key the local Mollie accepts (paid-return.spec.ts connects the demo merchant with it). */
const E2E_MOLLIE_KEY = 'test_e2eE2eE2eE2eE2eE2eE2eE2eE2eE2e';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (e.g. bash scripts/with-postgres.sh npm run test:e2e).');
  const name = `retour_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function waitForDemo(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`retour serve did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const key = /API key:\s+(\S+)/.exec(output)?.[1];
      if (key && output.includes('Withdrawal form:')) {
        clearTimeout(timer);
        resolve(key);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`retour serve exited with ${code}:\n${output}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(join(ROOT, 'e2e', 'screenshots'), { recursive: true, force: true });
  // The root build script builds every web app the repository has (portal, back office). `npm test`
  // builds once before the journeys and says so with RETOUR_E2E_BUILT=1 (saves two builds per CI run).
  if (process.env.RETOUR_E2E_BUILT !== '1') execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'retour-e2e-'));
  const postgres = process.env.TEST_DB === 'postgres' ? await freshPostgres() : null;
  // A local Mollie (API + test-mode checkout page), up before the server that calls it.
  const mollie = await startMollieServer({ apiKeys: [E2E_MOLLIE_KEY] });
  // A local Shopify shop (backoffice-shopify.spec.ts), also up before the server.
  const shopify = await startShopifyShop();
  // Local Sendcloud, PostNL, DHL Parcel and UPS APIs (backoffice-carriers.spec.ts, carriers-*.spec.ts), also up before the server.
  const carriers = await startCarrierFakes();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres?.url ?? `file:${join(dir, 'retour.sqlite')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SECRET_KEY: 'e2e-secret-key-e2e-secret-key-0123456789',
    LOG_LEVEL: 'warn',
    RETOUR_MOLLIE_API_URL: mollie.apiUrl,
    RETOUR_SHOPIFY_ORIGIN: shopify.origin,
    ...carriers.env,
    // Shops on local http:// servers (backoffice-woocommerce.spec.ts); never in production.
    RETOUR_ALLOW_HTTP_PROVIDERS: '1',
  };
  delete env.RETOUR_DEMO;
  const child = spawn(process.execPath, ['apps/server/bin/retour.mjs', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const apiKey = await waitForDemo(child).catch(async (error) => {
    await mollie.close();
    await shopify.close();
    await carriers.close();
    throw error;
  });
  process.env.RETOUR_E2E_URL = `http://127.0.0.1:${port}`;
  process.env.RETOUR_E2E_API_KEY = apiKey;
  process.env.RETOUR_E2E_MOLLIE_KEY = E2E_MOLLIE_KEY;
  process.env.RETOUR_E2E_SHOPIFY_CLIENT_ID = E2E_SHOPIFY.clientId;
  process.env.RETOUR_E2E_SHOPIFY_CLIENT_SECRET = E2E_SHOPIFY.clientSecret;
  process.env.RETOUR_E2E_SHOPIFY_CONTROL = shopify.controlUrl;
  process.env.RETOUR_E2E_CARRIER_CONTROL = carriers.controlUrl;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await postgres?.drop();
    await mollie.close();
    await shopify.close();
    await carriers.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
