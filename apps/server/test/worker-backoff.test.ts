// The worker loop during a database outage (issue #16): it backs off (0.5 s doubling to 10 s)
// instead of failing every 500 ms, reports the outage once when it starts and once when it ends,
// and runs the queued jobs once the database answers again. The waits are asked of an injected
// sleeper, so nothing here depends on time passing.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Sleeper, startWorker } from '../src/jobs/worker.ts';
import { startHarness } from './support/harness.ts';

/** Fails the next `remaining` statements the way an unreachable PostgreSQL does. */
class Outage implements KyselyPlugin {
  remaining = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.remaining > 0) {
      this.remaining--;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const IDLE = 60_000;

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the worker during a database outage', () => {
  it('backs off while the database is unavailable, reports each outage once, and runs jobs after recovery', async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    const outage = new Outage();
    const ctx = { ...h.ctx, db: h.ctx.db.withPlugin(outage) };
    const waits: number[] = [];
    let idleWaits = 0;
    let endIdle: (() => void) | null = null;
    // Backoff waits end at once; an idle wait lasts until the test ends it (or stop()).
    const sleep: Sleeper = (ms, signal) => {
      waits.push(ms);
      if (ms !== IDLE) return new Promise((r) => setImmediate(r));
      return new Promise<void>((resolve) => {
        idleWaits++;
        endIdle = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    };
    const errors: unknown[] = [];
    const recovered: { failures: number }[] = [];
    outage.remaining = 7;
    const worker = startWorker(ctx, (e) => errors.push(e), IDLE, { sleep, onRecovered: (r) => recovered.push(r) });
    try {
      await until(() => idleWaits === 1, 'the first idle wait');
      expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, IDLE]);
      expect(errors).toHaveLength(1);
      expect((errors[0] as { code?: string }).code).toBe('ECONNREFUSED');
      expect(recovered).toEqual([{ failures: 7 }]);
      // The jobs the worker queued once the database answered have run.
      const jobs = await h.ctx.db.selectFrom('outbox').select(['topic', 'doneAt']).where('merchantId', '=', '_system').execute();
      expect(jobs.map((j) => j.topic).sort()).toEqual(['db.optimize', 'photos.remove_unused', 'retention.sweep', 'tracking.poll']);
      expect(jobs.every((j) => j.doneAt !== null)).toBe(true);

      // A second outage starts from the first wait again.
      outage.remaining = 3;
      waits.length = 0;
      (endIdle as (() => void) | null)?.();
      await until(() => idleWaits === 2, 'the second idle wait');
      expect(waits).toEqual([500, 1000, 2000, IDLE]);
      expect(errors).toHaveLength(2);
      expect(recovered).toEqual([{ failures: 7 }, { failures: 3 }]);
    } finally {
      await worker.stop(1000);
      await h.close();
    }
  });

  it('reports other errors every time, without backing off', async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    let failing = 2;
    const ctx = {
      ...h.ctx,
      now: () => {
        if (failing > 0) {
          failing--;
          throw new Error('a bug, not an outage');
        }
        return h.clock.now;
      },
    };
    const waits: number[] = [];
    let idleWaits = 0;
    const sleep: Sleeper = (ms, signal) => {
      waits.push(ms);
      if (ms !== IDLE || ++idleWaits < 3) return new Promise((r) => setImmediate(r));
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const errors: unknown[] = [];
    const worker = startWorker(ctx, (e) => errors.push(e), IDLE, { sleep });
    try {
      await until(() => idleWaits === 3, 'the idle waits');
      expect(errors.map(String)).toEqual(['Error: a bug, not an outage', 'Error: a bug, not an outage']);
      expect(waits).toEqual([IDLE, IDLE, IDLE]);
    } finally {
      await worker.stop(1000);
      await h.close();
    }
  });
});
