// Loads a portal with its settings and brand. A disabled or unknown portal is one 404.
import type { PortalSettings } from '@retour/contracts/config';
import { findPortalBySlug, getRow } from '@retour/db/repos/config';
import type { BrandsTable, PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export type PortalBundle = { portal: PortalsTable; settings: PortalSettings; brand: BrandsTable; merchantId: string };

export function portalSettingsOf(row: PortalsTable): PortalSettings {
  return JSON.parse(row.settings) as PortalSettings;
}

export async function loadEnabledPortal(ctx: Ctx, slug: string): Promise<PortalBundle> {
  const portal = await findPortalBySlug(ctx.db, slug);
  if (!portal || portal.enabled !== 1)
    fail('portal_not_found', 'There is no returns portal at this address. Check the link you were given.');
  const brand = await getRow(ctx.db, 'brands', portal.merchantId, portal.brandId);
  if (!brand) fail('portal_not_found', 'There is no returns portal at this address. Check the link you were given.');
  return { portal, settings: portalSettingsOf(portal), brand, merchantId: portal.merchantId };
}
