// Merchant API: configuration resources (brands, addresses, portals, shipping rules), API keys and
// carriers. The four table resources share one route shape, declared once below.
import { ErrorSchema, pageOf } from '@retour/contracts/common';
import {
  AddressInputSchema,
  AddressPatchSchema,
  AddressSchema,
  ApiKeyInputSchema,
  ApiKeySchema,
  BrandInputSchema,
  BrandPatchSchema,
  BrandSchema,
  PortalCreateSchema,
  PortalPatchSchema,
  PortalSchema,
  ShippingRuleInputSchema,
  ShippingRulePatchSchema,
  ShippingRuleSchema,
} from '@retour/contracts/config';
import { CarrierListSchema } from '@retour/contracts/returns';
import { type ConfigTable, getRow, listRows } from '@retour/db/repos/config';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { authOf } from '../http/auth.ts';
import { idempotent } from '../http/idempotency.ts';
import { toAddress, toBrand, toPortal, toShippingRule } from '../presenters/config-view.ts';
import { deleteConfig } from '../use-cases/settings/delete-config.ts';
import { listCarriers } from '../use-cases/carriers/list-carriers.ts';
import { createApiKey } from '../use-cases/api-keys/create-api-key.ts';
import { listKeys } from '../use-cases/api-keys/list-keys.ts';
import { revokeKey } from '../use-cases/api-keys/revoke-key.ts';
import { createAddress, updateAddress } from '../use-cases/settings/save-address.ts';
import { createBrand, updateBrand } from '../use-cases/settings/save-brand.ts';
import { createPortal, updatePortal } from '../use-cases/settings/save-portal.ts';
import { createShippingRule, updateShippingRule } from '../use-cases/settings/save-shipping-rule.ts';
import { decodeCursor, encodeCursor } from '../use-cases/shared/cursor.ts';

type Resource = {
  path: string;
  table: ConfigTable;
  label: string;
  view: z.ZodType;
  create: z.ZodType;
  patch: z.ZodType;
  present: (row: never, ctx: Ctx) => unknown;
  onCreate: (ctx: Ctx, merchantId: string, body: never) => Promise<unknown>;
  onPatch: (ctx: Ctx, merchantId: string, id: string, body: never) => Promise<unknown>;
};

const RESOURCES: Resource[] = [
  {
    path: 'brands',
    table: 'brands',
    label: 'brand',
    view: BrandSchema,
    create: BrandInputSchema,
    patch: BrandPatchSchema,
    present: toBrand,
    onCreate: createBrand,
    onPatch: updateBrand,
  },
  {
    path: 'addresses',
    table: 'addresses',
    label: 'address',
    view: AddressSchema,
    create: AddressInputSchema,
    patch: AddressPatchSchema,
    present: toAddress,
    onCreate: createAddress,
    onPatch: updateAddress,
  },
  {
    path: 'portals',
    table: 'portals',
    label: 'portal',
    view: PortalSchema,
    create: PortalCreateSchema,
    patch: PortalPatchSchema,
    present: (row, ctx) => toPortal(row, ctx.publicUrl),
    onCreate: createPortal,
    onPatch: updatePortal,
  },
  {
    path: 'shipping-rules',
    table: 'shippingRules',
    label: 'shipping rule',
    view: ShippingRuleSchema,
    create: ShippingRuleInputSchema,
    patch: ShippingRulePatchSchema,
    present: toShippingRule,
    onCreate: createShippingRule,
    onPatch: updateShippingRule,
  },
];

const Params = z.object({ id: z.string().min(1).max(64) });
const PageQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

export function merchantConfigRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    for (const r of RESOURCES) {
      const tags = ['configuration'];
      app.get(
        `/${r.path}`,
        {
          schema: {
            tags,
            summary: `List ${r.label}s`,
            querystring: PageQuery,
            response: { 200: pageOf(r.view), 400: ErrorSchema, 401: ErrorSchema },
          },
        },
        async (req) => {
          const after = decodeCursor(req.query.cursor, ['id']);
          const rows = await listRows(ctx.db, r.table, authOf(req).merchantId, {
            limit: req.query.limit + 1,
            ...(after ? { afterId: after.id } : {}),
          });
          const page = rows.slice(0, req.query.limit);
          const last = page[page.length - 1];
          return {
            data: page.map((row) => r.present(row as never, ctx)),
            nextCursor: rows.length > req.query.limit && last ? encodeCursor({ id: last.id }) : null,
          };
        },
      );
      app.get(
        `/${r.path}/:id`,
        { schema: { tags, summary: `One ${r.label}`, params: Params, response: { 200: r.view, 401: ErrorSchema, 404: ErrorSchema } } },
        async (req) => {
          const row = await getRow(ctx.db, r.table, authOf(req).merchantId, req.params.id);
          if (!row) fail('not_found', `There is no ${r.label} with this id for your account.`);
          return r.present(row as never, ctx);
        },
      );
      app.post(
        `/${r.path}`,
        {
          config: { idempotencyKey: true },
          schema: { tags, summary: `Create a ${r.label}`, body: r.create, response: { 201: r.view, ...errors } },
        },
        async (req, reply) => {
          const auth = authOf(req);
          return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, async () => ({
            status: 201,
            body: await r.onCreate(ctx, auth.merchantId, req.body as never),
          }));
        },
      );
      app.patch(
        `/${r.path}/:id`,
        { schema: { tags, summary: `Change a ${r.label}`, params: Params, body: r.patch, response: { 200: r.view, ...errors } } },
        async (req) => r.onPatch(ctx, authOf(req).merchantId, req.params.id, req.body as never),
      );
      app.delete(
        `/${r.path}/:id`,
        { schema: { tags, summary: `Delete a ${r.label}`, params: Params, response: { 204: z.null(), ...errors } } },
        async (req, reply) => {
          await deleteConfig(ctx, authOf(req).merchantId, r.table, req.params.id);
          return reply.status(204).send(null);
        },
      );
    }

    const keyTags = ['configuration'];
    app.get(
      '/api-keys',
      { schema: { tags: keyTags, summary: 'List API keys', response: { 200: pageOf(ApiKeySchema), 401: ErrorSchema } } },
      async (req) => ({ data: await listKeys(ctx, authOf(req).merchantId), nextCursor: null }),
    );
    app.post(
      '/api-keys',
      {
        config: { idempotencyKey: true },
        schema: {
          tags: keyTags,
          summary: 'Create an API key (the secret is in this response only)',
          body: ApiKeyInputSchema,
          response: { 201: ApiKeySchema, ...errors },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, async () => ({
          status: 201,
          body: await createApiKey(ctx, auth.merchantId, req.body.name),
        }));
      },
    );
    app.delete(
      '/api-keys/:id',
      { schema: { tags: keyTags, summary: 'Revoke an API key', params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const auth = authOf(req);
        await revokeKey(ctx, auth.merchantId, req.params.id, auth.keyId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/carriers',
      {
        schema: {
          tags: keyTags,
          summary: "Available carriers and their capabilities: the built-in ones and the merchant's connected carrier accounts",
          response: { 200: CarrierListSchema, 401: ErrorSchema },
        },
      },
      async (req) => ({ data: await listCarriers(ctx, authOf(req).merchantId) }),
    );
  };
}
