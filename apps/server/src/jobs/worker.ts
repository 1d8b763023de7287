// The job worker loop: drains due outbox jobs, sleeping briefly when there is nothing to do.
// Runs inside `serve`, or alone as `retour worker` (several can share one PostgreSQL database).
// Each loop also enqueues the tracking poll of the current 15-minute slot; the outbox keeps one job
// per slot whichever worker gets there first, so nothing depends on this process's memory. The
// personal-data retention sweep and the planner-statistics refresh are queued the same way, once
// per UTC day.
//
// While the database is unavailable (isDatabaseUnavailable: PostgreSQL restarting, SQLite's disk
// full or read-only…) the loop backs off, 0.5 s doubling up to 10 s, back to the idle wait on the
// first loop that succeeds; the outage is reported once when it starts and once when it ends.
//
// stop(graceMs): no new job starts; the running one may finish within graceMs, after which its
// signal aborts and its job goes back to the queue (due at once, the attempt not counted).
import { setTimeout as sleepFor } from 'node:timers/promises';
import { isDatabaseUnavailable } from '@retour/db/errors';
import type { Ctx } from '../context.ts';
import { scheduleRetentionSweep } from '../use-cases/maintenance/anonymise-expired-data.ts';
import { pollSlotOf, scheduleTrackingPoll } from '../use-cases/carriers/poll-tracking.ts';
import { scheduleStatisticsRefresh } from '../use-cases/maintenance/refresh-database-statistics.ts';
import { scheduleUnusedPhotoSweep } from '../use-cases/maintenance/remove-unused-photos.ts';
import { drainJobs, type Shutdown } from './run-jobs.ts';
import type { WorkerIdentity } from './worker-identity.ts';

export type Worker = { stop: (graceMs?: number) => Promise<void> };

/** Waits `ms`, or less when `signal` aborts (stop); never rejects. */
export type Sleeper = (ms: number, signal: AbortSignal) => Promise<void>;
const realSleep: Sleeper = (ms, signal) => sleepFor(ms, undefined, { signal }).catch(() => undefined);

export const OUTAGE_FIRST_WAIT_MS = 500;
export const OUTAGE_MAX_WAIT_MS = 10_000;

export type WorkerOptions = {
  identity?: WorkerIdentity;
  /** The database became unavailable: once per outage (default: the error callback). */
  onOutage?: (error: unknown) => void;
  /** The database answers again after an outage: once per outage. */
  onRecovered?: (outage: { failures: number }) => void;
  sleep?: Sleeper;
};

export function startWorker(ctx: Ctx, onError: (error: unknown) => void, idleMs = 500, opts: WorkerOptions = {}): Worker {
  const draining = new AbortController();
  const abort = new AbortController();
  const shutdown: Shutdown = { draining: draining.signal, abort: abort.signal };
  const sleep = opts.sleep ?? realSleep;
  const onOutage = opts.onOutage ?? onError;
  // Only saves a write per loop once this slot is queued; any other worker may queue it too.
  let scheduledSlot: string | null = null;
  let sweptDay: string | null = null;
  let optimisedDay: string | null = null;
  let photoSweepHour: string | null = null;
  /** Loops failed in a row because the database is unavailable (0: no outage). */
  let outageFailures = 0;
  const loop = (async () => {
    while (!draining.signal.aborted) {
      let done = 0;
      try {
        await opts.identity?.renew();
        const slot = pollSlotOf(ctx.now());
        if (slot !== scheduledSlot) {
          await scheduleTrackingPoll(ctx);
          scheduledSlot = slot;
        }
        const day = ctx.now().toISOString().slice(0, 10);
        if (day !== sweptDay) sweptDay = await scheduleRetentionSweep(ctx);
        if (day !== optimisedDay) optimisedDay = await scheduleStatisticsRefresh(ctx);
        const hour = ctx.now().toISOString().slice(0, 13);
        if (hour !== photoSweepHour) photoSweepHour = await scheduleUnusedPhotoSweep(ctx);
        done = await drainJobs(ctx, 50, [], shutdown);
        if (outageFailures > 0) {
          opts.onRecovered?.({ failures: outageFailures });
          outageFailures = 0;
        }
      } catch (error) {
        if (!isDatabaseUnavailable(error)) onError(error);
        else if (outageFailures++ === 0) onOutage(error);
      }
      if (draining.signal.aborted) break;
      if (outageFailures > 0) {
        await sleep(Math.min(OUTAGE_MAX_WAIT_MS, OUTAGE_FIRST_WAIT_MS * 2 ** Math.min(outageFailures - 1, 10)), draining.signal);
      } else if (done === 0) await sleep(idleMs, draining.signal);
    }
  })();
  return {
    stop: async (graceMs = 10_000) => {
      draining.abort();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([loop, graceOver]);
      clearTimeout(timer);
      abort.abort();
      await loop;
    },
  };
}
