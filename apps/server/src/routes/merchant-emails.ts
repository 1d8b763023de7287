// Merchant API: email templates (list, override per template and language, reset, preview) and
// the outbox's email jobs.
import { ErrorSchema } from '@retour/contracts/common';
import {
  EmailListQuerySchema,
  EmailListSchema,
  EmailPreviewInputSchema,
  EmailPreviewSchema,
  EmailTemplateInputSchema,
  EmailTemplateListSchema,
  EmailTemplateParamsSchema,
  EmailTemplateSchema,
} from '@retour/contracts/emails';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { listEmails } from '../use-cases/emails/list-emails.ts';
import { listTemplates } from '../use-cases/emails/list-templates.ts';
import { previewTemplate } from '../use-cases/emails/preview-template.ts';
import { resetTemplate } from '../use-cases/emails/reset-template.ts';
import { saveTemplate } from '../use-cases/emails/save-template.ts';

export function merchantEmailRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    const errors = { 400: ErrorSchema, 401: ErrorSchema };
    app.get(
      '/email-templates',
      {
        schema: {
          tags: ['emails'],
          summary: 'Every email template in every language, with its default or override',
          response: { 200: EmailTemplateListSchema, ...errors },
        },
      },
      async (req) => listTemplates(ctx, authOf(req).merchantId),
    );
    app.put(
      '/email-templates/:template/:language',
      {
        schema: {
          tags: ['emails'],
          summary: "Override a template's subject and text body in one language",
          params: EmailTemplateParamsSchema,
          body: EmailTemplateInputSchema,
          response: { 200: EmailTemplateSchema, ...errors },
        },
      },
      async (req) => saveTemplate(ctx, authOf(req).merchantId, req.params.template, req.params.language, req.body),
    );
    app.delete(
      '/email-templates/:template/:language',
      {
        schema: {
          tags: ['emails'],
          summary: 'Reset a template in one language to the default',
          params: EmailTemplateParamsSchema,
          response: { 200: EmailTemplateSchema, ...errors },
        },
      },
      async (req) => resetTemplate(ctx, authOf(req).merchantId, req.params.template, req.params.language),
    );
    app.post(
      '/email-templates/:template/:language/preview',
      {
        schema: {
          tags: ['emails'],
          summary: 'Render a template (the saved one, or the given unsaved text) for a sample return',
          params: EmailTemplateParamsSchema,
          body: EmailPreviewInputSchema,
          response: { 200: EmailPreviewSchema, ...errors },
        },
      },
      async (req) => previewTemplate(ctx, authOf(req).merchantId, req.params.template, req.params.language, req.body),
    );
    app.get(
      '/emails',
      {
        schema: {
          tags: ['emails'],
          summary: 'Email jobs of the outbox (pending without SMTP_URL, failed while being retried, sent)',
          querystring: EmailListQuerySchema,
          response: { 200: EmailListSchema, ...errors },
        },
      },
      async (req) => listEmails(ctx, authOf(req).merchantId, req.query),
    );
  };
}
