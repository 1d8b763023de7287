// Which worker this process is. Job leases record the worker id that took them (outbox.locked_by)
// so that a process restarted after a crash takes back its own leased jobs at once instead of
// waiting the 60 s lease out. That is only safe while ONE live process uses an id, so the id is
// itself held as a lease (`worker:<id>` in the leases table, renewed by the worker loop):
//
// - The id is RETOUR_WORKER_ID, or by default `<host name>/<role>` (role: serve or worker) — stable
//   across restarts of the same process on the same machine or container.
// - Starting, a process takes the `worker:<id>` lease. It may if the lease is free or expired, or
//   if the holder was on this host and its process is gone (same pid in a new container, or no
//   such pid any more). Then every job still leased under the id is released: it runs again now.
// - If a live process already holds the id (two workers on one host with the default id), this
//   one runs under `<id>#<random>` instead and takes nothing back: no job ever runs twice at once.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { acquireLease, leaseHolder, releaseLease } from '@retour/db/repos/leases';
import { releaseWorkerLeases } from '@retour/db/repos/outbox';
import type { Ctx } from '../context.ts';

/**
 * How long the id stays held without renewal (the worker loop renews it every 10 s). Long, so a
 * loop busy with slow jobs never loses it; a crashed holder on this host is seen at once by its
 * pid, and the jobs a holder elsewhere left behind come back when their own 60 s leases end.
 */
export const WORKER_ID_LEASE_MS = 5 * 60_000;
const RENEW_EVERY_MS = 10_000;

export type WorkerIdentity = {
  id: string;
  /** Jobs taken back at start (leased under this id by a previous run). */
  reclaimed: number;
  /** Keeps the id held; call from the worker loop (cheap: writes at most every 10 s). */
  renew(): Promise<void>;
  release(): Promise<void>;
};

export const defaultWorkerId = (role: 'serve' | 'worker'): string => `${hostname()}/${role}`;

const processGone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/** A holder recorded by a process on this host that no longer runs (so its id is free at once). */
function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split('#');
  if (host !== hostname()) return false;
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  return n === process.pid || processGone(n);
}

export async function claimWorkerIdentity(ctx: Pick<Ctx, 'db' | 'now'>, wanted: string): Promise<WorkerIdentity> {
  const holder = `${hostname()}#${process.pid}#${randomBytes(4).toString('hex')}`;
  const until = () => new Date(ctx.now().getTime() + WORKER_ID_LEASE_MS).toISOString();
  const take = (name: string) => acquireLease(ctx.db, name, holder, ctx.now().toISOString(), until());
  let id = wanted;
  let got = await take(`worker:${id}`);
  if (!got) {
    const current = await leaseHolder(ctx.db, `worker:${id}`);
    if (current && isDeadLocalHolder(current)) {
      await releaseLease(ctx.db, `worker:${id}`, current);
      got = await take(`worker:${id}`);
    }
  }
  if (!got) {
    id = `${wanted}#${randomBytes(4).toString('hex')}`;
    await take(`worker:${id}`);
  }
  const reclaimed = got ? await releaseWorkerLeases(ctx.db, id) : 0;
  let renewedAt = ctx.now().getTime();
  return {
    id,
    reclaimed,
    renew: async () => {
      if (ctx.now().getTime() - renewedAt < RENEW_EVERY_MS) return;
      renewedAt = ctx.now().getTime();
      await take(`worker:${id}`);
    },
    release: () => releaseLease(ctx.db, `worker:${id}`, holder),
  };
}

/**
 * An id of this process alone (nothing to take back, nothing to hold), for a start while the
 * database cannot be written (a read-only SQLite file): no other process can have it, so it
 * needs no lease.
 */
export function privateWorkerIdentity(wanted: string): WorkerIdentity {
  return { id: `${wanted}#${randomBytes(4).toString('hex')}`, reclaimed: 0, renew: async () => {}, release: async () => {} };
}
