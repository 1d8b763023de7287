// The coupons of the local WooCommerce (woocommerce-server.ts): list (by `code`) and create, as
// source/includes/wp-api-v3/_coupons.md of woocommerce/woocommerce-rest-api-docs and
// WC_REST_Coupons_Controller say: `code` mandatory and unique, lower-cased by wc_format_coupon_code;
// discount_type one of percent / fixed_cart / fixed_product; amount a numeric string;
// email_restrictions an array of emails; usage_limit an integer. Errors in WooCommerce's shape.

export type WooCoupons = { coupons: any[]; loseNextCouponResponse: boolean };
type Answer = { status: number; body: unknown };
const answer = (status: number, body: unknown): Answer => ({ status, body });

/** The answer to a coupons request, or null when `path` is not the coupons'. */
export function couponsAnswer(
  req: { method: string; query: Record<string, string>; body: any },
  path: string,
  state: WooCoupons,
  newId: () => number,
): Answer | null {
  if (path === 'coupons' && req.method === 'GET') {
    const code = req.query.code?.toLowerCase();
    return answer(200, code === undefined ? state.coupons : state.coupons.filter((c) => c.code === code));
  }
  if (path === 'coupons' && req.method === 'POST') {
    const b = req.body ?? {};
    const invalid = (param: string, message: string) =>
      answer(400, {
        code: 'rest_invalid_param',
        message: `Invalid parameter(s): ${param}`,
        data: { status: 400, params: { [param]: message } },
      });
    if (typeof b.code !== 'string' || b.code.trim() === '')
      return answer(400, {
        code: 'rest_missing_callback_param',
        message: 'Missing parameter(s): code',
        data: { status: 400, params: ['code'] },
      });
    if (b.discount_type !== undefined && !['percent', 'fixed_cart', 'fixed_product'].includes(b.discount_type))
      return invalid('discount_type', 'discount_type is not one of percent, fixed_cart, and fixed_product.');
    if (b.amount !== undefined && (typeof b.amount !== 'string' || !/^\d+(\.\d+)?$/.test(b.amount)))
      return invalid('amount', 'amount is not of type string.');
    if (
      b.email_restrictions !== undefined &&
      !(Array.isArray(b.email_restrictions) && b.email_restrictions.every((e: unknown) => typeof e === 'string'))
    )
      return invalid('email_restrictions', 'email_restrictions is not of type array.');
    if (b.usage_limit !== undefined && b.usage_limit !== null && !Number.isInteger(b.usage_limit))
      return invalid('usage_limit', 'usage_limit is not of type integer.');
    const code = b.code.trim().toLowerCase();
    if (state.coupons.some((c) => c.code === code))
      return answer(400, {
        code: 'woocommerce_rest_coupon_code_already_exists',
        message: 'The coupon code already exists',
        data: { status: 400 },
      });
    const coupon = {
      id: newId(),
      code,
      amount: Number(b.amount ?? 0).toFixed(2),
      discount_type: b.discount_type ?? 'fixed_cart',
      description: b.description ?? '',
      date_expires: b.date_expires ?? null,
      date_expires_gmt: b.date_expires ?? null,
      usage_count: 0,
      individual_use: b.individual_use === true,
      usage_limit: b.usage_limit ?? null,
      email_restrictions: b.email_restrictions ?? [],
      used_by: [],
      meta_data: (b.meta_data ?? []).map((m: any, i: number) => ({ id: 7000 + i, ...m })),
    };
    state.coupons.push(coupon);
    if (state.loseNextCouponResponse) {
      state.loseNextCouponResponse = false;
      return answer(502, { message: 'Bad gateway' });
    }
    return answer(201, coupon);
  }
  return null;
}
