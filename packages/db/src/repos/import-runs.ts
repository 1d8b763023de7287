// Progress and per-row reports of order imports (CSV files, shop backfills).
import type { Selectable } from 'kysely';
import type { Executor } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { ImportRunsTable } from '../schema-integrations.ts';

export type ImportRow = Selectable<ImportRunsTable>;
/** One refused row or order: its line number (CSV) or position, and why. */
export type ImportProblem = { line: number; code: string; message: string; field?: string };
/** At most this many problems are kept per run; `failed` still counts them all. */
export const MAX_REPORTED_PROBLEMS = 1000;

export async function startImportRun(
  db: Executor,
  run: {
    merchantId: string;
    id: string;
    source: string;
    integrationId?: string | null;
    fileName?: string | null;
    total?: number | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('importRuns')
    .values({
      merchantId: run.merchantId,
      id: run.id,
      source: run.source,
      integrationId: run.integrationId ?? null,
      fileName: run.fileName ?? null,
      status: 'running',
      total: run.total ?? null,
      report: toJson([]),
      error: null,
      startedAt: run.at,
      updatedAt: run.at,
      finishedAt: null,
    })
    .execute();
}

/** Adds one batch's counts and problems (capped) to the run. */
export async function recordImportProgress(
  db: Executor,
  merchantId: string,
  id: string,
  batch: { processed: number; created: number; updated: number; problems: ImportProblem[]; total?: number | null; at: string },
): Promise<void> {
  const run = await getImportRun(db, merchantId, id);
  if (!run) return;
  const report = (fromJson<ImportProblem[]>(run.report) ?? []).concat(batch.problems).slice(0, MAX_REPORTED_PROBLEMS);
  await db
    .updateTable('importRuns')
    .set((eb) => ({
      processed: eb('processed', '+', batch.processed),
      created: eb('created', '+', batch.created),
      updated: eb('updated', '+', batch.updated),
      failed: eb('failed', '+', batch.problems.length),
      report: toJson(report),
      updatedAt: batch.at,
      ...(batch.total !== undefined ? { total: batch.total } : {}),
    }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .execute();
}

export async function finishImportRun(
  db: Executor,
  merchantId: string,
  id: string,
  outcome: { status: 'completed' | 'failed'; error?: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('importRuns')
    .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: outcome.at, updatedAt: outcome.at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .execute();
}

export async function getImportRun(db: Executor, merchantId: string, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('importRuns').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function listImportRuns(db: Executor, merchantId: string, limit = 50): Promise<ImportRow[]> {
  return db
    .selectFrom('importRuns')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export const problemsOf = (run: ImportRow): ImportProblem[] => fromJson<ImportProblem[]>(run.report) ?? [];
