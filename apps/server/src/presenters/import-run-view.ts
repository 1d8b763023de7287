// import_runs rows → API objects. A CSV run still "running" with no progress for 10 minutes belonged
// to a process that died (CSV imports run inside the process that took the upload); it is shown as
// failed, with what to do. Shop backfills are outbox jobs that resume after a crash, so they keep
// their stored status.
import type { ImportRun, ImportRunSummary } from '@retour/contracts/imports';
import { type ImportRow, problemsOf } from '@retour/db/repos/import-runs';

export const STALE_RUN_MS = 10 * 60 * 1000;
export const STALE_RUN_ERROR =
  'The import stopped without finishing (no progress for 10 minutes). Orders of the batches already counted are stored; uploading the same file again is safe, because orders are updated, not duplicated.';

export function presentImportRun(row: ImportRow, now: Date, withReport: true): ImportRun;
export function presentImportRun(row: ImportRow, now: Date, withReport: false): ImportRunSummary;
export function presentImportRun(row: ImportRow, now: Date, withReport: boolean): ImportRun | ImportRunSummary {
  const stale = row.source === 'csv' && row.status === 'running' && now.getTime() - new Date(row.updatedAt).getTime() > STALE_RUN_MS;
  const summary: ImportRunSummary = {
    id: row.id,
    source: row.source,
    integrationId: row.integrationId,
    fileName: row.fileName,
    status: stale ? 'failed' : (row.status as ImportRunSummary['status']),
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    failed: row.failed,
    error: stale ? STALE_RUN_ERROR : row.error,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
  if (!withReport) return summary;
  return { ...summary, report: problemsOf(row).sort((a, b) => a.line - b.line) };
}
