// Merchant API: reports.
import { ErrorSchema } from '@retour/contracts/common';
import { LabelCostQuerySchema, LabelCostReportSchema } from '@retour/contracts/reports';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { reportLabelCosts } from '../use-cases/reports/report-label-costs.ts';

export function merchantReportRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/label-costs',
      {
        schema: {
          tags: ['reports'],
          summary: 'Label cost per carrier and month',
          querystring: LabelCostQuerySchema,
          response: { 200: LabelCostReportSchema, 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => reportLabelCosts(ctx, authOf(req).merchantId, req.query),
    );
  };
}
