// The public settings of a portal, localised for the shopper.
import { photoRequirement } from '@retour/domain/photos';
import type { PublicPortal } from '@retour/contracts/portal';
import { effectiveReasons, reasonLabel, type Language } from '@retour/domain/reasons';
import type { Ctx } from '../../context.ts';
import { getRow } from '@retour/db/repos/config';
import { fail } from '../../errors.ts';
import { loadEnabledPortal, PORTAL_NOT_FOUND } from '../shared/load-portal.ts';
import { holdDaysOf } from '../payments/instant-hold.ts';
import { sanitizeRichText } from '../shared/sanitize.ts';
import { acceptedLookupPairs, giftResolutions } from '@retour/domain/order-lookup';

export async function getPortalSettings(ctx: Ctx, slug: string, requested: Language | null): Promise<PublicPortal> {
  const { portal, settings, merchantId } = await loadEnabledPortal(ctx, slug);
  const brand = await getRow(ctx.db, 'brands', merchantId, portal.brandId);
  if (!brand) fail('portal_not_found', PORTAL_NOT_FOUND);
  const language = requested && settings.languages.includes(requested) ? requested : settings.defaultLanguage;
  const colors = JSON.parse(brand.colors) as PublicPortal['brand']['colors'];
  return {
    slug: portal.slug,
    brand: { name: brand.name, logoUrl: brand.logoUrl, colors },
    language,
    languages: settings.languages,
    defaultLanguage: settings.defaultLanguage,
    reasons: effectiveReasons(settings.reasons).map((r) => ({
      code: r.code,
      label: reasonLabel(r, language, settings.defaultLanguage),
      commentRequired: r.code === 'other',
      ...(r.photos && r.photos.mode !== 'off' ? { photos: photoRequirement(r.photos, null) } : {}),
    })),
    methods: settings.methods,
    resolutions: settings.resolutions,
    fee: settings.returnFee,
    lookup: {
      byOrderNumber: settings.allowReturnsWithoutOutboundShipment,
      byTrackingNumber: true,
      pairs: acceptedLookupPairs(settings).map(([a, b]) => [a, b]),
      giftReturns: giftResolutions(settings).length > 0,
    },
    returnWindowDays: settings.returnWindowDays,
    policyUrl: settings.policyUrl,
    instructionsHtml: settings.instructionsHtml ? sanitizeRichText(settings.instructionsHtml) : null,
    appearance: {
      layout: settings.appearance.layout,
      backgroundImageUrl: settings.appearance.backgroundImageUrl ?? null,
      showHeader: settings.appearance.showHeader,
      showFooter: settings.appearance.showFooter,
    },
    withdrawalFunction: settings.withdrawalFunction,
    ...(settings.exchanges?.offered
      ? {
          exchanges: {
            reasons: settings.exchanges.reasons,
            otherProducts: settings.exchanges.otherProducts,
            bonusCredit: settings.exchanges.bonusCredit ?? null,
            ...(settings.exchanges.instant ? { instantHoldDays: holdDaysOf(settings) } : {}),
          },
        }
      : {}),
  };
}
