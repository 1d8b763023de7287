// DELETE /api/v1/carrier-accounts/{id}.
import { deleteCarrierAccount, portalsListingCarrier } from '@retour/db/repos/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { accountOrFail } from './carrier-account-view.ts';

export async function disconnectCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<{ deleted: boolean }> {
  const row = await accountOrFail(ctx, merchantId, id);
  const portals = await portalsListingCarrier(ctx.db, merchantId, row.code);
  if (portals.length > 0)
    fail(
      'carrier_in_use',
      `The portal${portals.length > 1 ? 's' : ''} ${portals.join(', ')} still offer${portals.length > 1 ? '' : 's'} ${row.name} (${row.code}); remove it from their carriers first.`,
      { portals },
    );
  return { deleted: await deleteCarrierAccount(ctx.db, merchantId, id) };
}
