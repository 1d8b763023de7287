// Liveness (no database) and readiness (the database answers).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '@retour/db/maintenance';
import type { Ctx } from '../context.ts';

export function healthRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', { schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
      status: 'ok' as const,
    }));
    app.get('/api/ready', { schema: { tags: ['operations'] } }, async (_req, reply) => {
      try {
        await ping(ctx.db);
        return { status: 'ok' };
      } catch {
        return reply.status(503).send({ error: { code: 'service_unavailable', message: 'The database does not answer.' } });
      }
    });
  };
}
