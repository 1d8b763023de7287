// The parts of WooCommerce REST v3 resources that Retour reads (woocommerce.github.io/woocommerce-rest-api-docs).
// Everything is optional-minded: plugins change orders, and a field may be missing or empty.

export type WooAddress = {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  state?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
};

export type WooMeta = { id?: number; key: string; value: unknown; display_key?: string; display_value?: unknown };

export type WooLineItem = {
  id: number;
  name: string;
  product_id?: number;
  variation_id?: number;
  quantity: number;
  subtotal?: string;
  total?: string;
  total_tax?: string;
  sku?: string | null;
  /** Unit price after discounts, excluding tax (a number in v3 responses). */
  price?: number | string;
  image?: { src?: string } | null;
  meta_data?: WooMeta[];
};

export type WooOrder = {
  id: number;
  parent_id?: number;
  total?: string;
  fee_lines?: { id?: number; name?: string; total?: string }[];
  number?: string;
  status?: string;
  currency?: string;
  date_created_gmt?: string | null;
  date_created?: string | null;
  date_completed_gmt?: string | null;
  billing?: WooAddress;
  shipping?: WooAddress;
  line_items?: WooLineItem[];
  refunds?: { id: number; reason?: string; total?: string }[];
  meta_data?: WooMeta[];
};

export type WooRefund = {
  id: number;
  amount?: string;
  reason?: string;
  refunded_payment?: boolean;
  meta_data?: WooMeta[];
};

export type WooWebhook = { id: number; name?: string; status?: string; topic?: string; delivery_url?: string };

/** A coupon as `GET/POST /coupons` answers it (the fields Retour reads). */
export type WooCoupon = {
  id: number;
  code: string;
  amount?: string;
  discount_type?: string;
  date_expires?: string | null;
  email_restrictions?: string[];
  usage_limit?: number | null;
  meta_data?: WooMeta[];
};
