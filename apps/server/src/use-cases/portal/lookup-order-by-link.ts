// A shopper opens a signed deep link from the shop's email or account page: the portal posts the
// link's query here. A wrong or tampered link is the same miss as a wrong order number (and counts
// against the same per-client limit); an expired but genuine link says so.
import type { LinkLookupBody, LookupResult } from '@retour/contracts/returns';
import { findOrderForLink } from '@retour/db/repos/order-lookup';
import { LOOKUP_FAILURES_PER_CLIENT, LOOKUP_FAILURES_PER_ORDER_NUMBER } from '@retour/domain/lookup-limits';
import { normaliseOrderNumber } from '@retour/domain/normalise';
import { checkDeepLink } from '@retour/domain/deep-link';
import { normaliseEmail } from '@retour/domain/order-lookup';
import type { Language } from '@retour/domain/reasons';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { answerLookup, forPortal, ORDER_NOT_FOUND } from './lookup-order.ts';
import { checkConfigVersion, confirmConfig, type PortalConfig, withPortalConfig } from '../shared/portal-config.ts';
import { configVersion } from '@retour/db/repos/order-aggregate';
import { assertUnderLimits, type Limit, recordFailure } from '../shared/rate-limit.ts';
import { openLinkSecret } from './link-secret.ts';

export async function lookupOrderByLink(
  ctx: Ctx,
  slug: string,
  body: LinkLookupBody,
  clientIp: string,
  lang: Language,
): Promise<LookupResult> {
  return withPortalConfig(ctx, slug, (config) => lookupWith(ctx, config, body, clientIp, lang));
}

async function lookupWith(ctx: Ctx, config: PortalConfig, body: LinkLookupBody, clientIp: string, lang: Language): Promise<LookupResult> {
  const { portal, merchantId } = config;
  const perClient: Limit = { key: `lookup:ip:${portal.id}:${clientIp}`, ...LOOKUP_FAILURES_PER_CLIENT };
  await assertUnderLimits(ctx, [perClient], 'Too many unsuccessful attempts. Please wait before trying again.');
  const miss = async (limits: Limit[]): Promise<never> => {
    for (const limit of limits) await recordFailure(ctx, limit);
    fail('order_not_found', ORDER_NOT_FOUND);
  };

  const secret = openLinkSecret(ctx, portal);
  const link = secret ? checkDeepLink(secret, body.query, ctx.now()) : ({ ok: false, why: 'bad_signature' } as const);
  // The secret comes from memory: a link it refuses is refused only once the memory is confirmed
  // current (a secret rotated by another process starts this over with the new one).
  if (!link.ok) await confirmConfig(ctx, config);
  if (!link.ok && link.why === 'expired')
    fail(
      'link_expired',
      'This link has expired. Find your order with the form instead: enter your order number and postal code, or ask the shop for a new link.',
    );
  if (!link.ok) return miss([perClient]);

  const orderNumberNorm = normaliseOrderNumber(link.orderNumber);
  const perOrder: Limit = { key: `lookup:id:${portal.id}:${orderNumberNorm}`, ...LOOKUP_FAILURES_PER_ORDER_NUMBER };
  const found = await findOrderForLink(ctx.db, merchantId, portal.brandId, orderNumberNorm, link.email ? normaliseEmail(link.email) : null);
  const agg = found ? await forPortal(ctx, merchantId, found) : null;
  checkConfigVersion(ctx, config, agg ? agg.configVersion : await configVersion(ctx.db, merchantId));
  if (!agg) return miss([perClient, perOrder]);
  return answerLookup(ctx, config, agg, lang, { gift: link.gift });
}
