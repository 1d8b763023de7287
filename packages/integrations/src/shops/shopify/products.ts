// Shopify products → our catalogue (issue #14): the REST product of the products/create and
// products/update webhooks, and the level of an inventory_levels/update webhook. Ids are the
// GraphQL ids (gid://shopify/…) so a product a bulk import read and a webhook updates are one.
// Shopify's REST product has no currency: prices are in the shop's currency, given by the caller.
import { parseMoneyValue } from '@retour/domain/money';
import type { ProviderJson } from './orders.ts';

export type ShopifyProduct = {
  externalId: string;
  title: string;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  imageUrl: string | null;
  variants: {
    externalId: string;
    sku: string | null;
    title: string;
    options: { name: string; value: string }[];
    priceMinor: number;
    currency: string;
    imageUrl: string | null;
    inventoryRef: string | null;
  }[];
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
export const productGid = (id: unknown) => `gid://shopify/Product/${id}`;
export const inventoryItemGid = (id: unknown) => `gid://shopify/InventoryItem/${id}`;
export const locationGid = (id: unknown) => `gid://shopify/Location/${id}`;

/** A REST product (webhook body) in the shop's `currency`; null when it has no id or title. */
export function productFromRest(body: ProviderJson, currency: string): ShopifyProduct | null {
  if (body.id === undefined || !text(body.title)) return null;
  const optionNames: string[] = (Array.isArray(body.options) ? body.options : [])
    .slice()
    .sort((a: ProviderJson, b: ProviderJson) => Number(a.position) - Number(b.position))
    .map((o: ProviderJson) => String(o.name));
  const images = new Map<string, string>(
    (Array.isArray(body.images) ? body.images : []).map((i: ProviderJson) => [String(i.id), String(i.src)]),
  );
  const variants = (Array.isArray(body.variants) ? body.variants : [])
    .slice()
    .sort((a: ProviderJson, b: ProviderJson) => Number(a.position ?? 0) - Number(b.position ?? 0))
    .flatMap((v: ProviderJson) => {
      const price = parseMoneyValue(String(v.price ?? ''), currency);
      if (v.id === undefined || price === null || price < 0) return [];
      const options = [v.option1, v.option2, v.option3].flatMap((value, i) =>
        text(value) && optionNames[i] && optionNames[i] !== 'Title'
          ? [{ name: optionNames[i] as string, value: text(value) as string }]
          : [],
      );
      return [
        {
          externalId: `gid://shopify/ProductVariant/${v.id}`,
          sku: text(v.sku),
          title: text(v.title) ?? String(body.title),
          options,
          priceMinor: price,
          currency,
          imageUrl: v.image_id ? (images.get(String(v.image_id)) ?? null) : null,
          inventoryRef: v.inventory_item_id !== undefined && v.inventory_item_id !== null ? inventoryItemGid(v.inventory_item_id) : null,
        },
      ];
    });
  return {
    externalId: productGid(body.id),
    title: String(body.title).trim(),
    vendor: text(body.vendor),
    productType: text(body.product_type),
    tags: (typeof body.tags === 'string' ? body.tags.split(',') : Array.isArray(body.tags) ? body.tags : [])
      .map((t: unknown) => String(t).trim())
      .filter(Boolean),
    imageUrl: text(body.image?.src) ?? text(body.images?.[0]?.src),
    variants,
  };
}

/** An inventory_levels/update body: which inventory item, at which location, how many available. */
export function inventoryLevelFromRest(body: ProviderJson): { inventoryRef: string; locationId: string; available: number } | null {
  const available = Number(body.available);
  if (body.inventory_item_id === undefined || body.location_id === undefined || !Number.isInteger(available)) return null;
  return { inventoryRef: inventoryItemGid(body.inventory_item_id), locationId: locationGid(body.location_id), available };
}
