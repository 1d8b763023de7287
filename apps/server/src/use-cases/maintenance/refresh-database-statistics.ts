// Planner statistics, once a UTC day (issue #12 item 2): SQLite analyses only when asked, so the
// daily job runs PRAGMA optimize over every table (packages/db maintenance.ts). PostgreSQL's
// autovacuum keeps its own statistics; the job then does nothing. Queued like the retention
// sweep: one job per day in the outbox whichever worker gets there first.
import { newId } from '@retour/db/ids';
import { refreshStatistics } from '@retour/db/maintenance';
import { enqueue } from '@retour/db/repos/outbox';
import type { Ctx } from '../../context.ts';
import { DB_OPTIMIZE_TOPIC, SYSTEM_MERCHANT_ID } from '../shared/system-jobs.ts';

export async function refreshDatabaseStatistics(ctx: Ctx): Promise<void> {
  await refreshStatistics(ctx.db, ctx.dialect, { checkAllTables: true });
}

/** Queues today's statistics refresh (one per UTC day whichever worker gets there first); returns the day. */
export async function scheduleStatisticsRefresh(ctx: Ctx): Promise<string> {
  const day = ctx.now().toISOString().slice(0, 10);
  await enqueue(ctx.db, {
    merchantId: SYSTEM_MERCHANT_ID,
    id: newId('job'),
    topic: DB_OPTIMIZE_TOPIC,
    payload: { day },
    dedupeKey: `${DB_OPTIMIZE_TOPIC}:${day}`,
    at: ctx.now().toISOString(),
  });
  return day;
}
