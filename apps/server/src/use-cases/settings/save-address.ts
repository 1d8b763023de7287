// Create or change an address (sender, return, or store).
import type { Address, AddressInput } from '@retour/contracts/config';
import { newId } from '@retour/db/ids';
import { getRow, insertRow, updateRow } from '@retour/db/repos/config';
import type { AddressesTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { toAddress } from '../../presenters/config-view.ts';

async function checkBrand(ctx: Ctx, merchantId: string, brandId: string | null | undefined): Promise<void> {
  if (brandId && !(await getRow(ctx.db, 'brands', merchantId, brandId)))
    invalid(['brandId'], 'There is no brand with this id for your account.');
}

function fieldsOf(input: Partial<AddressInput>): Partial<AddressesTable> {
  const out: Partial<AddressesTable> = {};
  for (const [key, value] of Object.entries(input)) (out as Record<string, unknown>)[key] = value ?? null;
  return out;
}

export async function createAddress(ctx: Ctx, merchantId: string, input: AddressInput): Promise<Address> {
  await checkBrand(ctx, merchantId, input.brandId);
  const at = ctx.now().toISOString();
  const row: AddressesTable = {
    merchantId,
    id: newId('adr'),
    kind: input.kind,
    brandId: null,
    name: input.name,
    company: null,
    street: input.street,
    houseNumber: null,
    addressLine2: null,
    postalCode: input.postalCode,
    city: input.city,
    region: null,
    country: input.country,
    email: null,
    phone: null,
    ...fieldsOf(input),
    createdAt: at,
    updatedAt: at,
  };
  await insertRow(ctx.db, 'addresses', row);
  return toAddress(row);
}

export async function updateAddress(ctx: Ctx, merchantId: string, id: string, patch: Partial<AddressInput>): Promise<Address> {
  const row = await getRow(ctx.db, 'addresses', merchantId, id);
  if (!row) fail('address_not_found', 'There is no address with this id for your account.');
  await checkBrand(ctx, merchantId, patch.brandId);
  const next = { ...row, ...fieldsOf(patch), updatedAt: ctx.now().toISOString() };
  await updateRow(ctx.db, 'addresses', merchantId, id, next);
  return toAddress(next);
}
