// Liveness (no database) and readiness (the database answers).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from '@retour/contracts/common';
import { ping } from '@retour/db/maintenance';
import type { Ctx } from '../context.ts';

export function healthRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const Ok = z.object({ status: z.literal('ok') });
    app.get(
      '/api/health',
      { schema: { tags: ['operations'], summary: 'Liveness: the process answers (no database)', response: { 200: Ok } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/api/ready',
      {
        schema: {
          tags: ['operations'],
          summary: 'Readiness: the database answers',
          response: { 200: Ok, 503: ErrorSchema },
        },
      },
      async (_req, reply) => {
        try {
          await ping(ctx.db);
          return { status: 'ok' as const };
        } catch {
          return reply.status(503).send({ error: { code: 'service_unavailable', message: 'The database does not answer.' } });
        }
      },
    );
  };
}
