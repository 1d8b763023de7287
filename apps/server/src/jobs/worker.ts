// The job worker loop: drains due outbox jobs, sleeping briefly when there is nothing to do.
// Runs inside `serve`, or alone as `retour worker` (several can share one PostgreSQL database).
// Each loop also enqueues the tracking poll of the current 15-minute slot; the outbox keeps one job
// per slot whichever worker gets there first, so nothing depends on this process's memory. The
// personal-data retention sweep is queued the same way, once per UTC day.
//
// stop(graceMs): no new job starts; the running one may finish within graceMs, after which its
// signal aborts and its job goes back to the queue (due at once, the attempt not counted).
import type { Ctx } from '../context.ts';
import { scheduleRetentionSweep } from '../use-cases/anonymise-expired-data.ts';
import { pollSlotOf, scheduleTrackingPoll } from '../use-cases/poll-tracking.ts';
import { drainJobs, type Shutdown } from './run-jobs.ts';
import type { WorkerIdentity } from './worker-identity.ts';

export type Worker = { stop: (graceMs?: number) => Promise<void> };

export function startWorker(ctx: Ctx, onError: (error: unknown) => void, idleMs = 500, opts: { identity?: WorkerIdentity } = {}): Worker {
  const draining = new AbortController();
  const abort = new AbortController();
  const shutdown: Shutdown = { draining: draining.signal, abort: abort.signal };
  let wake: (() => void) | null = null;
  // Only saves a write per loop once this slot is queued; any other worker may queue it too.
  let scheduledSlot: string | null = null;
  let sweptDay: string | null = null;
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
        if (ctx.now().toISOString().slice(0, 10) !== sweptDay) sweptDay = await scheduleRetentionSweep(ctx);
        done = await drainJobs(ctx, 50, [], shutdown);
      } catch (error) {
        onError(error);
      }
      if (done === 0 && !draining.signal.aborted)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  })();
  return {
    stop: async (graceMs = 10_000) => {
      draining.abort();
      wake?.();
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
