// Delete a brand, address, portal or shipping rule, unless something still depends on it.
import { addressInUse, brandInUse, type ConfigTable, deleteRow, portalHasReturns } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export async function deleteConfig(ctx: Ctx, merchantId: string, table: ConfigTable, id: string): Promise<void> {
  if (table === 'addresses' && (await addressInUse(ctx.db, merchantId, id))) {
    fail('address_in_use', 'A portal or shipping rule still uses this address; change them first.');
  }
  if (table === 'brands') {
    const user = await brandInUse(ctx.db, merchantId, id);
    if (user) fail('conflict', `This brand still has ${user}; move or delete them first.`, { usedBy: user });
  }
  if (table === 'portals' && (await portalHasReturns(ctx.db, merchantId, id))) {
    fail(
      'conflict',
      'This portal has returns, whose shoppers still use its links. Disable it (PATCH enabled: false) instead of deleting it.',
    );
  }
  if (!(await deleteRow(ctx.db, table, merchantId, id))) fail('not_found', 'There is nothing with this id for your account.');
}
