// Merchant API: CSV order imports. The file is the request body (text/csv); the answer is 202 with
// the run, and the import goes on in this process, writing progress after every batch.
import { ErrorSchema } from '@retour/contracts/common';
import { CsvImportQuerySchema, ImportRunListSchema, ImportRunSchema } from '@retour/contracts/imports';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { authOf } from '../http/auth.ts';
import { startCsvImport } from '../use-cases/orders/import-csv-orders.ts';
import { getImportRun, listImportRuns } from '../use-cases/orders/list-import-runs.ts';

const tags = ['imports'];
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

export function merchantImportRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    app.post(
      '/imports',
      {
        bodyLimit: MAX_CSV_BYTES,
        schema: {
          tags,
          summary: 'Import orders from a CSV file (body text/csv, up to 64 MB); answers 202 and imports in the background',
          querystring: CsvImportQuerySchema,
          response: { 202: ImportRunSchema, 400: ErrorSchema, 401: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) fail('unsupported_media_type', 'Send the CSV file as the body with Content-Type: text/csv.');
        if (req.body.length === 0) fail('validation_error', 'The file is empty: line 1 must be the header with the column names.');
        const { run, done } = await startCsvImport(ctx, authOf(req).merchantId, {
          source: [req.body],
          fileName: req.query.fileName,
          integration: req.query.integration,
        });
        done.catch((error: unknown) => req.log.error({ err: error, importRunId: run.id }, 'csv import failed'));
        return reply.status(202).send(run);
      },
    );

    app.get(
      '/imports',
      {
        schema: {
          tags,
          summary: 'Recent import runs (CSV files and shop backfills)',
          response: { 200: ImportRunListSchema, 401: ErrorSchema },
        },
      },
      async (req) => listImportRuns(ctx, authOf(req).merchantId),
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags,
          summary: 'One import run: counts, status and the refused rows by line number',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: ImportRunSchema, 401: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req) => getImportRun(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
