// The job worker loop: drains due outbox jobs, sleeping briefly when there is nothing to do.
// Runs inside `serve`, or alone as `retour worker` (several can share one PostgreSQL database).
import type { Ctx } from '../context.ts';
import { drainJobs } from './run-jobs.ts';

export function startWorker(ctx: Ctx, onError: (error: unknown) => void, idleMs = 500): { stop: () => Promise<void> } {
  let running = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (running) {
      let done = 0;
      try {
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
