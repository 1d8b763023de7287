// Which sender address (and so which brand) an order ships under: the first matching shipping
// rule's sender, else the first sender address; the brand is the order's own, else the sender's,
// else the merchant's first brand. Used by the order import and the back office's rule tester.
import type { Executor } from '@retour/db/database';
import { addressesOfKind, allShippingRules, firstBrand } from '@retour/db/repos/config';
import type { AddressesTable } from '@retour/db/schema';
import { matchShippingRule, type OrderRuleFacts } from '@retour/domain/shipping-rules';

export type BrandResolution = {
  rule: { id: string; name: string } | null;
  sender: AddressesTable | null;
  brandId: string | null;
  senderAddressId: string | null;
};

export async function brandResolver(db: Executor, merchantId: string) {
  const [rules, senders, brands, fallback] = await Promise.all([
    allShippingRules(db, merchantId),
    addressesOfKind(db, merchantId, 'sender'),
    db.selectFrom('brands').select('id').where('merchantId', '=', merchantId).execute(),
    firstBrand(db, merchantId),
  ]);
  const brandIds = new Set(brands.map((b) => b.id));
  const senderById = new Map(senders.map((s) => [s.id, s]));
  const facts = rules.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: JSON.parse(r.conditions),
    senderAddressId: (JSON.parse(r.action) as { senderAddressId: string }).senderAddressId,
  }));
  const defaultSender = senders[0];
  return {
    knows: (brandId: string) => brandIds.has(brandId),
    resolve(order: OrderRuleFacts & { brandId?: string | null | undefined }): BrandResolution {
      const rule = matchShippingRule(facts, order);
      const sender = (rule ? senderById.get(rule.senderAddressId) : undefined) ?? defaultSender;
      const brandId = order.brandId ?? sender?.brandId ?? fallback?.id ?? null;
      return {
        rule: rule ? { id: rule.id, name: rule.name } : null,
        sender: sender ?? null,
        brandId,
        senderAddressId: sender?.id ?? null,
      };
    },
  };
}
