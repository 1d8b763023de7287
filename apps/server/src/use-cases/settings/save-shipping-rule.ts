// Create or change a shipping rule; its action must name one of the merchant's sender addresses.
import type { ShippingRule, ShippingRuleInput } from '@retour/contracts/config';
import { newId } from '@retour/db/ids';
import { getRow, insertRow, updateRow } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { toShippingRule } from '../../presenters/config-view.ts';

async function checkSender(ctx: Ctx, merchantId: string, senderAddressId: string): Promise<void> {
  const address = await getRow(ctx.db, 'addresses', merchantId, senderAddressId);
  if (!address || address.kind !== 'sender')
    invalid(['action', 'senderAddressId'], 'Use the id of one of your addresses of kind "sender".');
}

export async function createShippingRule(ctx: Ctx, merchantId: string, input: ShippingRuleInput): Promise<ShippingRule> {
  await checkSender(ctx, merchantId, input.action.senderAddressId);
  const at = ctx.now().toISOString();
  const row = {
    merchantId,
    id: newId('rul'),
    name: input.name,
    position: input.position,
    conditions: JSON.stringify(input.conditions),
    action: JSON.stringify(input.action),
    createdAt: at,
    updatedAt: at,
  };
  await insertRow(ctx.db, 'shippingRules', row);
  return toShippingRule(row);
}

export async function updateShippingRule(
  ctx: Ctx,
  merchantId: string,
  id: string,
  patch: Partial<ShippingRuleInput>,
): Promise<ShippingRule> {
  const row = await getRow(ctx.db, 'shippingRules', merchantId, id);
  if (!row) fail('not_found', 'There is no shipping rule with this id for your account.');
  if (patch.action) await checkSender(ctx, merchantId, patch.action.senderAddressId);
  const next = {
    ...row,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.position !== undefined ? { position: patch.position } : {}),
    ...(patch.conditions !== undefined ? { conditions: JSON.stringify(patch.conditions) } : {}),
    ...(patch.action !== undefined ? { action: JSON.stringify(patch.action) } : {}),
    updatedAt: ctx.now().toISOString(),
  };
  await updateRow(ctx.db, 'shippingRules', merchantId, id, next);
  return toShippingRule(next);
}
