// WooCommerce products → our catalogue (issue #14 item 1), from the REST API v3 product and
// product variation resources (woocommerce-rest-api-docs: source/includes/wp-api-v3/_products.md,
// _product-variations.md). Ids are WooCommerce's numeric ids as text, so the replacement order can
// name them (create-replacement-order.ts). A simple product is one variant with the product's own
// id; a variable product has one variant per variation. Stock: `stock_quantity` where WooCommerce
// manages it; otherwise only `stock_status` is known, and "instock" counts as UNTRACKED_STOCK.
import { parseMoneyValue } from '@retour/domain/money';

export type WooProduct = {
  id: number;
  name?: string;
  type?: string;
  status?: string;
  sku?: string;
  price?: string;
  images?: { src?: string }[];
  categories?: { name?: string }[];
  tags?: { name?: string }[];
  attributes?: { name?: string; variation?: boolean; options?: string[] }[];
  manage_stock?: boolean | 'parent';
  stock_quantity?: number | null;
  stock_status?: string;
};
export type WooVariation = {
  id: number;
  sku?: string;
  price?: string;
  status?: string;
  image?: { src?: string } | null;
  attributes?: { name?: string; option?: string }[];
  manage_stock?: boolean | 'parent';
  stock_quantity?: number | null;
  stock_status?: string;
  menu_order?: number;
};

/** What an in-stock item whose quantity WooCommerce does not track counts as. */
export const UNTRACKED_STOCK = 1_000_000;
export const WOO_LOCATION = 'default';

type Stock = { locationId: string; locationName: string | null; available: number }[];
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function stockOf(
  item: { manage_stock?: boolean | 'parent'; stock_quantity?: number | null; stock_status?: string },
  parent?: WooProduct,
): Stock {
  const managed = item.manage_stock === 'parent' ? parent : item;
  const quantity = managed?.manage_stock === true && Number.isInteger(managed.stock_quantity) ? (managed.stock_quantity as number) : null;
  const available = quantity ?? (item.stock_status === 'instock' || item.stock_status === 'onbackorder' ? UNTRACKED_STOCK : 0);
  return [{ locationId: WOO_LOCATION, locationName: null, available }];
}

/** The product with its variations (for a variable product) in the shop's `currency`; null when unusable. */
export function productFromWoo(product: WooProduct, variations: WooVariation[], currency: string) {
  if (!Number.isInteger(product.id) || !text(product.name)) return null;
  const base = {
    externalId: String(product.id),
    title: String(product.name).trim(),
    vendor: null,
    productType: text(product.categories?.[0]?.name),
    tags: (product.tags ?? []).flatMap((t) => (text(t.name) ? [String(t.name).trim()] : [])),
    imageUrl: text(product.images?.[0]?.src),
  };
  const price = (value: unknown) => parseMoneyValue(String(value ?? ''), currency);
  if (product.type !== 'variable') {
    const minor = price(product.price);
    if (minor === null) return { ...base, variants: [] };
    return {
      ...base,
      variants: [
        {
          externalId: String(product.id),
          sku: text(product.sku),
          title: base.title,
          options: [],
          priceMinor: minor,
          currency,
          imageUrl: base.imageUrl,
          inventoryRef: null,
          stock: stockOf(product),
        },
      ],
    };
  }
  const variants = variations
    .filter((v) => v.status === undefined || v.status === 'publish')
    .slice()
    .sort((a, b) => (a.menu_order ?? 0) - (b.menu_order ?? 0) || a.id - b.id)
    .flatMap((v) => {
      const minor = price(v.price);
      if (!Number.isInteger(v.id) || minor === null) return [];
      const options = (v.attributes ?? []).flatMap((a) =>
        text(a.name) && text(a.option) ? [{ name: String(a.name), value: String(a.option) }] : [],
      );
      return [
        {
          externalId: String(v.id),
          sku: text(v.sku),
          title: options.map((o) => o.value).join(' / ') || base.title,
          options,
          priceMinor: minor,
          currency,
          imageUrl: text(v.image?.src) ?? base.imageUrl,
          inventoryRef: null,
          stock: stockOf(v, product),
        },
      ];
    });
  return { ...base, variants };
}
