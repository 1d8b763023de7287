// A throwaway PostgreSQL cluster of a fault test's own (initdb + pg_ctl, as scripts/with-postgres.sh
// does, through `runuser -u postgres` when root), so restarting or stopping it disturbs no other test.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type PgCluster = ReturnType<typeof startPgCluster>;

export function startPgCluster() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
  const bin = versions.length > 0 ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : null;
  if (!bin) throw new Error('PostgreSQL is not installed; run scripts/ensure-system-deps.sh');
  const dir = mkdtempSync(join(tmpdir(), 'retour-fault-pg-'));
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const port = 40000 + Math.floor(Math.random() * 9000);
  const as = (cmd: string, args: string[]) =>
    root ? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args]) : execFileSync(`${bin}/${cmd}`, args);
  const data = join(dir, 'data');
  const ctl = (...args: string[]) => as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), ...args]);
  as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  ctl('-w', '-o', options, 'start');
  const run = promisify(execFile);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Asynchronous, so the test's clients keep sending requests while PostgreSQL restarts. */
    restart: async () => {
      const args = ['-D', data, '-l', join(dir, 'log'), '-w', '-m', 'fast', '-o', options, 'restart'];
      await (root ? run('runuser', ['-u', 'postgres', '--', `${bin}/pg_ctl`, ...args]) : run(`${bin}/pg_ctl`, args));
    },
    stop: () => ctl('-w', '-m', 'fast', 'stop'),
    start: () => ctl('-w', '-o', options, 'start'),
    remove: () => {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
