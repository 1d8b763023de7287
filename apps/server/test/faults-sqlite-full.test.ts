// Fault test, SQLite, disk full: a real `retour serve` whose database lives on a small tmpfs of its
// own, filled to the last byte while the server runs. The server never exits, writes get 503
// `database_unavailable` with Retry-After, reads still work, nothing acknowledged is lost (also
// across a restart of the process), and writes succeed again by themselves once space is freed.
// Mounting needs root (CI runs as root); elsewhere the test says why it cannot run.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@retour/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
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

/** A fresh tmpfs of `size`, or the reason this machine cannot mount one (not root, no CAP_SYS_ADMIN). */
function tryMount(size: string): { dir: string; unmount: () => void } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'retour-fault-fs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: String((error as { stderr?: Buffer }).stderr ?? error).trim() };
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = testDialect() === 'sqlite' ? tryMount('1m') : { reason: 'TEST_DB is not sqlite' };
// CI runs as root and can mount: there a mount failure fails the test instead of skipping it.
const canMount = 'dir' in probe || (testDialect() === 'sqlite' && process.env.CI === 'true');
if ('dir' in probe) probe.unmount();
else if (testDialect() === 'sqlite') console.warn(`SQLite file-system fault tests cannot run here: mount failed (${probe.reason})`);

describe.runIf(canMount)('database faults on SQLite: disk full (real process, its own file system)', () => {
  let server: ServerProcess | undefined;
  let fs: { dir: string; unmount: () => void } | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs?.unmount();
    fs = undefined;
  });

  async function start(size: string) {
    const mounted = tryMount(size);
    if (!('dir' in mounted)) throw new Error(mounted.reason);
    fs = mounted;
    const url = `file:${join(mounted.dir, 'retour.sqlite')}`;
    const port = () => 42000 + Math.floor(Math.random() * 8000);
    server = await startServer(port(), { databaseUrl: url, cwd: mounted.dir });
    const seed = await seedOrder(server, 1000);
    const apiKey = server.apiKey;
    const restart = async () => {
      await server?.stop();
      server = await startServer(port(), { databaseUrl: url, cwd: mounted.dir, apiKey });
      return server;
    };
    return { dir: mounted.dir, server, seed, restart };
  }

  it('disk full: writes 503 database_unavailable, reads work, nothing acknowledged lost, recovers when space is freed', async () => {
    const { dir, server: s, seed, restart } = await start('24m');
    const created: string[] = [];
    for (let i = 0; i < 10; i++) await writeUntilAccepted(s, returnBody(seed), created);
    // Fill every free byte of the file system beside the database.
    const filler = join(dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    // Write until the database needs a page the disk no longer has (its WAL may reuse space first).
    let refused = 0;
    for (let i = 0; i < 400 && refused < 3; i++) {
      const answer = await call(s, 'POST', '/api/v1/returns', returnBody(seed));
      if (answer.status === 201) created.push(answer.body.id);
      else {
        expectUnavailable(answer);
        refused++;
      }
    }
    expect(refused, 'the full disk refused writes').toBe(3);
    expect((await call(s, 'GET', `/api/v1/orders/${seed.orderId}`)).status).toBe(200);
    await expectAllPresent(s, created);
    expect(s.exited()).toBeNull();

    rmSync(filler);
    const tookMs = await writeUntilAccepted(s, returnBody(seed), created);
    console.info(`SQLite disk full: ${created.length} returns acknowledged; writes accepted again ${tookMs} ms after space was freed`);
    await expectAllPresent(s, created);
    expect(s.exited()).toBeNull();
    await expectAllPresent(await restart(), created);
  }, 120_000);
});
