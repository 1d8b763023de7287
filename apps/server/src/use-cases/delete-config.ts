// Delete a brand, address, portal or shipping rule, unless something still depends on it.
import { addressInUse, brandInUse, deleteRow, type ConfigTable } from '@retour/db/repos/config';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';

export async function deleteConfig(ctx: Ctx, merchantId: string, table: ConfigTable, id: string): Promise<void> {
  if (table === 'addresses' && (await addressInUse(ctx.db, merchantId, id))) {
    fail('address_in_use', 'A portal or shipping rule still uses this address; change them first.');
  }
  if (table === 'brands' && (await brandInUse(ctx.db, merchantId, id))) {
    fail('conflict', 'A portal still belongs to this brand; move or delete the portal first.');
  }
  if (!(await deleteRow(ctx.db, table, merchantId, id))) fail('not_found', 'There is nothing with this id for your account.');
}
