// Which pair of fields a lookup gave, checked against the pairs the portal accepts, normalised.
import type { PortalSettings } from '@retour/contracts/config';
import type { LookupBody } from '@retour/contracts/returns';
import type { LookupKeys } from '@retour/db/repos/order-lookup';
import { normaliseOrderNumber, normalisePostalCode, normaliseTrackingNumber } from '@retour/domain/normalise';
import { acceptedLookupPairs, type LookupField, matchLookupPair, normaliseEmail } from '@retour/domain/order-lookup';
import { invalid } from '../../errors.ts';

const BODY_FIELD = { order_number: 'orderNumber', email: 'email', postal_code: 'postalCode', tracking_number: 'trackingNumber' } as const;
const NAME: Record<LookupField, string> = {
  order_number: 'order number',
  email: 'email address',
  postal_code: 'postal code',
  tracking_number: 'tracking number',
};

/**
 * The normalised keys of an accepted pair, and the identifier its per-order limit counts on (the
 * most specific field given). A pair the portal does not accept is a validation error naming it.
 */
export function lookupKeysOf(settings: PortalSettings, body: LookupBody): { keys: LookupKeys; identifier: string } {
  const given = (Object.keys(BODY_FIELD) as LookupField[]).filter((f) => body[BODY_FIELD[f]] !== undefined);
  if (!matchLookupPair(given, settings)) {
    const legacyTrackingOnly = !settings.lookupFields && !settings.allowReturnsWithoutOutboundShipment && given.includes('order_number');
    const wrong = given.find((f) => !acceptedLookupPairs(settings).some((p) => p.includes(f))) ?? given[0] ?? 'postal_code';
    invalid(
      [BODY_FIELD[legacyTrackingOnly ? 'order_number' : wrong]],
      legacyTrackingOnly
        ? 'This shop finds orders by the tracking number of your parcel; enter that with your postal code.'
        : `This shop finds orders by ${acceptedLookupPairs(settings)
            .map(([a, b]) => `${NAME[a]} and ${NAME[b]}`)
            .join(', or ')}.`,
    );
  }
  const keys: LookupKeys = {};
  if (body.orderNumber !== undefined) keys.orderNumberNorm = normaliseOrderNumber(body.orderNumber);
  if (body.trackingNumber !== undefined) keys.trackingNorm = normaliseTrackingNumber(body.trackingNumber);
  if (body.email !== undefined) keys.emailNorm = normaliseEmail(body.email);
  if (body.postalCode !== undefined) keys.postalNorm = normalisePostalCode(body.postalCode);
  const identifier = keys.orderNumberNorm ?? keys.trackingNorm ?? keys.emailNorm ?? keys.postalNorm ?? '';
  return { keys, identifier };
}
