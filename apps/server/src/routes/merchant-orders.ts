// Merchant API: order import and order views.
import { ErrorSchema, pageOf } from '@retour/contracts/common';
import {
  OrderImportBatchSchema,
  OrderImportResultSchema,
  OrderListQuerySchema,
  OrderSchema,
  OrderWithReturnsSchema,
} from '@retour/contracts/orders';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { idempotent } from '../http/idempotency.ts';
import type { ImportGate } from '../http/import-gate.ts';
import { getOrderDetail } from '../use-cases/orders/get-order.ts';
import { importOrders } from '../use-cases/orders/import-orders.ts';
import { listMerchantOrders } from '../use-cases/orders/list-orders.ts';

const tags = ['orders'];

export function merchantOrderRoutes(ctx: Ctx, importGate: ImportGate): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/orders',
      {
        bodyLimit: 16 * 1024 * 1024,
        // After authentication, before the body is read: at most RETOUR_IMPORT_CONCURRENCY batches at work.
        onRequest: importGate,
        config: { idempotencyKey: true },
        schema: {
          tags,
          summary: 'Import or update up to 1,000 orders',
          body: OrderImportBatchSchema,
          response: { 200: OrderImportResultSchema, 400: ErrorSchema, 401: ErrorSchema, 409: ErrorSchema },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, async () => ({
          status: 200,
          body: await importOrders(ctx, auth.merchantId, req.body.orders),
        }));
      },
    );

    app.get(
      '/orders',
      {
        schema: {
          tags,
          summary: 'List orders',
          querystring: OrderListQuerySchema,
          response: { 200: pageOf(OrderSchema), 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => listMerchantOrders(ctx, authOf(req).merchantId, req.query),
    );

    app.get(
      '/orders/:id',
      {
        schema: {
          tags,
          summary: 'One order with its returns',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: OrderWithReturnsSchema, 401: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req) => getOrderDetail(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
