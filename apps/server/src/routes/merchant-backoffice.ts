// Merchant API for the back office: users (owners only), the returns overview (counts, CSV
// export, bulk actions), insights, the shipping-rule tester and image uploads.
import {
  BulkBodySchema,
  BulkResultSchema,
  InsightsQuerySchema,
  InsightsSchema,
  ReturnCountsQuerySchema,
  ReturnCountsSchema,
  ReturnExportQuerySchema,
  RuleTestBodySchema,
  RuleTestResultSchema,
  UploadBodySchema,
  UploadSchema,
  UserCreateBodySchema,
  UserCreatedSchema,
  UserPatchBodySchema,
  UserSchema,
} from '@retour/contracts/backoffice';
import { ErrorSchema, pageOf } from '@retour/contracts/common';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { bulkReturns } from '../use-cases/returns/bulk-returns.ts';
import { countReturns } from '../use-cases/returns/count-returns.ts';
import { exportReturnsCsv } from '../use-cases/returns/export-returns.ts';
import { getInsights } from '../use-cases/reports/get-insights.ts';
import { changeUser } from '../use-cases/users/change-user.ts';
import { createUser } from '../use-cases/users/create-user.ts';
import { listMerchantUsers } from '../use-cases/users/list-merchant-users.ts';
import { removeUser } from '../use-cases/users/remove-user.ts';
import { testShippingRule } from '../use-cases/settings/test-shipping-rule.ts';
import { uploadImage } from '../use-cases/settings/upload-image.ts';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export function merchantBackofficeRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const userTags = ['users'];
    app.get(
      '/users',
      { schema: { tags: userTags, summary: 'Back-office users (owners only)', response: { 200: pageOf(UserSchema), ...errors } } },
      async (req) => ({ data: await listMerchantUsers(ctx, authOf(req).merchantId), nextCursor: null }),
    );
    app.post(
      '/users',
      {
        schema: {
          tags: userTags,
          summary: 'Add a user (the generated password is in this response only)',
          body: UserCreateBodySchema,
          response: { 201: UserCreatedSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await createUser(ctx, authOf(req).merchantId, req.body)),
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          tags: userTags,
          summary: 'Change a user’s name or role (a merchant keeps at least one owner)',
          params: Params,
          body: UserPatchBodySchema,
          response: { 200: UserSchema, ...errors },
        },
      },
      async (req) => changeUser(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.delete(
      '/users/:id',
      { schema: { tags: userTags, summary: 'Remove a user', params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const auth = authOf(req);
        await removeUser(ctx, auth.merchantId, req.params.id, auth.userId);
        return reply.status(204).send(null);
      },
    );

    const tags = ['returns'];
    app.get(
      '/returns/counts',
      {
        schema: {
          tags,
          summary: 'How many returns match, per status',
          querystring: ReturnCountsQuerySchema,
          response: { 200: ReturnCountsSchema, 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => countReturns(ctx, authOf(req).merchantId, req.query),
    );
    app.get(
      '/returns/export.csv',
      {
        schema: {
          tags,
          summary: 'The filtered returns as CSV (streamed, every matching return)',
          querystring: ReturnExportQuerySchema,
          response: { 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req, reply) => {
        const csv = await exportReturnsCsv(ctx, authOf(req).merchantId, req.query);
        return (reply as FastifyReply)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="returns.csv"')
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
    app.post(
      '/returns/bulk',
      {
        schema: {
          tags,
          summary: 'Approve, or receive in full, many returns; each succeeds or fails on its own',
          body: BulkBodySchema,
          response: { 200: BulkResultSchema, ...errors },
        },
      },
      async (req) => {
        const auth = authOf(req);
        return bulkReturns(ctx, auth.merchantId, auth.actor, req.body);
      },
    );

    app.get(
      '/insights',
      {
        schema: {
          tags: ['insights'],
          summary: 'Returns per day, reasons, return rate per SKU, resolutions, label costs',
          querystring: InsightsQuerySchema,
          response: { 200: InsightsSchema, 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => getInsights(ctx, authOf(req).merchantId, req.query),
    );

    app.post(
      '/shipping-rules/test',
      {
        schema: {
          tags: ['configuration'],
          summary: 'Which shipping rule, sender address and brand an order would get',
          body: RuleTestBodySchema,
          response: { 200: RuleTestResultSchema, ...errors },
        },
      },
      async (req) => testShippingRule(ctx, authOf(req).merchantId, req.body),
    );

    app.post(
      '/uploads',
      {
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags: ['configuration'],
          summary: 'Upload an image (PNG, JPEG, WebP; at most 2 MB) for logos and portal backgrounds',
          body: UploadBodySchema,
          response: { 201: UploadSchema, 413: ErrorSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await uploadImage(ctx, authOf(req).merchantId, req.body)),
    );
  };
}
