// A merchant's email templates: every template × language with its default or override, saved
// per (template, language) with unknown placeholders refused, reset to default, and previewed.
import {
  EMAIL_TEMPLATES,
  type EmailPreviewInput,
  type EmailTemplateInput,
  type EmailTemplateName,
  type EmailTemplateView,
} from '@retour/contracts/emails';
import { type Language, SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import { firstBrand } from '@retour/db/repos/config';
import { deleteEmailTemplate, listEmailTemplates, saveEmailTemplate } from '@retour/db/repos/email-templates';
import { newId } from '@retour/db/ids';
import type { Ctx } from '../../context.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS } from '../../emails/catalogue.ts';
import { brandOf, sampleValues, templateText } from '../../emails/compose.ts';
import { renderEmail, unknownPlaceholders } from '../../emails/render.ts';
import { AppError } from '../../errors.ts';

export async function listTemplates(ctx: Ctx, merchantId: string): Promise<{ data: EmailTemplateView[] }> {
  const rows = await listEmailTemplates(ctx.db, merchantId);
  const data = EMAIL_TEMPLATES.flatMap((template) =>
    SUPPORTED_LANGUAGES.map((language) => {
      const row = rows.find((r) => r.template === template && r.language === language);
      const text = row ? { subject: row.subject, body: row.bodyText } : DEFAULT_TEMPLATES[template][language];
      return {
        template,
        language,
        ...text,
        placeholders: [...PLACEHOLDERS[template]],
        overridden: row !== undefined,
        updatedAt: row?.updatedAt ?? null,
      };
    }),
  );
  return { data };
}

/** 400 validation_error naming every placeholder the template does not offer. */
function checkPlaceholders(template: EmailTemplateName, text: { subject?: string | undefined; body?: string | undefined }): void {
  const allowed = PLACEHOLDERS[template].map((p) => `{{${p}}}`).join(', ');
  const found = (['subject', 'body'] as const).map((field) => ({ field, unknown: unknownPlaceholders(template, text[field] ?? '') }));
  const issues = found
    .filter((f) => f.unknown.length > 0)
    .map((f) => ({ path: [f.field], message: `Unknown placeholder ${f.unknown.join(', ')}; this template offers ${allowed}.` }));
  if (!issues.length) return;
  const unknown = [...new Set(found.flatMap((f) => f.unknown))];
  throw new AppError('validation_error', `The template uses placeholders it does not offer: ${unknown.join(', ')}.`, {
    issues,
    unknownPlaceholders: unknown,
    allowedPlaceholders: PLACEHOLDERS[template],
  });
}

async function view(ctx: Ctx, merchantId: string, template: EmailTemplateName, language: Language): Promise<EmailTemplateView> {
  const text = await templateText(ctx, merchantId, template, language);
  return {
    template,
    language,
    subject: text.subject,
    body: text.body,
    placeholders: [...PLACEHOLDERS[template]],
    overridden: text.overridden,
    updatedAt: text.updatedAt,
  };
}

export async function saveTemplate(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplateName,
  language: Language,
  input: EmailTemplateInput,
): Promise<EmailTemplateView> {
  checkPlaceholders(template, input);
  await saveEmailTemplate(ctx.db, {
    merchantId,
    id: newId('etp'),
    template,
    language,
    subject: input.subject,
    bodyText: input.body,
    updatedAt: ctx.now().toISOString(),
  });
  return view(ctx, merchantId, template, language);
}

export async function resetTemplate(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplateName,
  language: Language,
): Promise<EmailTemplateView> {
  await deleteEmailTemplate(ctx.db, merchantId, template, language);
  return view(ctx, merchantId, template, language);
}

/** The email as a sample return would get it, with the given (unsaved) text or the current one. */
export async function previewTemplate(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplateName,
  language: Language,
  input: EmailPreviewInput,
) {
  checkPlaceholders(template, input);
  const current = await templateText(ctx, merchantId, template, language);
  const brand = brandOf(await firstBrand(ctx.db, merchantId));
  return renderEmail(
    { subject: input.subject ?? current.subject, body: input.body ?? current.body },
    sampleValues(ctx, brand, language),
    brand,
  );
}
