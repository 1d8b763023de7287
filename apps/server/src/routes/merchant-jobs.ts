// Merchant API: background work (outbox jobs) waiting or dead, and retrying one now.
import { ErrorSchema } from '@retour/contracts/common';
import { JobListQuerySchema, JobListSchema, JobParamsSchema, JobSchema } from '@retour/contracts/jobs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { listJobs } from '../use-cases/maintenance/list-jobs.ts';
import { retryJob } from '../use-cases/maintenance/retry-job.ts';

export function merchantJobRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const errors = { 400: ErrorSchema, 401: ErrorSchema };
    app.get(
      '/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Background work not finished: waiting (next try, last error) or dead (out of tries)',
          querystring: JobListQuerySchema,
          response: { 200: JobListSchema, ...errors },
        },
      },
      async (req) => listJobs(ctx, authOf(req).merchantId, req.query),
    );
    app.post(
      '/jobs/:id/retry',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Run a waiting or dead job now (a dead one gets fresh tries)',
          params: JobParamsSchema,
          response: { 200: JobSchema, ...errors, 404: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (req) => retryJob(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
