// A shopper finds their order by two of order number, email, postal code and tracking number
// (the pairs the portal accepts); every lookup path answers through answerLookup.
import type { LookupBody, LookupResult } from '@retour/contracts/returns';
import { crossesCustomsBorder } from '@retour/domain/customs';
import { assessOrder } from '@retour/domain/eligibility';
import { formatMoneyValue } from '@retour/domain/money';
import { effectiveReasons, reasonLabel, type Language } from '@retour/domain/reasons';
import type { ReturnStatus } from '@retour/domain/state-machine';
import { addressesOfKind, getRow } from '@retour/db/repos/config';
import { findOrderByKeys } from '@retour/db/repos/order-lookup';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { priorReturnsForOrder } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { signToken } from '../secrets.ts';
import { loadEnabledPortal, type PortalBundle } from './shared/load-portal.ts';
import { giftResolutions } from '@retour/domain/order-lookup';
import { lookupKeysOf } from './portal/lookup-keys.ts';
import { itemFacts } from './shared/order-facts.ts';
import { assertUnderLimits, type Limit, recordFailure } from './shared/rate-limit.ts';
import { loadAccountCarriers } from './shared/carrier-accounts.ts';
import { methodOptions, moneyOut } from './shared/return-options.ts';
import { LOOKUP_FAILURES_PER_CLIENT, LOOKUP_FAILURES_PER_ORDER_NUMBER, LOOKUP_TOKEN_TTL_MS } from '@retour/domain/lookup-limits';

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export async function lookupOrder(ctx: Ctx, slug: string, body: LookupBody, clientIp: string, lang: Language): Promise<LookupResult> {
  const bundle = await loadEnabledPortal(ctx, slug);
  const { portal, merchantId } = bundle;
  const { keys, identifier } = lookupKeysOf(bundle.settings, body);
  const limits: Limit[] = [
    { key: `lookup:ip:${portal.id}:${clientIp}`, ...LOOKUP_FAILURES_PER_CLIENT },
    { key: `lookup:id:${portal.id}:${identifier}`, ...LOOKUP_FAILURES_PER_ORDER_NUMBER },
  ];
  await assertUnderLimits(ctx, limits, 'Too many unsuccessful attempts. Please wait before trying again.');

  const agg = await findOrderByKeys(ctx.db, merchantId, portal.brandId, keys);
  if (!agg) {
    for (const limit of limits) await recordFailure(ctx, limit);
    fail('order_not_found', ORDER_NOT_FOUND);
  }
  return answerLookup(ctx, bundle, agg, lang, { gift: body.gift === true });
}

export const ORDER_NOT_FOUND =
  'We could not find an order with these details. Check the order number (or tracking number) and the postal code of the delivery address.';

/** The shopper's view of a found order, with a token to create the return (every lookup path ends here). */
export async function answerLookup(
  ctx: Ctx,
  { portal, settings, merchantId }: PortalBundle,
  agg: OrderAggregate,
  lang: Language,
  { gift }: { gift: boolean },
): Promise<LookupResult> {
  const resolutions = gift ? giftResolutions(settings) : settings.resolutions;
  if (resolutions.length === 0)
    fail('gift_returns_not_offered', 'This shop does not take gift returns here. Contact the shop, or ask the person who sent the gift.');
  const now = ctx.now();
  const prior = await priorReturnsForOrder(ctx.db, merchantId, agg.order.id);
  const assessment = assessOrder({
    placedAt: new Date(agg.order.placedAt),
    items: itemFacts(agg),
    prior: prior.map((p) => ({ status: p.status as ReturnStatus, items: p.items })),
    settings,
    now,
  });
  if (assessment.failure === 'return_window_expired') {
    fail(
      'return_window_expired',
      'The return period for this order has ended, so it can no longer be returned here. Contact the shop if you think this is wrong.',
      { returnDeadline: maxDeadline(assessment.items) },
    );
  }
  if (assessment.failure)
    fail('no_returnable_items', 'Nothing in this order can be returned any more: the items are final sale or already returned.');

  const country = agg.order.shippingAddress.country;
  const [stores, accounts] = await Promise.all([
    settings.methods.includes('in_store') ? addressesOfKind(ctx.db, merchantId, 'store') : [],
    loadAccountCarriers(ctx.db, merchantId),
  ]);
  const options = methodOptions(ctx, settings, { country, currency: agg.order.currency }, stores.length > 0, accounts);
  if (options.length === 0)
    fail('no_return_method_for_country', `This shop offers no way to return parcels from ${country}. Contact the shop for help.`, {
      country,
    });

  const returnAddress = settings.returnAddressId ? await getRow(ctx.db, 'addresses', merchantId, settings.returnAddressId) : undefined;
  const crossing = returnAddress
    ? crossesCustomsBorder(
        { country, postalCode: agg.order.shippingAddress.postalCode },
        { country: returnAddress.country, postalCode: returnAddress.postalCode },
      )
    : false;

  const expiresAt = new Date(now.getTime() + LOOKUP_TOKEN_TTL_MS);
  const token = signToken(ctx.secret, {
    k: 'lookup',
    m: merchantId,
    p: portal.id,
    o: agg.order.id,
    exp: expiresAt.getTime(),
    ...(gift ? { g: 1 } : {}),
  });
  const currency = agg.order.currency;
  const byId = new Map(assessment.items.map((a) => [a.id, a]));
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    order: {
      orderNumber: agg.order.orderNumber,
      placedAt: agg.order.placedAt,
      country,
      email: maskEmail(agg.order.customerEmail),
      phoneKnown: agg.order.customerPhone !== null,
      items: agg.items.map((item) => {
        const a = byId.get(item.id);
        return {
          id: item.id,
          sku: item.sku,
          name: item.name,
          variant: item.variant,
          imageUrl: item.imageUrl,
          quantity: item.quantity,
          returnableQuantity: a?.returnableQuantity ?? 0,
          unitPrice: gift ? null : { value: formatMoneyValue(item.unitPrice, currency), currency },
          eligible: a?.eligible ?? false,
          ineligibleReason: a?.ineligibleReason ?? null,
          returnDeadline: a?.returnDeadline ?? '',
        };
      }),
    },
    returnDeadline: assessment.returnDeadline,
    crossesCustomsBorder: crossing,
    gift,
    options: {
      methods: options.map((o) => ({
        method: o.method,
        carriers: o.carriers.map((c) => ({ code: c.code, name: c.name, fee: moneyOut(c.fee, currency), phoneRequired: c.phoneRequired })),
      })),
      resolutions,
      reasons: effectiveReasons(settings.reasons).map((r) => ({
        code: r.code,
        label: reasonLabel(r, lang, settings.defaultLanguage),
        commentRequired: r.code === 'other',
      })),
    },
  };
}

function maxDeadline(items: { returnDeadline: string }[]): string | null {
  return items.reduce<string | null>((m, i) => (m === null || i.returnDeadline > m ? i.returnDeadline : m), null);
}
