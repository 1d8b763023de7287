// Create or change a brand.
import type { Brand, BrandInput } from '@retour/contracts/config';
import { newId } from '@retour/db/ids';
import { getRow, insertRow, updateRow } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { toBrand } from '../../presenters/config-view.ts';

const DEFAULT_COLORS = { primary: '#1f4fd1', background: '#ffffff' };

export async function createBrand(ctx: Ctx, merchantId: string, input: BrandInput): Promise<Brand> {
  const at = ctx.now().toISOString();
  const row = {
    merchantId,
    id: newId('brd'),
    name: input.name,
    logoUrl: input.logoUrl ?? null,
    colors: JSON.stringify(input.colors ?? DEFAULT_COLORS),
    defaultLanguage: input.defaultLanguage ?? 'en',
    createdAt: at,
    updatedAt: at,
  };
  await insertRow(ctx.db, 'brands', row);
  return toBrand(row);
}

export async function updateBrand(ctx: Ctx, merchantId: string, id: string, patch: Partial<BrandInput>): Promise<Brand> {
  const row = await getRow(ctx.db, 'brands', merchantId, id);
  if (!row) fail('brand_not_found', 'There is no brand with this id for your account.');
  const next = {
    ...row,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.logoUrl !== undefined ? { logoUrl: patch.logoUrl ?? null } : {}),
    ...(patch.colors !== undefined ? { colors: JSON.stringify(patch.colors) } : {}),
    ...(patch.defaultLanguage !== undefined ? { defaultLanguage: patch.defaultLanguage } : {}),
    updatedAt: ctx.now().toISOString(),
  };
  await updateRow(ctx.db, 'brands', merchantId, id, next);
  return toBrand(next);
}
