// One email template in one language as the API shows it (default or override), and the check
// that refuses placeholders a template does not offer.
import type { EmailTemplateName, EmailTemplateView } from '@retour/contracts/emails';
import type { Language } from '@retour/domain/reasons';
import type { Ctx } from '../../context.ts';
import { PLACEHOLDERS } from '../../emails/catalogue.ts';
import { templateText } from '../../emails/compose.ts';
import { unknownPlaceholders } from '../../emails/render.ts';
import { AppError } from '../../errors.ts';

/** 400 validation_error naming every placeholder the template does not offer. */
export function checkPlaceholders(template: EmailTemplateName, text: { subject?: string | undefined; body?: string | undefined }): void {
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

export async function templateView(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplateName,
  language: Language,
): Promise<EmailTemplateView> {
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
