// Loads an enabled portal with its settings. A disabled or unknown portal is one 404.
import type { PortalSettings } from '@retour/contracts/config';
import { findPortalBySlug } from '@retour/db/repos/config';
import type { PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export type PortalBundle = { portal: PortalsTable; settings: PortalSettings; merchantId: string };

export const PORTAL_NOT_FOUND = 'There is no returns portal at this address. Check the link you were given.';

export function portalSettingsOf(row: PortalsTable): PortalSettings {
  return JSON.parse(row.settings) as PortalSettings;
}

export async function loadEnabledPortal(ctx: Ctx, slug: string): Promise<PortalBundle> {
  const portal = await findPortalBySlug(ctx.db, slug);
  if (!portal || portal.enabled !== 1) fail('portal_not_found', PORTAL_NOT_FOUND);
  return { portal, settings: portalSettingsOf(portal), merchantId: portal.merchantId };
}
