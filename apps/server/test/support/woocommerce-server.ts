// A local server that answers like the WooCommerce REST API v3 (woocommerce.github.io/woocommerce-rest-api-docs)
// for the calls Retour makes: list orders (page / per_page / orderby / order with X-WP-Total and
// X-WP-TotalPages), create and delete webhooks, list and create order refunds, list and create
// coupons (woocommerce-coupons.ts); list orders by `parent` and create orders (_orders.md:
// parent_id, status one of pending/processing/on-hold/completed/cancelled/refunded/failed/trash,
// line_items with product_id (+ variation_id) of a known product and quantity > 0, fee_lines with a
// name and a numeric total — negative for a discount —, set_paid, meta_data; unknown products are
// `woocommerce_rest_invalid_product_id`). HTTP Basic with one
// consumer key/secret pair; errors in WooCommerce's shape { code, message, data: { status } }.
// The catalogue (_products.md, _product-variations.md, _settings.md of the same docs): list products
// (page / per_page ≤ 100 / orderby / order / status, with X-WP-Total and X-WP-TotalPages), read one
// (`woocommerce_rest_product_invalid_id`, 404, when unknown), list a product's variations (paginated
// the same way) and read the general setting `woocommerce_currency`.
// Tests read every request and can queue answers (429 with Retry-After, 5xx, a hanging request).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { couponsAnswer } from './woocommerce-coupons.ts';

export type WooRequest = { method: string; path: string; query: Record<string, string>; headers: IncomingMessage['headers']; body: any };
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';
export type WooServer = Awaited<ReturnType<typeof startWooServer>>;

export const wooError = (status: number, code: string, message: string) => ({ code, message, data: { status } });
const PREFIX = '/wp-json/wc/v3/';

export async function startWooServer(keys: { consumerKey: string; consumerSecret: string }) {
  const requests: WooRequest[] = [];
  const scripted: Scripted[] = [];
  const sockets = new Set<Socket>();
  const state = {
    orders: [] as any[],
    refunds: new Map<string, any[]>(),
    webhooks: [] as any[],
    coupons: [] as any[],
    /** Products the shop sells: product id → its variation ids (empty for a simple product). */
    products: new Map<number, number[]>(),
    /** The shop's catalogue as the REST API shows it: products, variations by product id, currency. */
    catalogue: {
      currency: 'EUR',
      products: [] as any[],
      variations: new Map<number, any[]>(),
      /** Answer this page of the product list with WordPress's 500 (the shop failing mid-import). */
      failPage: undefined as number | undefined,
    },
    /** Answer the next order POST with 502 after storing the order (a response lost on the way). */
    loseNextOrderResponse: false,
    /** Answer the next coupon POST with 502 after storing the coupon (a response lost on the way). */
    loseNextCouponResponse: false,
    /** Answer a refund POST with this status after storing the refund (a response lost on the way). */
    loseNextRefundResponse: false,
  };
  let nextId = 900;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };

  /** A page of `rows` as WooCommerce lists them, with its totals; per_page above 100 is refused. */
  const pageOf = (req: WooRequest, res: ServerResponse, rows: any[]) => {
    const perPage = Number(req.query.per_page ?? 10);
    const page = Number(req.query.page ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return send(res, 400, {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): per_page',
        data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } },
      });
    const sorted = [...rows].sort((a, b) => (req.query.order === 'asc' ? a.id - b.id : b.id - a.id));
    return send(res, 200, sorted.slice((page - 1) * perPage, page * perPage), {
      'x-wp-total': String(sorted.length),
      'x-wp-totalpages': String(Math.ceil(sorted.length / perPage)),
    });
  };

  const catalogue = (req: WooRequest, res: ServerResponse, path: string) => {
    const c = state.catalogue;
    if (path === 'settings/general/woocommerce_currency')
      return send(res, 200, { id: 'woocommerce_currency', label: 'Currency', type: 'select', default: 'USD', value: c.currency });
    if (path.startsWith('settings/')) return send(res, 404, wooError(404, 'rest_setting_setting_invalid', 'Invalid setting.'));
    if (path === 'products' && c.failPage !== undefined && Number(req.query.page ?? 1) === c.failPage)
      return send(res, 500, wooError(500, 'internal_server_error', 'There has been a critical error on this website.'));
    if (path === 'products')
      return pageOf(
        req,
        res,
        c.products.filter((p) => req.query.status === undefined || req.query.status === 'any' || p.status === req.query.status),
      );
    const [, id, variations] = /^products\/(\d+)(\/variations)?$/.exec(path) as RegExpExecArray;
    const product = c.products.find((p) => p.id === Number(id));
    if (!product) return send(res, 404, wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.'));
    if (!variations) return send(res, 200, product);
    return pageOf(req, res, c.variations.get(product.id) ?? []);
  };

  const handle = (req: WooRequest, res: ServerResponse) => {
    const expected = `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return send(res, 401, wooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'));
    }
    const path = req.path.slice(PREFIX.length);
    if (req.method === 'GET' && (path === 'products' || /^products\/\d+(\/variations)?$/.test(path) || path.startsWith('settings/')))
      return catalogue(req, res, path);
    if (req.method === 'GET' && path === 'orders' && req.query.parent !== undefined) {
      const parents = req.query.parent.split(',');
      return send(
        res,
        200,
        state.orders.filter((o) => parents.includes(String(o.parent_id ?? 0))).sort((a, b) => b.id - a.id),
      );
    }
    if (req.method === 'POST' && path === 'orders') {
      const b = req.body ?? {};
      const statuses = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'];
      const invalid = (param: string, message: string) =>
        send(res, 400, {
          code: 'rest_invalid_param',
          message: `Invalid parameter(s): ${param}`,
          data: { status: 400, params: { [param]: message } },
        });
      if (b.status !== undefined && !statuses.includes(b.status)) return invalid('status', `status is not one of ${statuses.join(', ')}.`);
      if (b.parent_id !== undefined && !Number.isInteger(b.parent_id)) return invalid('parent_id', 'parent_id is not of type integer.');
      const lines = b.line_items ?? [];
      for (const line of lines) {
        if (!Number.isInteger(line.quantity) || line.quantity <= 0) return invalid('line_items', 'quantity must be a positive integer.');
        const variations = state.products.get(line.product_id);
        if (!variations || (line.variation_id && !variations.includes(line.variation_id)) || (variations.length > 0 && !line.variation_id))
          return send(res, 400, wooError(400, 'woocommerce_rest_invalid_product_id', 'Product ID provided is invalid.'));
        if (line.total !== undefined && !/^\d+(\.\d+)?$/.test(String(line.total)))
          return invalid('line_items', 'total is not of type string.');
      }
      for (const fee of b.fee_lines ?? []) {
        if (typeof fee.name !== 'string' || fee.name === '') return invalid('fee_lines', 'name is required.');
        if (typeof fee.total !== 'string' || !/^-?\d+(\.\d+)?$/.test(fee.total))
          return invalid('fee_lines', 'total is not of type string.');
      }
      const lineItems = lines.map((l: any, i: number) => ({
        id: nextId * 10 + i,
        quantity: l.quantity,
        product_id: l.product_id,
        variation_id: l.variation_id ?? 0,
        subtotal: l.subtotal ?? l.total ?? '0.00',
        total: l.total ?? '0.00',
        meta_data: l.meta_data ?? [],
      }));
      const feeLines = (b.fee_lines ?? []).map((f: any, i: number) => ({
        id: nextId * 10 + 5 + i,
        name: f.name,
        total: f.total,
        tax_status: f.tax_status ?? 'taxable',
      }));
      const total = [...lineItems.map((l: any) => Number(l.total)), ...feeLines.map((f: any) => Number(f.total))].reduce(
        (x, y) => x + y,
        0,
      );
      const id = nextId++;
      const order = {
        ...wooOrder(id),
        parent_id: b.parent_id ?? 0,
        status: b.status ?? 'pending',
        currency: b.currency ?? 'EUR',
        created_via: 'rest-api',
        billing: { ...wooOrder(id).billing, ...(b.billing ?? {}) },
        shipping: { ...wooOrder(id).shipping, ...(b.shipping ?? {}) },
        line_items: lineItems,
        fee_lines: feeLines,
        total: total.toFixed(2),
        date_paid: b.set_paid === true ? '2026-06-15T10:00:00' : null,
        customer_note: b.customer_note ?? '',
        meta_data: (b.meta_data ?? []).map((m: any, i: number) => ({ id: 8000 + i, ...m })),
      };
      state.orders.push(order);
      if (state.loseNextOrderResponse) {
        state.loseNextOrderResponse = false;
        return send(res, 502, { message: 'Bad gateway' });
      }
      return send(res, 201, order);
    }
    if (req.method === 'GET' && path === 'orders') {
      const perPage = Number(req.query.per_page ?? 10);
      const page = Number(req.query.page ?? 1);
      const sorted = [...state.orders].sort((a, b) => (req.query.order === 'asc' ? a.id - b.id : b.id - a.id));
      const slice = sorted.slice((page - 1) * perPage, page * perPage);
      return send(res, 200, slice, {
        'x-wp-total': String(sorted.length),
        'x-wp-totalpages': String(Math.ceil(sorted.length / perPage)),
      });
    }
    if (req.method === 'POST' && path === 'webhooks') {
      const hook = {
        id: nextId++,
        name: req.body.name,
        status: req.body.status ?? 'active',
        topic: req.body.topic,
        resource: String(req.body.topic).split('.')[0],
        event: String(req.body.topic).split('.')[1],
        delivery_url: req.body.delivery_url,
        date_created: '2026-06-15T10:00:00',
      };
      state.webhooks.push({ ...hook, secret: req.body.secret });
      return send(res, 201, hook);
    }
    const hookMatch = /^webhooks\/(\d+)$/.exec(path);
    if (req.method === 'DELETE' && hookMatch) {
      // WooCommerce cannot trash webhooks: only `force=true` deletes (and answers the webhook as it was).
      if (req.query.force !== 'true') {
        return send(res, 501, wooError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.'));
      }
      const hook = state.webhooks.find((w) => String(w.id) === hookMatch[1]);
      if (!hook) return send(res, 404, wooError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.'));
      state.webhooks = state.webhooks.filter((w) => w !== hook);
      const { secret: _secret, ...shown } = hook;
      return send(res, 200, shown);
    }
    const coupons = couponsAnswer(req, path, state, () => nextId++);
    if (coupons) return send(res, coupons.status, coupons.body);
    const refundMatch = /^orders\/(\d+)\/refunds$/.exec(path);
    if (refundMatch) {
      const orderId = refundMatch[1] as string;
      if (!state.orders.some((o) => String(o.id) === orderId)) {
        return send(res, 404, wooError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.'));
      }
      const list = state.refunds.get(orderId) ?? [];
      if (req.method === 'GET') return send(res, 200, list);
      if (req.method === 'POST') {
        const refund = {
          id: nextId++,
          date_created: '2026-06-15T10:00:00',
          amount: req.body.amount,
          reason: req.body.reason ?? '',
          refunded_by: 1,
          refunded_payment: req.body.api_refund === true,
          meta_data: (req.body.meta_data ?? []).map((m: any, i: number) => ({ id: 5000 + i, ...m })),
          line_items: req.body.line_items ?? [],
        };
        state.refunds.set(orderId, [...list, refund]);
        if (state.loseNextRefundResponse) {
          state.loseNextRefundResponse = false;
          return send(res, 502, { message: 'Bad gateway' });
        }
        return send(res, 201, refund);
      }
    }
    return send(res, 404, wooError(404, 'rest_no_route', 'No route was found matching the URL and request method.'));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: WooRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text ? JSON.parse(text) : null,
      };
      requests.push(request);
      const next = scripted.shift();
      if (next === 'hang') return; // never answers; closed when the server stops
      if (next) return send(res, next.status, next.body ?? {}, next.headers);
      if (!url.pathname.startsWith(PREFIX)) return send(res, 404, { message: 'Not Found' });
      handle(request, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    siteUrl: `http://127.0.0.1:${port}`,
    requests,
    state,
    /** Answers the next requests with these, in order, before the normal behaviour resumes. */
    script: (...answers: Scripted[]) => scripted.push(...answers),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A WooCommerce order as GET /orders returns it (the fields Retour reads, and a few it does not). */
export function wooOrder(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    parent_id: 0,
    number: `${id}`,
    order_key: `wc_order_${id}`,
    created_via: 'checkout',
    status: 'completed',
    currency: 'EUR',
    date_created: '2026-06-10T11:30:00',
    date_created_gmt: '2026-06-10T09:30:00',
    prices_include_tax: true,
    customer_id: 0,
    billing: {
      first_name: 'Sanne',
      last_name: 'de Vries',
      company: '',
      address_1: 'Prinsengracht 263',
      address_2: '',
      city: 'Amsterdam',
      state: '',
      postcode: '1016 GV',
      country: 'NL',
      email: 'sanne@example.com',
      phone: '+31 6 12345678',
    },
    shipping: {
      first_name: 'Sanne',
      last_name: 'de Vries',
      company: '',
      address_1: 'Keizersgracht 1',
      address_2: '2nd floor',
      city: 'Amsterdam',
      state: 'NH',
      postcode: '1015 CV',
      country: 'NL',
    },
    payment_method: 'mollie_wc_gateway_ideal',
    line_items: [
      {
        id: id * 10 + 1,
        name: 'T-shirt - M',
        product_id: 31,
        variation_id: 32,
        quantity: 2,
        subtotal: '49.50',
        total: '49.50',
        total_tax: '10.40',
        sku: 'TS-M',
        price: 24.75,
        meta_data: [{ id: 1, key: 'pa_size', value: 'm', display_key: 'Size', display_value: 'M' }],
      },
      {
        id: id * 10 + 2,
        name: 'Jeans',
        product_id: 40,
        variation_id: 0,
        quantity: 1,
        subtotal: '73.55',
        total: '73.55',
        total_tax: '15.45',
        sku: '',
        price: 73.55,
        meta_data: [{ id: 2, key: '_reduced_stock', value: '1' }],
      },
    ],
    refunds: [],
    meta_data: [],
    ...overrides,
  };
}
