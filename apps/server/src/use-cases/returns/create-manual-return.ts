// Staff create a return for a shopper who called or emailed. They may override the return window
// and use a portal of another brand than the order's; both overrides are recorded.
import type { ManualReturnBody, MerchantReturn } from '@retour/contracts/returns';
import { getRow } from '@retour/db/repos/config';
import { getOrderBrand } from '@retour/db/repos/orders';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadMerchantReturn } from '../../presenters/return-view.ts';
import { createReturn } from '../shared/create-return.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';

export async function createManualReturn(ctx: Ctx, merchantId: string, actor: string, body: ManualReturnBody): Promise<MerchantReturn> {
  const portal = await getRow(ctx.db, 'portals', merchantId, body.portalId);
  if (!portal) fail('not_found', 'There is no portal with this id for your account.', { field: 'portalId' });
  const orderRow = await getOrderBrand(ctx.db, merchantId, body.orderId);
  if (!orderRow) fail('order_not_found', 'There is no order with this id for your account.');
  if (orderRow.brandId !== portal.brandId && !body.overrideBrand) {
    fail(
      'brand_override_required',
      "The order belongs to another brand than this portal. Set overrideBrand to true to use this portal's settings anyway.",
      {
        orderBrandId: orderRow.brandId,
        portalBrandId: portal.brandId,
      },
    );
  }
  const { orderId, portalId: _p, overrideWindow, overrideBrand, overrideReason, contact, language, ...choice } = body;
  const created = await createReturn(ctx, {
    merchantId,
    portal,
    settings: portalSettingsOf(portal),
    orderId,
    choice,
    contact: { email: contact?.email ?? null, phone: contact?.phone ?? null },
    language: language ?? null,
    actor,
    overrideWindow,
    overrideNote:
      [overrideReason, overrideBrand && orderRow.brandId !== portal.brandId ? `brand overridden to portal ${portal.slug}` : null]
        .filter(Boolean)
        .join('; ') || null,
  });
  return loadMerchantReturn(ctx.db, merchantId, created.returnId);
}
