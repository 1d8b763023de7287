// Saves a merchant's text for one template and language; unknown placeholders are refused.
import type { EmailTemplateInput, EmailTemplateName, EmailTemplateView } from '@retour/contracts/emails';
import type { Language } from '@retour/domain/reasons';
import { saveEmailTemplate } from '@retour/db/repos/email-templates';
import { newId } from '@retour/db/ids';
import type { Ctx } from '../../context.ts';
import { checkPlaceholders, templateView } from './email-template-view.ts';

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
  return templateView(ctx, merchantId, template, language);
}
