// The back office's shipping-rule tester: which rule, sender address and brand an order with
// these facts would get on import (the same resolver the import uses).
import { toAddress } from '../../presenters/config-view.ts';
import type { Ctx } from '../../context.ts';
import { brandResolver } from '../shared/brand-resolver.ts';

export async function testShippingRule(
  ctx: Ctx,
  merchantId: string,
  input: { integration: string; country: string; tags: string[]; skus: string[] },
) {
  const resolved = (await brandResolver(ctx.db, merchantId)).resolve(input);
  return {
    rule: resolved.rule,
    senderAddress: resolved.sender ? toAddress(resolved.sender) : null,
    brandId: resolved.brandId,
  };
}
