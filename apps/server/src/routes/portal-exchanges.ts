// The portal's exchange endpoints (issue #14): the options for one item and the quote of a whole
// return, both with the lookup token. Separate from the lookup so the lookup reads no catalogue.
import {
  ExchangeOptionsQuerySchema,
  ExchangeOptionsSchema,
  ExchangeQuoteBodySchema,
  ExchangeQuoteSchema,
} from '@retour/contracts/catalogue';
import { ErrorSchema } from '@retour/contracts/common';
import { PortalParamsSchema } from '@retour/contracts/portal';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { getExchangeOptions } from '../use-cases/catalogue/get-exchange-options.ts';
import { quoteExchange } from '../use-cases/catalogue/quote-exchange.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const headers = z.object({ authorization: z.string().max(4000).optional() });

export function portalExchangeRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/:slug/exchange-options',
      {
        schema: {
          tags: ['portal'],
          summary: 'What an order item may be exchanged for, with stock and price difference (needs the lookup token)',
          params: PortalParamsSchema,
          querystring: ExchangeOptionsQuerySchema,
          headers,
          response: { 200: ExchangeOptionsSchema, ...errors },
        },
      },
      async (req) => getExchangeOptions(ctx, req.params.slug, req.headers.authorization, req.query),
    );

    app.post(
      '/api/portal/:slug/exchange-quote',
      {
        schema: {
          tags: ['portal'],
          summary: 'The price difference and bonus credit of the chosen exchanges, before submitting (needs the lookup token)',
          params: PortalParamsSchema,
          headers,
          body: ExchangeQuoteBodySchema,
          response: { 200: ExchangeQuoteSchema, ...errors },
        },
      },
      async (req) => quoteExchange(ctx, req.params.slug, req.headers.authorization, req.body),
    );
  };
}
