// Merchant API: webhook endpoints (owner-only for back-office staff), their delivery log, replay
// and a test ping. The signing secret appears only in the create and rotate-secret responses.
import { ErrorSchema } from '@retour/contracts/common';
import {
  WebhookDeliveryPageSchema,
  WebhookDeliveryQuerySchema,
  WebhookDeliverySchema,
  WebhookInputSchema,
  WebhookListSchema,
  WebhookPatchSchema,
  WebhookSchema,
} from '@retour/contracts/webhooks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { listWebhookDeliveryLog } from '../use-cases/webhooks/list-webhook-deliveries.ts';
import { createWebhook } from '../use-cases/webhooks/create-webhook.ts';
import { deleteWebhook } from '../use-cases/webhooks/delete-webhook.ts';
import { getWebhook } from '../use-cases/webhooks/get-webhook.ts';
import { listWebhooks } from '../use-cases/webhooks/list-webhooks.ts';
import { rotateWebhookSecret } from '../use-cases/webhooks/rotate-webhook-secret.ts';
import { updateWebhook } from '../use-cases/webhooks/update-webhook.ts';
import { replayWebhookDelivery } from '../use-cases/webhooks/replay-webhook-delivery.ts';
import { sendTestWebhook } from '../use-cases/webhooks/send-test-webhook.ts';

const tags = ['webhooks'];
const Params = z.object({ id: z.string().min(1).max(64) });
const DeliveryParams = Params.extend({ deliveryId: z.string().min(1).max(64) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export function merchantWebhookRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/webhooks',
      { schema: { tags, summary: 'Webhook endpoints (secrets are never returned)', response: { 200: WebhookListSchema, ...errors } } },
      async (req) => ({ data: await listWebhooks(ctx, authOf(req).merchantId) }),
    );
    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Add a webhook endpoint; the response carries its signing secret, once',
          body: WebhookInputSchema,
          response: { 201: WebhookSchema, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await createWebhook(ctx, authOf(req).merchantId, req.body)),
    );
    app.get(
      '/webhooks/:id',
      { schema: { tags, summary: 'One webhook endpoint', params: Params, response: { 200: WebhookSchema, ...errors } } },
      async (req) => getWebhook(ctx, authOf(req).merchantId, req.params.id),
    );
    app.patch(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Change the URL, events, description or enabled flag',
          params: Params,
          body: WebhookPatchSchema,
          response: { 200: WebhookSchema, ...errors },
        },
      },
      async (req) => updateWebhook(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.delete(
      '/webhooks/:id',
      {
        schema: { tags, summary: 'Delete a webhook endpoint and its delivery log', params: Params, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await deleteWebhook(ctx, authOf(req).merchantId, req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/webhooks/:id/rotate-secret',
      {
        schema: {
          tags,
          summary: 'Replace the signing secret; the response carries the new one, once',
          params: Params,
          response: { 200: WebhookSchema, ...errors },
        },
      },
      async (req) => rotateWebhookSecret(ctx, authOf(req).merchantId, req.params.id),
    );
    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'Delivery log of an endpoint, newest first',
          params: Params,
          querystring: WebhookDeliveryQuerySchema,
          response: { 200: WebhookDeliveryPageSchema, ...errors },
        },
      },
      async (req) => listWebhookDeliveryLog(ctx, authOf(req).merchantId, req.params.id, req.query),
    );
    app.post(
      '/webhooks/:id/deliveries/:deliveryId/replay',
      {
        schema: {
          tags,
          summary: 'Send a delivery again (same body, fresh signature) through the outbox',
          params: DeliveryParams,
          response: { 202: WebhookDeliverySchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await replayWebhookDelivery(ctx, authOf(req).merchantId, req.params.id, req.params.deliveryId)),
    );
    app.post(
      '/webhooks/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a ping event now and return the delivery with its outcome',
          params: Params,
          response: { 200: WebhookDeliverySchema, ...errors },
        },
      },
      async (req) => sendTestWebhook(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
