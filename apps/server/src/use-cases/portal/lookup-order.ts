// A shopper finds their order by two of order number, email, postal code and tracking number
// (the pairs the portal accepts); every lookup path answers through answerLookup.
import { photoRequirement } from '@retour/domain/photos';
import type { LookupBody, LookupResult } from '@retour/contracts/returns';
import { crossesCustomsBorder } from '@retour/domain/customs';
import { assessOrder } from '@retour/domain/eligibility';
import { formatMoneyValue } from '@retour/domain/money';
import { effectiveReasons, reasonLabel, type Language } from '@retour/domain/reasons';
import type { ReturnStatus } from '@retour/domain/state-machine';
import {
  configVersion,
  findOrderForPortalByNumber,
  findOrderForPortalByTracking,
  type OrderForPortal,
} from '@retour/db/repos/order-aggregate';
import { findOrderByKeys, type LookupKeys } from '@retour/db/repos/order-lookup';
import type { OrderAggregate } from '@retour/db/repos/orders';
import { priorReturnsForOrder } from '@retour/db/repos/returns';
import { giftResolutions } from '@retour/domain/order-lookup';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { signToken } from '../../secrets.ts';
import { checkConfigVersion, type PortalConfig, withPortalConfig } from '../shared/portal-config.ts';
import { lookupKeysOf } from './lookup-keys.ts';
import { itemFacts } from './order-facts.ts';
import { assertUnderLimits, type Limit, recordFailure } from '../shared/rate-limit.ts';
import { methodOptions, moneyOut } from '../shared/return-options.ts';
import { evaluateForOrder, settingsUnderRules } from '../rules/rule-facts.ts';
import { LOOKUP_FAILURES_PER_CLIENT, LOOKUP_FAILURES_PER_ORDER_NUMBER, LOOKUP_TOKEN_TTL_MS } from '@retour/domain/lookup-limits';

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/**
 * Two statements for a found order: the rate-limit count, then the order with its items,
 * shipments, earlier returns and the merchant's config version (the portal's configuration comes
 * from memory, checked against that version: shared/portal-config.ts).
 */
export async function lookupOrder(ctx: Ctx, slug: string, body: LookupBody, clientIp: string, lang: Language): Promise<LookupResult> {
  return withPortalConfig(ctx, slug, (config) => lookupWith(ctx, config, body, clientIp, lang));
}

async function lookupWith(ctx: Ctx, config: PortalConfig, body: LookupBody, clientIp: string, lang: Language): Promise<LookupResult> {
  const { portal, merchantId } = config;
  const { keys, identifier } = lookupKeysOf(config.settings, body);
  const limits: Limit[] = [
    { key: `lookup:ip:${portal.id}:${clientIp}`, ...LOOKUP_FAILURES_PER_CLIENT },
    { key: `lookup:id:${portal.id}:${identifier}`, ...LOOKUP_FAILURES_PER_ORDER_NUMBER },
  ];
  await assertUnderLimits(ctx, limits, 'Too many unsuccessful attempts. Please wait before trying again.');

  const agg = await findOrderForPortal(ctx, merchantId, portal.brandId, keys);
  // Decided on the configuration the order query saw, or started over with a fresh read.
  checkConfigVersion(ctx, config, agg ? agg.configVersion : await configVersion(ctx.db, merchantId));
  if (!agg) {
    for (const limit of limits) await recordFailure(ctx, limit);
    fail('order_not_found', ORDER_NOT_FOUND);
  }
  return answerLookup(ctx, config, agg, lang, { gift: body.gift === true });
}

/**
 * The order of an accepted pair with its earlier returns and the config version. Order number or
 * tracking number with the postal code (the common pairs): one statement. The other pairs: the
 * pair's query, then the earlier returns and the version.
 */
export async function findOrderForPortal(ctx: Ctx, merchantId: string, brandId: string, keys: LookupKeys): Promise<OrderForPortal | null> {
  const { orderNumberNorm, trackingNorm, postalNorm, emailNorm } = keys;
  if (emailNorm === undefined && postalNorm !== undefined) {
    if (orderNumberNorm !== undefined && trackingNorm === undefined)
      return findOrderForPortalByNumber(ctx.db, ctx.dialect, { merchantId, brandId, orderNumberNorm, postalNorm });
    if (trackingNorm !== undefined && orderNumberNorm === undefined)
      return findOrderForPortalByTracking(ctx.db, ctx.dialect, { merchantId, brandId, trackingNorm, postalNorm });
  }
  const agg = await findOrderByKeys(ctx.db, merchantId, brandId, keys);
  return agg ? forPortal(ctx, merchantId, agg) : null;
}

/** An order found by another query, with what the portal decides from: earlier returns and the config version. */
export async function forPortal(ctx: Ctx, merchantId: string, agg: OrderAggregate): Promise<OrderForPortal> {
  const [prior, version] = await Promise.all([priorReturnsForOrder(ctx.db, merchantId, agg.order.id), configVersion(ctx.db, merchantId)]);
  return { ...agg, prior: prior.map((p) => ({ status: p.status, items: p.items })), configVersion: version };
}

export const ORDER_NOT_FOUND =
  'We could not find an order with these details. Check the order number (or tracking number) and the postal code of the delivery address.';

/** The shopper's view of a found order, with a token to create the return (every lookup path ends here). */
export async function answerLookup(
  ctx: Ctx,
  config: PortalConfig,
  agg: OrderForPortal,
  lang: Language,
  { gift }: { gift: boolean },
): Promise<LookupResult> {
  const { portal, settings: portalSettings, merchantId } = config;
  if (gift && giftResolutions(portalSettings).length === 0)
    fail('gift_returns_not_offered', 'This shop does not take gift returns here. Contact the shop, or ask the person who sent the gift.');
  const now = ctx.now();
  // Return rules: over every item of the order (reason and condition are not chosen yet); the rule set comes with the config.
  const ruled = await evaluateForOrder(ctx.db, { merchantId, loaded: config.rules, agg, portalSlug: portal.slug, now });
  const ruleOf = new Map(ruled?.items.map((d) => [d.id, d]));
  const settings = settingsUnderRules(portalSettings, ruled);
  const resolutions = gift ? giftResolutions(settings) : settings.resolutions;
  const assessment = assessOrder({
    placedAt: new Date(agg.order.placedAt),
    items: itemFacts(agg),
    prior: agg.prior.map((p) => ({ status: p.status as ReturnStatus, items: p.items })),
    settings,
    now,
    windowDays: new Map(ruled?.items.flatMap((d) => (d.windowDays === null ? [] : [[d.id, d.windowDays] as const]))),
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
  const options = methodOptions(
    ctx,
    settings,
    { country, currency: agg.order.currency },
    config.stores.length > 0,
    config.accounts,
    ruled?.carriers,
  );
  if (options.length === 0)
    fail('no_return_method_for_country', `This shop offers no way to return parcels from ${country}. Contact the shop for help.`, {
      country,
    });

  const returnAddress = config.returnAddress;
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
        const rule = ruleOf.get(item.id);
        const blocked = a?.eligible === true && rule?.blocked ? rule.blocked : null;
        return {
          id: item.id,
          sku: item.sku,
          name: item.name,
          variant: item.variant,
          imageUrl: item.imageUrl,
          quantity: item.quantity,
          returnableQuantity: blocked ? 0 : (a?.returnableQuantity ?? 0),
          unitPrice: gift ? null : { value: formatMoneyValue(item.unitPrice, currency), currency },
          eligible: blocked ? false : (a?.eligible ?? false),
          ineligibleReason: blocked ? 'blocked_by_rule' : (a?.ineligibleReason ?? null),
          returnDeadline: a?.returnDeadline ?? '',
          ruleMessage: blocked?.message ?? null,
          photos: rule?.photos ?? { required: false, min: 0 },
          keepItem: rule?.keepItem ?? false,
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
        ...(r.photos && r.photos.mode !== 'off' ? { photos: photoRequirement(r.photos, null) } : {}),
      })),
    },
  };
}

function maxDeadline(items: { returnDeadline: string }[]): string | null {
  return items.reduce<string | null>((m, i) => (m === null || i.returnDeadline > m ? i.returnDeadline : m), null);
}
