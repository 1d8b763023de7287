// Email templates (merchant overrides per template and language, with preview) and the outbox's
// email jobs as the back office lists them.
import { z } from 'zod';
import { InstantSchema, LanguageSchema } from './common.ts';

export const EMAIL_TEMPLATES = [
  'label_created',
  'dropped_off',
  'received',
  'refund_issued',
  'request_approved',
  'request_rejected',
  'withdrawal_acknowledged',
  'new_return',
  'store_credit_issued',
  'exchange_created',
  'label_reminder',
  'drop_off_reminder',
  'expired',
  'hold_authorised',
  'exchange_shipped',
] as const;
export const EmailTemplateNameSchema = z.enum(EMAIL_TEMPLATES);

export const EmailTemplateParamsSchema = z.object({ template: EmailTemplateNameSchema, language: LanguageSchema });

/** The text body; the HTML part is made from it. Placeholders are {{name}}, from the template's set. */
export const EmailTemplateInputSchema = z
  .object({
    subject: z.string().trim().min(1).max(300),
    body: z.string().trim().min(1).max(10_000),
  })
  .strict();
export const EmailPreviewInputSchema = z
  .object({
    subject: z.string().trim().min(1).max(300).optional(),
    body: z.string().trim().min(1).max(10_000).optional(),
  })
  .strict();

export const EmailTemplateSchema = z.object({
  template: EmailTemplateNameSchema,
  language: LanguageSchema,
  subject: z.string(),
  body: z.string(),
  /** The placeholders this template offers, e.g. "reference". */
  placeholders: z.array(z.string()),
  /** false: the built-in default is used. */
  overridden: z.boolean(),
  updatedAt: InstantSchema.nullable(),
});
export const EmailTemplateListSchema = z.object({ data: z.array(EmailTemplateSchema) });
export const EmailPreviewSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() });

export const EMAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export const EmailListQuerySchema = z.object({
  status: z.enum(EMAIL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const EmailJobSchema = z.object({
  id: z.string(),
  returnId: z.string().nullable(),
  template: z.string(),
  recipient: z.string(),
  language: z.string(),
  /** pending: not tried yet; failed: the last try failed and it will be retried; sent: done. */
  status: z.enum(EMAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: InstantSchema,
  sentAt: InstantSchema.nullable(),
});
export const EmailListSchema = z.object({ data: z.array(EmailJobSchema) });

export type EmailTemplateName = z.infer<typeof EmailTemplateNameSchema>;
export type EmailTemplateInput = z.infer<typeof EmailTemplateInputSchema>;
export type EmailPreviewInput = z.infer<typeof EmailPreviewInputSchema>;
export type EmailTemplateView = z.infer<typeof EmailTemplateSchema>;
export type EmailJobView = z.infer<typeof EmailJobSchema>;
export type EmailListQuery = z.infer<typeof EmailListQuerySchema>;
