// Merchant API: carrier accounts (issue #11). Owner-only in the back office (http/session-auth.ts).
import {
  CarrierAccountConnectBodySchema,
  CarrierAccountDeletedSchema,
  CarrierAccountListSchema,
  CarrierAccountParamsSchema,
  CarrierAccountSchema,
  CarrierAccountTestSchema,
  CarrierAccountUpdateBodySchema,
  CarrierCredentialsBodySchema,
  CarrierProviderListSchema,
  CarrierServiceListSchema,
} from '@retour/contracts/carrier-accounts';
import { ErrorSchema } from '@retour/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { idempotent } from '../http/idempotency.ts';
import { connectCarrierAccount } from '../use-cases/carriers/connect-carrier-account.ts';
import { disconnectCarrierAccount } from '../use-cases/carriers/disconnect-carrier-account.ts';
import { getMerchantCarrierAccount } from '../use-cases/carriers/get-carrier-account.ts';
import { listMerchantCarrierAccounts } from '../use-cases/carriers/list-carrier-accounts.ts';
import { listCarrierProviders } from '../use-cases/carriers/list-carrier-providers.ts';
import { listCarrierServices } from '../use-cases/carriers/list-carrier-services.ts';
import { replaceCarrierCredentials } from '../use-cases/carriers/replace-carrier-credentials.ts';
import { testCarrierAccount } from '../use-cases/carriers/test-carrier-account.ts';
import { updateMerchantCarrierAccount } from '../use-cases/carriers/update-carrier-account.ts';

const tags = ['carrier-accounts'];
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  503: ErrorSchema,
};

export function merchantCarrierAccountRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/carrier-accounts',
      {
        schema: {
          tags,
          summary: 'Connected carrier accounts (credentials are never returned)',
          response: { 200: CarrierAccountListSchema, ...errors },
        },
      },
      async (req) => ({ data: await listMerchantCarrierAccounts(ctx, authOf(req).merchantId) }),
    );
    app.post(
      '/carrier-accounts',
      {
        config: { idempotencyKey: true },
        schema: {
          tags,
          summary: "Connect a carrier account with the carrier's credentials (checked with the carrier first, then stored sealed)",
          body: CarrierAccountConnectBodySchema,
          response: { 201: CarrierAccountSchema, ...errors },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, async () => ({
          status: 201,
          body: await connectCarrierAccount(ctx, auth.merchantId, req.body),
        }));
      },
    );
    app.get(
      '/carrier-accounts/providers',
      {
        schema: {
          tags,
          summary: 'The carrier providers this installation can connect (offer only these)',
          response: { 200: CarrierProviderListSchema, ...errors },
        },
      },
      async () => listCarrierProviders(ctx),
    );
    app.get(
      '/carrier-accounts/:id',
      {
        schema: {
          tags,
          summary: 'One carrier account',
          params: CarrierAccountParamsSchema,
          response: { 200: CarrierAccountSchema, ...errors },
        },
      },
      async (req) => getMerchantCarrierAccount(ctx, authOf(req).merchantId, req.params.id),
    );
    app.post(
      '/carrier-accounts/:id/test',
      {
        schema: {
          tags,
          summary: 'Test the connection with the stored credentials (a refusal marks the account auth_failed)',
          params: CarrierAccountParamsSchema,
          response: { 200: CarrierAccountTestSchema, ...errors },
        },
      },
      async (req) => testCarrierAccount(ctx, authOf(req).merchantId, req.params.id),
    );
    app.put(
      '/carrier-accounts/:id/credentials',
      {
        schema: {
          tags,
          summary: "Reconnect with new credentials (same shape as `credentials` when connecting this provider's account)",
          params: CarrierAccountParamsSchema,
          body: CarrierCredentialsBodySchema,
          response: { 200: CarrierAccountSchema, ...errors },
        },
      },
      async (req) => replaceCarrierCredentials(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.get(
      '/carrier-accounts/:id/services',
      {
        schema: {
          tags,
          summary: 'The services (carrier products) this account can book returns with, from the carrier',
          params: CarrierAccountParamsSchema,
          response: { 200: CarrierServiceListSchema, ...errors },
        },
      },
      async (req) => ({ data: await listCarrierServices(ctx, authOf(req).merchantId, req.params.id) }),
    );
    app.patch(
      '/carrier-accounts/:id',
      {
        schema: {
          tags,
          summary:
            'Rename the account (`name`, shown to shoppers) and/or choose the service per country and return method (`settings`: replaces the list; each is checked against the services)',
          params: CarrierAccountParamsSchema,
          body: CarrierAccountUpdateBodySchema,
          response: { 200: CarrierAccountSchema, ...errors },
        },
      },
      async (req) => updateMerchantCarrierAccount(ctx, authOf(req).merchantId, req.params.id, req.body),
    );
    app.delete(
      '/carrier-accounts/:id',
      {
        schema: {
          tags,
          summary:
            'Disconnect: the account and its credentials are deleted; returns booked on it keep their labels. 409 carrier_in_use while a portal lists its code',
          params: CarrierAccountParamsSchema,
          response: { 200: CarrierAccountDeletedSchema, ...errors },
        },
      },
      async (req) => disconnectCarrierAccount(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
