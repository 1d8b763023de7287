// Merchant API: the catalogue (products, variants, stock) for shops that are not connected.
import { ProductsPutBodySchema, ProductsPutResultSchema, ProductViewSchema } from '@retour/contracts/catalogue';
import { ErrorSchema } from '@retour/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { getProduct } from '../use-cases/catalogue/get-product.ts';
import { putProducts } from '../use-cases/catalogue/put-products.ts';

const tags = ['catalogue'];

export function merchantCatalogueRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/products',
      {
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Create or update up to 100 products with their variants and stock',
          body: ProductsPutBodySchema,
          response: { 200: ProductsPutResultSchema, 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => putProducts(ctx, authOf(req).merchantId, req.body),
    );

    app.get(
      '/products/:id',
      {
        schema: {
          tags,
          summary: 'One product with its variants and their stock',
          params: z.object({ id: z.string().min(1).max(64) }),
          response: { 200: ProductViewSchema, 401: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req) => getProduct(ctx, authOf(req).merchantId, req.params.id),
    );
  };
}
