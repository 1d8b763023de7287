/**
 * Store credit that exists in the shop (issue #14 item 5): a Shopify gift card or a WooCommerce
 * coupon. The code is ours, chosen before the shop is called, so a retried job finds the card it
 * made (exactly once) instead of making a second one.
 *
 * - Shopify accepts gift card codes of 8–20 letters and digits (GiftCardCreateInput.code) and
 *   compares them case-insensitively; WooCommerce coupon codes are lower-cased by WooCommerce.
 *   A code that has to work in a shop is therefore 8–20 upper-case letters and digits.
 * - Without a shop, any recorded code of 4–40 letters, digits and dashes is kept (as before).
 * - An expiry is a calendar date after today (in the portal's time zone), at most 10 years ahead.
 */
import { addDays } from './calendar.ts';

export type CreditShop = 'shopify' | 'woocommerce';

export const SHOP_CODE_PATTERN = /^[A-Z0-9]{8,20}$/;
/** Letters and digits that cannot be mistaken for each other when typed from an email. */
export const SHOP_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const MAX_EXPIRY_DAYS = 3653;

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: 'format' };

/** The code as the shop will hold it (trimmed, upper case), or why the shop would refuse it. */
export function shopCreditCode(code: string, shop: CreditShop | null): CodeCheck {
  const trimmed = code.trim();
  if (shop === null) return /^[A-Za-z0-9-]{4,40}$/.test(trimmed) ? { ok: true, code: trimmed } : { ok: false, reason: 'format' };
  const upper = trimmed.toUpperCase();
  return SHOP_CODE_PATTERN.test(upper) ? { ok: true, code: upper } : { ok: false, reason: 'format' };
}

/** Whether `expiresOn` (YYYY-MM-DD) is a usable expiry on `today` (YYYY-MM-DD, portal zone). */
export function checkCreditExpiry(expiresOn: string, today: string): 'ok' | 'past' | 'too_far' {
  if (expiresOn <= today) return 'past';
  if (expiresOn > addDays(today, MAX_EXPIRY_DAYS)) return 'too_far';
  return 'ok';
}

/** The text that marks a gift card or coupon as made by Retour for this credit (note / description). */
export function creditMarker(reference: string, code: string): string {
  return `[Retour ${reference} credit ${code}]`;
}

/** Whether a gift card found by searching for `code` is the one we made (its last four characters and our marker). */
export function isOurGiftCard(card: { lastCharacters: string; note?: string | null }, reference: string, code: string): boolean {
  return card.lastCharacters.toUpperCase() === code.slice(-4).toUpperCase() && (card.note ?? '').includes(creditMarker(reference, code));
}
