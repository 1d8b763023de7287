// Resets one template and language to Retour's default text.
import type { EmailTemplateName, EmailTemplateView } from '@retour/contracts/emails';
import type { Language } from '@retour/domain/reasons';
import { deleteEmailTemplate } from '@retour/db/repos/email-templates';
import type { Ctx } from '../../context.ts';
import { templateView } from './email-template-view.ts';

export async function resetTemplate(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplateName,
  language: Language,
): Promise<EmailTemplateView> {
  await deleteEmailTemplate(ctx.db, merchantId, template, language);
  return templateView(ctx, merchantId, template, language);
}
