// Previews an email as a sample return would get it, with unsaved text or the current one.
import type { EmailPreviewInput, EmailTemplateName } from '@retour/contracts/emails';
import type { Language } from '@retour/domain/reasons';
import { firstBrand } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { brandOf, sampleValues, templateText } from '../../emails/compose.ts';
import { renderEmail } from '../../emails/render.ts';
import { checkPlaceholders } from './email-template-view.ts';

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
