// Every email template × language of a merchant, with its default or override.
import { EMAIL_TEMPLATES, type EmailTemplateView } from '@retour/contracts/emails';
import { SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import { listEmailTemplates } from '@retour/db/repos/email-templates';
import type { Ctx } from '../../context.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS } from '../../emails/catalogue.ts';

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
