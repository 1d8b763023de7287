// A shopper finds their order by order number or tracking number plus postal code.
import type { LookupBody, LookupResult } from '@retour/contracts/returns';
import { crossesCustomsBorder } from '@retour/domain/customs';
import { assessOrder } from '@retour/domain/eligibility';
import { formatMoneyValue } from '@retour/domain/money';
import { normaliseOrderNumber, normalisePostalCode, normaliseTrackingNumber } from '@retour/domain/normalise';
import { effectiveReasons, reasonLabel, type Language } from '@retour/domain/reasons';
import type { ReturnStatus } from '@retour/domain/state-machine';
import { configVersion, findOrderForPortalByNumber, findOrderForPortalByTracking } from '@retour/db/repos/order-aggregate';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { signToken } from '../../secrets.ts';
import { checkConfigVersion, type PortalConfig, withPortalConfig } from '../shared/portal-config.ts';
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
  const { portal, settings: portalSettings, merchantId } = config;
  const postal = normalisePostalCode(body.postalCode);
  const identifier =
    body.orderNumber !== undefined ? normaliseOrderNumber(body.orderNumber) : normaliseTrackingNumber(body.trackingNumber ?? '');
  const limits: Limit[] = [
    { key: `lookup:ip:${portal.id}:${clientIp}`, ...LOOKUP_FAILURES_PER_CLIENT },
    { key: `lookup:id:${portal.id}:${identifier}`, ...LOOKUP_FAILURES_PER_ORDER_NUMBER },
  ];
  await assertUnderLimits(ctx, limits, 'Too many unsuccessful attempts. Please wait before trying again.');

  const brandId = portal.brandId;
  const agg =
    body.orderNumber !== undefined
      ? await findOrderForPortalByNumber(ctx.db, ctx.dialect, { merchantId, brandId, orderNumberNorm: identifier, postalNorm: postal })
      : await findOrderForPortalByTracking(ctx.db, ctx.dialect, { merchantId, brandId, trackingNorm: identifier, postalNorm: postal });
  // Decided on the configuration the order query saw, or started over with a fresh read.
  checkConfigVersion(ctx, config, agg ? agg.configVersion : await configVersion(ctx.db, merchantId));
  if (body.orderNumber !== undefined && !portalSettings.allowReturnsWithoutOutboundShipment) {
    invalid(['orderNumber'], 'This shop finds orders by the tracking number of your parcel; enter that with your postal code.');
  }
  if (!agg) {
    for (const limit of limits) await recordFailure(ctx, limit);
    fail(
      'order_not_found',
      'We could not find an order with these details. Check the order number (or tracking number) and the postal code of the delivery address.',
    );
  }

  const now = ctx.now();
  // Return rules: over every item of the order (reason and condition are not chosen yet); the rule set comes with the config.
  const ruled = await evaluateForOrder(ctx.db, { merchantId, loaded: config.rules, agg, portalSlug: portal.slug, now });
  const ruleOf = new Map(ruled?.items.map((d) => [d.id, d]));
  const settings = settingsUnderRules(portalSettings, ruled);
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
  const token = signToken(ctx.secret, { k: 'lookup', m: merchantId, p: portal.id, o: agg.order.id, exp: expiresAt.getTime() });
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
          unitPrice: { value: formatMoneyValue(item.unitPrice, currency), currency },
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
    options: {
      methods: options.map((o) => ({
        method: o.method,
        carriers: o.carriers.map((c) => ({ code: c.code, name: c.name, fee: moneyOut(c.fee, currency), phoneRequired: c.phoneRequired })),
      })),
      resolutions: settings.resolutions,
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
