// The job worker loop: drains due outbox jobs, sleeping briefly when there is nothing to do.
// Runs inside `serve`, or alone as `retour worker` (several can share one PostgreSQL database).
// Each loop also enqueues the tracking poll of the current 15-minute slot; the outbox keeps one job
// per slot whichever worker gets there first, so nothing depends on this process's memory. The
// personal-data retention sweep is queued the same way, once per UTC day.
import type { Ctx } from '../context.ts';
import { scheduleRetentionSweep } from '../use-cases/anonymise-expired-data.ts';
import { pollSlotOf, scheduleTrackingPoll } from '../use-cases/poll-tracking.ts';
import { drainJobs } from './run-jobs.ts';

export function startWorker(ctx: Ctx, onError: (error: unknown) => void, idleMs = 500): { stop: () => Promise<void> } {
  let running = true;
  let wake: (() => void) | null = null;
  // Only saves a write per loop once this slot is queued; any other worker may queue it too.
  let scheduledSlot: string | null = null;
  let sweptDay: string | null = null;
  const loop = (async () => {
    while (running) {
      let done = 0;
      try {
        const slot = pollSlotOf(ctx.now());
        if (slot !== scheduledSlot) {
          await scheduleTrackingPoll(ctx);
          scheduledSlot = slot;
        }
        if (ctx.now().toISOString().slice(0, 10) !== sweptDay) sweptDay = await scheduleRetentionSweep(ctx);
        done = await drainJobs(ctx);
      } catch (error) {
        onError(error);
      }
      if (done === 0 && running)
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
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
