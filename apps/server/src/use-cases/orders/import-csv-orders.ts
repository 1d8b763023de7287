// Imports orders from a CSV file (one row per order item): reads the whole file as a stream, groups
// rows into orders, then upserts them through importOrders in batches of up to 1,000 orders,
// writing the run's progress after each batch. Refused rows are reported by line number; an order
// with any bad row is refused whole. Re-importing the same file is safe (same integration +
// order_id updates the order).
import { Readable } from 'node:stream';
import type { ImportRun } from '@retour/contracts/imports';
import { MAX_ORDERS_PER_IMPORT } from '@retour/contracts/orders';
import { newId } from '@retour/db/ids';
import { ensureIntegration } from '@retour/db/repos/config';
import { finishImportRun, getImportRun, recordImportProgress, startImportRun } from '@retour/db/repos/import-runs';
import { parse } from 'csv-parse';
import type { Ctx } from '../../context.ts';
import { presentImportRun } from '../../presenters/import-run-view.ts';
import { importOrders } from './import-orders.ts';
import {
  checkHeader,
  type CsvOrder,
  CsvOrderCollector,
  type CsvProblem,
  type CsvRecord,
  detectDelimiter,
  locate,
  refuseOrder,
} from './csv-order-rows.ts';

export type CsvImportInput = {
  /** The file's bytes as they arrive (a file stream, or the request body in one chunk). */
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  fileName?: string | null;
  /** Integration name for rows without an `integration` value (default "csv"). */
  integration?: string;
};

/** A file that cannot be read at all (no header, unknown columns, broken quoting): nothing is stored. */
export class UnusableCsvError extends Error {}

/** Starts a run and returns it at once; `done` settles when every batch is written. */
export async function startCsvImport(
  ctx: Ctx,
  merchantId: string,
  input: CsvImportInput,
  onProgress?: (run: ImportRun) => void,
): Promise<{ run: ImportRun; done: Promise<ImportRun> }> {
  const id = newId('imp');
  const at = ctx.now().toISOString();
  await startImportRun(ctx.db, { merchantId, id, source: 'csv', fileName: input.fileName ?? null, at });
  const current = async () => presentImportRun((await getImportRun(ctx.db, merchantId, id)) as never, ctx.now(), true);
  const run = await current();
  const done = (async () => {
    try {
      await runImport(ctx, merchantId, id, input, async () => onProgress?.(await current()));
      await finishImportRun(ctx.db, merchantId, id, { status: 'completed', at: ctx.now().toISOString() });
    } catch (error) {
      const message =
        error instanceof UnusableCsvError
          ? error.message
          : 'The import stopped because of an error on our side; orders of the batches already counted are stored, and uploading the same file again is safe (orders are updated, not duplicated).';
      await finishImportRun(ctx.db, merchantId, id, { status: 'failed', error: message, at: ctx.now().toISOString() });
    }
    return current();
  })();
  return { run, done };
}

async function runImport(ctx: Ctx, merchantId: string, runId: string, input: CsvImportInput, progress: () => Promise<void>) {
  const { orders, problems, rows } = await collect(input.source, input.integration ?? 'csv');
  const at = () => ctx.now().toISOString();
  await recordImportProgress(ctx.db, merchantId, runId, {
    processed: problems.length,
    created: 0,
    updated: 0,
    problems,
    total: rows,
    at: at(),
  });
  await progress();
  const kinds = new Set(orders.map((o) => o.order.integration as string));
  for (const name of kinds) {
    await ensureIntegration(ctx.db, merchantId, name, () => ({ merchantId, id: newId('int'), name, kind: 'csv', createdAt: at() }));
  }
  for (let i = 0; i < orders.length; i += MAX_ORDERS_PER_IMPORT) {
    const batch = orders.slice(i, i + MAX_ORDERS_PER_IMPORT);
    const result = await importOrders(
      ctx,
      merchantId,
      batch.map((o) => o.order),
    );
    const refused: CsvProblem[] = result.failed.flatMap((f) => problemsOf(batch[f.index] as CsvOrder, f.error));
    await recordImportProgress(ctx.db, merchantId, runId, {
      processed: batch.reduce((n, o) => n + o.lines.length, 0),
      created: result.created,
      updated: result.updated,
      problems: refused.sort((a, b) => a.line - b.line),
      at: at(),
    });
    await progress();
  }
}

function problemsOf(order: CsvOrder, error: { code: string; message: string; details?: Record<string, unknown> }): CsvProblem[] {
  const issues = new Map<number, { field: string; message: string }[]>();
  const list = (error.details?.issues as { path: (string | number)[]; message: string }[] | undefined) ?? [];
  if (list.length === 0) issues.set(order.lines[0] as number, [{ field: 'order_id', message: error.message }]);
  for (const issue of list) {
    const where = locate(order, issue.path);
    issues.set(where.line, [...(issues.get(where.line) ?? []), { field: where.field, message: issue.message }]);
  }
  return refuseOrder(order.lines, issues);
}

/** Splits big chunks so parsing a large body yields to other requests now and then. */
async function* chunks(source: CsvImportInput['source']): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let i = 0; i < buf.length; i += 256 * 1024) yield buf.subarray(i, i + 256 * 1024);
  }
}

/** Reads the header to choose the delimiter and line ending, then parses every row. */
async function collect(source: CsvImportInput['source'], integration: string) {
  const iterator = chunks(source)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headText = '';
  while (!headText.includes('\n')) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headText += next.value.toString('utf8');
  }
  const headerLine = (headText.split('\n')[0] ?? '').replace(/^\uFEFF/, '');
  if (!headerLine.trim()) throw new UnusableCsvError('The file is empty: line 1 must be the header with the column names.');
  const crlf = headerLine.endsWith('\r');
  const parser = parse({
    bom: true,
    delimiter: detectDelimiter(headerLine),
    record_delimiter: crlf ? '\r\n' : '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  const rest = (async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const stream = Readable.from(rest).pipe(parser);
  const collector = new CsvOrderCollector(integration);
  let columns: string[] | null = null;
  let doubleCounted = 0;
  try {
    for await (const { record, info } of stream as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse counts a CRLF inside a quoted field as two lines; count it once.
      const inside = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      if (crlf) doubleCounted += record.reduce((n, f) => n + (f.match(/\r\n/g)?.length ?? 0), 0);
      const line = info.lines - doubleCounted - inside;
      if (!columns) {
        const header = checkHeader(record);
        if (!header.ok) throw new UnusableCsvError(header.message);
        columns = header.columns;
        continue;
      }
      const values: CsvRecord = {};
      columns.forEach((c, i) => {
        values[c as keyof CsvRecord] = record[i] ?? '';
      });
      const fieldError =
        record.length !== columns.length
          ? `This row has ${record.length} fields but the header has ${columns.length}; check the delimiters and quotes.`
          : undefined;
      collector.add(values, line, fieldError);
    }
  } catch (error) {
    if (error instanceof UnusableCsvError) throw error;
    const where = (error as { lines?: number }).lines;
    throw new UnusableCsvError(
      `${where ? `Line ${where - doubleCounted}: ` : ''}the file could not be read as CSV (${(error as Error).message}). Fix it and upload it again; nothing was stored.`,
    );
  }
  if (!columns) throw new UnusableCsvError('The file is empty: line 1 must be the header with the column names.');
  return { ...collector.finish(), rows: collector.rows };
}
