// The EU model withdrawal form (Directive 2011/83/EU Annex I(B)) of a portal's shop, per language.
import type { DocLanguage } from '@retour/documents/types';
import { getRow } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { renderWithdrawalFormPdf } from '../../documents.ts';
import type { RenderedDocument } from '../returns/render-return-document.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';

export async function getWithdrawalForm(ctx: Ctx, slug: string, language: DocLanguage): Promise<RenderedDocument> {
  const { portal, settings, merchantId } = await loadEnabledPortal(ctx, slug);
  const [brand, address] = await Promise.all([
    getRow(ctx.db, 'brands', merchantId, portal.brandId),
    settings.returnAddressId ? getRow(ctx.db, 'addresses', merchantId, settings.returnAddressId) : undefined,
  ]);
  const lines = address
    ? [
        address.company ?? address.name,
        [address.street, address.houseNumber].filter(Boolean).join(' '),
        `${address.postalCode} ${address.city}`,
        address.country,
      ]
    : [];
  const body = await renderWithdrawalFormPdf(language, {
    name: brand?.name ?? portal.slug,
    address: lines.filter(Boolean).join(', '),
    email: settings.notificationEmail ?? address?.email ?? null,
    phone: address?.phone ?? null,
  });
  return { contentType: 'application/pdf', filename: `withdrawal-form-${language}.pdf`, body };
}
