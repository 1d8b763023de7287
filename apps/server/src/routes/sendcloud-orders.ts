// Sendcloud-compatible order import: `POST /api/v3/orders` with Sendcloud's v3 Orders body and
// answers, so shops and plug-ins that send orders to Sendcloud can point at Retour instead.
// Authenticated with a Retour API key, as a Bearer token or as the password of HTTP Basic (what
// Sendcloud clients send). Every error leaves as Sendcloud's `{ errors: [ … ] }` document.
import { MAX_SENDCLOUD_ORDERS, SendcloudErrorSchema, SendcloudOrdersResponseSchema } from '@retour/contracts/sendcloud-orders';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { AppError, fail } from '../errors.ts';
import { authenticate, authOf } from '../http/auth.ts';
import type { ImportGate } from '../http/import-gate.ts';
import { importSendcloudOrders } from '../use-cases/orders/import-sendcloud-orders.ts';

export function sendcloudOrderRoutes(ctx: Ctx, importGate: ImportGate): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization ?? '';
      if (header.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
        const password = decoded.slice(decoded.indexOf(':') + 1);
        request.headers.authorization = `Bearer ${password}`;
      } else if (!header.startsWith('Bearer ')) {
        fail(
          'invalid_api_key',
          'Send your Retour API key as "Authorization: Bearer <key>" or as the password of HTTP Basic authentication.',
        );
      }
      await authenticate(ctx, request);
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        const listed = error.details?.errors;
        const errors = Array.isArray(listed) ? listed : [{ status: String(error.status), code: error.code, detail: error.message }];
        return reply.status(error.status).send({ errors });
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'unhandled error');
      const detail =
        status === 413
          ? 'The request body is too large; send at most 100 orders per request.'
          : status === 415
            ? 'Send the orders as application/json.'
            : status === 400
              ? 'The request body is not valid JSON; send an array of orders.'
              : 'Something went wrong on our side. Try again; if it keeps happening, contact support with the request id.';
      const code = status === 500 ? 'internal_error' : status === 400 ? 'validation_error' : 'invalid_request';
      return reply.status(status).send({ errors: [{ status: String(status), code, detail }] });
    });

    app.post(
      '/orders',
      {
        bodyLimit: 16 * 1024 * 1024,
        // After authentication, before the body is read: at most RETOUR_IMPORT_CONCURRENCY batches at work.
        onRequest: importGate,
        schema: {
          tags: ['sendcloud'],
          summary: `Sendcloud v3 compatible: create or update up to ${MAX_SENDCLOUD_ORDERS} orders (all or nothing)`,
          response: { 200: SendcloudOrdersResponseSchema, 400: SendcloudErrorSchema, 401: SendcloudErrorSchema, 409: SendcloudErrorSchema },
        },
      },
      async (req) => importSendcloudOrders(ctx, authOf(req).merchantId, req.body),
    );
  };
}
