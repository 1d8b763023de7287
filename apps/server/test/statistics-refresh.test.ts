// Planner statistics once a day (issue #12 item 2): the worker queues a db.optimize job per UTC
// day, deduplicated in the outbox so several workers queue it once, and the job refreshes the
// statistics (SQLite: PRAGMA optimize over every table; PostgreSQL: autovacuum's job, nothing to do).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { DB_OPTIMIZE_TOPIC } from '../src/use-cases/shared/system-jobs.ts';
import { scheduleStatisticsRefresh } from '../src/use-cases/maintenance/refresh-database-statistics.ts';
import { startHarness } from './support/harness.ts';

const DAY = 86_400_000;

describe('the daily planner-statistics refresh', () => {
  it('is queued once per UTC day whichever workers ask, and runs', async () => {
    const h = await startHarness('2026-06-15T10:00:00.000Z');
    try {
      const jobs = () =>
        h.ctx.db
          .selectFrom('outbox')
          .select(['dedupeKey', 'doneAt', 'attempts', 'lastError'])
          .where('topic', '=', DB_OPTIMIZE_TOPIC)
          .orderBy('createdAt')
          .execute();
      // Two workers, and one of them again later the same day.
      expect(await Promise.all([scheduleStatisticsRefresh(h.ctx), scheduleStatisticsRefresh(h.ctx)])).toEqual(['2026-06-15', '2026-06-15']);
      h.clock.advance(14 * 3_600_000 - 1); // 23:59:59.999 UTC
      await scheduleStatisticsRefresh(h.ctx);
      expect((await jobs()).map((j) => j.dedupeKey)).toEqual(['db.optimize:2026-06-15']);

      await drainJobs(h.ctx);
      const [done] = await jobs();
      expect(done?.doneAt).not.toBeNull();
      expect(done?.lastError).toBeNull();
      expect(done?.attempts).toBe(1);
      if (h.ctx.dialect === 'sqlite') {
        // PRAGMA optimize with every table checked analysed the tables that hold rows.
        const stats = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1`.execute(h.ctx.db);
        expect(stats.rows.map((r) => r.tbl)).toContain('outbox');
      }

      h.clock.advance(1); // the next UTC day
      expect(await scheduleStatisticsRefresh(h.ctx)).toBe('2026-06-16');
      await scheduleStatisticsRefresh(h.ctx);
      h.clock.advance(DAY);
      await scheduleStatisticsRefresh(h.ctx);
      expect((await jobs()).map((j) => j.dedupeKey)).toEqual([
        'db.optimize:2026-06-15',
        'db.optimize:2026-06-16',
        'db.optimize:2026-06-17',
      ]);
      await drainJobs(h.ctx);
      expect((await jobs()).every((j) => j.doneAt !== null && j.lastError === null)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
