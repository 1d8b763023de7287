/**
 * Ways a shopper finds an order (issue #15 item 4): any two of order number, email, postal code
 * and tracking number, as the merchant chooses; gift returns. Deep links: deep-link.ts.
 */
export const LOOKUP_FIELDS = ['order_number', 'email', 'postal_code', 'tracking_number'] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];
export type LookupPair = readonly [LookupField, LookupField];

/** The settings that decide the accepted pairs (a portal without `lookupFields` keeps today's two). */
export type LookupSettings = { lookupFields?: readonly LookupField[] | undefined; allowReturnsWithoutOutboundShipment: boolean };

/** The pairs a portal accepts, in LOOKUP_FIELDS order within and across pairs. */
export function acceptedLookupPairs(s: LookupSettings): LookupPair[] {
  if (!s.lookupFields) {
    const legacy: LookupPair[] = [['postal_code', 'tracking_number']];
    return s.allowReturnsWithoutOutboundShipment ? [['order_number', 'postal_code'], ...legacy] : legacy;
  }
  const chosen = LOOKUP_FIELDS.filter((f) => s.lookupFields?.includes(f));
  const pairs: LookupPair[] = [];
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) pairs.push([chosen[i] as LookupField, chosen[j] as LookupField]);
  }
  return pairs;
}

/** The two given fields in LOOKUP_FIELDS order when the portal accepts them together, else null. */
export function matchLookupPair(given: readonly LookupField[], s: LookupSettings): LookupPair | null {
  if (given.length !== 2 || given[0] === given[1]) return null;
  const sorted = LOOKUP_FIELDS.filter((f) => given.includes(f));
  return acceptedLookupPairs(s).find((p) => p[0] === sorted[0] && p[1] === sorted[1]) ?? null;
}

/**
 * An email as the lookup compares it: trimmed, ASCII letters lowercased (what SQL `lower()` does
 * on SQLite; PostgreSQL also lowers non-ASCII letters, which email addresses rarely contain).
 */
export function normaliseEmail(s: string): string {
  return s.trim().replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

// ── Gift returns ───────────────────────────────────────────────────────────────────
const GIFT_RESOLUTIONS = ['store_credit', 'exchange'] as const;

/** A gift recipient returns for store credit or an exchange only: the portal's offer of those. */
export function giftResolutions<R extends string>(s: { resolutions: readonly R[]; giftReturns?: boolean | undefined }): R[] {
  if (s.giftReturns !== true) return [];
  return s.resolutions.filter((r) => (GIFT_RESOLUTIONS as readonly string[]).includes(r));
}
