// Recent import runs of a merchant (CSV files and shop backfills), and one run with its report.
import type { ImportRun, ImportRunSummary } from '@retour/contracts/imports';
import { getImportRun as findRun, listImportRuns as listRuns } from '@retour/db/repos/import-runs';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { presentImportRun } from '../../presenters/import-run-view.ts';

export async function listImportRuns(ctx: Ctx, merchantId: string): Promise<{ data: ImportRunSummary[] }> {
  const now = ctx.now();
  return { data: (await listRuns(ctx.db, merchantId, 50)).map((r) => presentImportRun(r, now, false)) };
}

export async function getImportRun(ctx: Ctx, merchantId: string, id: string): Promise<ImportRun> {
  const row = await findRun(ctx.db, merchantId, id);
  if (!row) fail('not_found', 'There is no import with this id for your account; list imports with GET /api/v1/imports.');
  return presentImportRun(row, ctx.now(), true);
}
