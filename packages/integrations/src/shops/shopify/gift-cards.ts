// Store credit as a Shopify gift card (Admin GraphQL `giftCardCreate`, `giftCards`). The code is
// chosen by Retour, so a retried job first searches the shop for it (the default search term
// matches gift card codes) and adopts the card that carries our marker in its note; only when
// there is none is a card created. Shopify shows the full code only in giftCardCreate's answer;
// we already know it.
import type { ShopifyClient } from './client.ts';
import { GIFT_CARD_CREATE, GIFT_CARDS_QUERY } from './documents.ts';
import { checkUserErrors, type UserError } from './errors.ts';

export type ShopifyGiftCard = {
  id: string;
  lastCharacters: string;
  note: string | null;
  expiresOn: string | null;
  enabled: boolean;
  initialValue: { amount: string; currencyCode: string };
  balance: { amount: string; currencyCode: string };
};

export type GiftCardRequest = {
  code: string;
  /** Decimal string in the shop's currency, e.g. "25.00". */
  initialValue: string;
  expiresOn: string | null;
  note: string;
  customerId?: string | null;
};

export async function findGiftCards(client: ShopifyClient, code: string): Promise<ShopifyGiftCard[]> {
  const data = await client.request<{ giftCards: { nodes: ShopifyGiftCard[] } }>(GIFT_CARDS_QUERY, { query: code });
  return data.giftCards?.nodes ?? [];
}

/** Searches for the card first (`isOurs`), creates it only when the shop has none. */
export async function ensureGiftCard(
  client: ShopifyClient,
  request: GiftCardRequest,
  isOurs: (card: ShopifyGiftCard) => boolean,
): Promise<{ card: ShopifyGiftCard; created: boolean }> {
  const existing = (await findGiftCards(client, request.code)).find(isOurs);
  if (existing) return { card: existing, created: false };
  const input: Record<string, unknown> = { code: request.code, initialValue: request.initialValue, note: request.note };
  if (request.expiresOn) input.expiresOn = request.expiresOn;
  if (request.customerId) input.customerId = request.customerId;
  const data = await client.request<{
    giftCardCreate: { giftCard: ShopifyGiftCard | null; giftCardCode?: string | null; userErrors: UserError[] } | null;
  }>(GIFT_CARD_CREATE, { input });
  checkUserErrors('giftCardCreate', data.giftCardCreate);
  const card = data.giftCardCreate?.giftCard;
  if (!card) checkUserErrors('giftCardCreate', null);
  return { card: card as ShopifyGiftCard, created: true };
}
