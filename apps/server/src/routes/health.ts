// Liveness (no database) and readiness (the database and the photo storage answer).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from '@retour/contracts/common';
import { ping } from '@retour/db/maintenance';
import type { Ctx } from '../context.ts';
import { sendDatabaseUnavailable, sendStorageUnavailable } from '../http/error-handler.ts';

/** Readiness answers within this even when the database hangs (a cut network, a stuck failover). */
export const READY_PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number, what = 'the database'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const Ok = z.object({ status: z.literal('ok') });
    app.get(
      '/api/health',
      { schema: { tags: ['operations'], summary: 'Liveness: the process answers (no database)', response: { 200: Ok } } },
      async () => ({ status: 'ok' as const }),
    );
    // Not ready while the database does not answer; ready again by itself as soon as it does
    // (every call pings anew; the pool reopens connections).
    app.get(
      '/api/ready',
      {
        schema: {
          tags: ['operations'],
          summary: 'Readiness: the database and the photo storage answer',
          response: { 200: Ok, 503: ErrorSchema },
        },
      },
      async (request, reply) => {
        try {
          await withTimeout(ping(ctx.db), READY_PING_TIMEOUT_MS);
        } catch (error) {
          request.log.warn({ err: error }, 'not ready: the database does not answer');
          return sendDatabaseUnavailable(request, reply);
        }
        // The storage's own cheap check: the folder is writable / the bucket answers (HeadBucket).
        const check = ctx.storage?.check?.bind(ctx.storage);
        if (check) {
          try {
            await withTimeout(check(), READY_PING_TIMEOUT_MS, 'the photo storage');
          } catch (error) {
            request.log.warn({ err: error }, 'not ready: the photo storage does not answer');
            return sendStorageUnavailable(request, reply);
          }
        }
        return { status: 'ok' as const };
      },
    );
  };
}
