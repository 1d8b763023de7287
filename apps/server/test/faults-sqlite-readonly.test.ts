// Fault test, SQLite, read-only file: the database file loses its write permission (a restore
// from a read-only snapshot, a wrong chown) and the server is started on it. Permissions count
// when a file is opened, and root ignores them, so the server runs as the unprivileged `nobody`
// when the test runs as root (CI), owning its data folder. Reads still work, writes get 503
// `database_unavailable` with Retry-After, nothing acknowledged is lost, and once the file is
// writable again writes succeed by themselves (the connection reopens the file) — no restart.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@retour/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  call,
  expectAllPresent,
  expectUnavailable,
  returnBody,
  type ServerProcess,
  seedOrder,
  startServer,
  writeUntilAccepted,
} from './support/fault-server.ts';

const root = process.getuid?.() === 0;
const prefix = root ? ['runuser', '-u', 'nobody', '--'] : [];

describe.runIf(testDialect() === 'sqlite')('database faults on SQLite: read-only file (real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retour-fault-ro-'));
  const file = join(dir, 'retour.sqlite');
  const files = [file, `${file}-wal`, `${file}-shm`];
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads work, writes 503 database_unavailable, nothing lost; writable again → writes work without a restart', async () => {
    if (root) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody']).toString());
      chownSync(dir, id('-u'), id('-g'));
    }
    const options = { databaseUrl: `file:${file}`, cwd: dir, prefix };
    const port = () => 43000 + Math.floor(Math.random() * 8000);
    server = await startServer(port(), options);
    const seed = await seedOrder(server, 100);
    const created: string[] = [];
    for (let i = 0; i < 10; i++) await writeUntilAccepted(server, returnBody(seed), created);
    const apiKey = server.apiKey;
    await server.stop();

    for (const f of files) if (existsSync(f)) chmodSync(f, 0o444);
    server = await startServer(port(), { ...options, apiKey });
    expect((await call(server, 'GET', '/api/ready')).status).toBe(200); // it can read
    await expectAllPresent(server, created);
    for (let i = 0; i < 3; i++) expectUnavailable(await call(server, 'POST', '/api/v1/returns', returnBody(seed)));
    expect(server.exited()).toBeNull();

    for (const f of files) if (existsSync(f)) chmodSync(f, 0o644);
    const tookMs = await writeUntilAccepted(server, returnBody(seed), created);
    console.info(`SQLite read-only file: writes accepted again ${tookMs} ms after chmod u+w, without a restart`);
    await expectAllPresent(server, created);
    expect(server.exited()).toBeNull();
  }, 120_000);
});
