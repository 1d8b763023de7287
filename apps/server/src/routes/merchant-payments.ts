// Merchant API: the payment provider account that takes shoppers' up-front return fees (Mollie).
import { ErrorSchema } from '@retour/contracts/common';
import { MollieAccountBodySchema, PaymentAccountDeletedSchema, PaymentAccountSchema } from '@retour/contracts/payments';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { connectMollie } from '../use-cases/payments/connect-mollie.ts';
import { disconnectMollie } from '../use-cases/payments/disconnect-mollie.ts';
import { getMollieAccount } from '../use-cases/payments/get-mollie-account.ts';

export function merchantPaymentRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/payment-accounts/mollie',
      {
        schema: {
          tags: ['payments'],
          summary: 'The Mollie account: whether it is connected and in which mode (the API key is never returned)',
          response: { 200: PaymentAccountSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => getMollieAccount(ctx, authOf(req).merchantId),
    );
    app.put(
      '/payment-accounts/mollie',
      {
        schema: {
          tags: ['payments'],
          summary: 'Connect Mollie with an API key (checked against Mollie, stored sealed)',
          body: MollieAccountBodySchema,
          response: { 200: PaymentAccountSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema, 502: ErrorSchema },
        },
      },
      async (req) => connectMollie(ctx, authOf(req).merchantId, req.body),
    );
    app.delete(
      '/payment-accounts/mollie',
      {
        schema: {
          tags: ['payments'],
          summary: 'Disconnect Mollie (portals with an up-front fee then refuse new payments)',
          response: { 200: PaymentAccountDeletedSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => disconnectMollie(ctx, authOf(req).merchantId),
    );
  };
}
