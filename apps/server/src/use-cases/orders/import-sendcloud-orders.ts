// Sendcloud-compatible order import (Sendcloud v3 `POST /orders`): up to 100 orders, upserted on
// order_id + order_details.integration.id (our integration `sendcloud-<id>`, kind sendcloud), all or
// nothing: any invalid order refuses the whole request with Sendcloud-style errors whose
// `source.pointer` points into the request body, and everything is written in one transaction.
import { OrderImportSchema } from '@retour/contracts/orders';
import { MAX_SENDCLOUD_ORDERS, type SendcloudError, type SendcloudOrder, SendcloudOrderSchema } from '@retour/contracts/sendcloud-orders';
import { newId } from '@retour/db/ids';
import { ensureIntegration } from '@retour/db/repos/config';
import { findOrderIdsByExternal } from '@retour/db/repos/orders';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import type { Ctx } from '../../context.ts';
import { AppError, fail } from '../../errors.ts';
import { importOrderIn } from './import-orders.ts';

export const sendcloudIntegrationName = (id: string | number) => `sendcloud-${id}`;

/** Refuses the request with Sendcloud's error document (rendered by routes/sendcloud-orders.ts). */
export function refuse(errors: SendcloudError[]): never {
  throw new AppError('validation_error', errors[0]?.detail ?? 'The orders are invalid; nothing was stored.', { errors });
}

const problem = (pointer: string, detail: string): SendcloudError => ({
  status: '400',
  code: 'validation_error',
  detail,
  source: { pointer },
});

type Mapped = { order: Record<string, unknown>; pointers: Record<string, string> };

const WEIGHT_GRAMS = { kg: 1000, g: 1, lbs: 453.592, oz: 28.3495 } as const;

/** Sendcloud order → our order import item, with where each of our fields came from. */
export function mapSendcloudOrder(o: SendcloudOrder): Mapped {
  const currency = o.payment_details.total_price.currency;
  const a = o.shipping_address;
  const c = o.customer_details;
  const email = c?.email ?? a.email ?? o.billing_address?.email ?? '';
  const phone = c?.phone_number ?? a.phone_number ?? o.billing_address?.phone_number ?? null;
  const pointers: Record<string, string> = {
    integration: 'order_details/integration/id',
    externalId: 'order_id',
    orderNumber: 'order_number',
    placedAt: 'order_details/order_created_at',
    currency: 'payment_details/total_price/currency',
    'customer/name': c ? 'customer_details/name' : 'shipping_address/name',
    'customer/email': c?.email ? 'customer_details/email' : a.email ? 'shipping_address/email' : 'customer_details/email',
    'customer/phone': c?.phone_number ? 'customer_details/phone_number' : 'shipping_address/phone_number',
    'shippingAddress/name': 'shipping_address/name',
    'shippingAddress/company': 'shipping_address/company_name',
    'shippingAddress/street': 'shipping_address/address_line_1',
    'shippingAddress/houseNumber': 'shipping_address/house_number',
    'shippingAddress/addressLine2': 'shipping_address/address_line_2',
    'shippingAddress/postalCode': 'shipping_address/postal_code',
    'shippingAddress/city': 'shipping_address/city',
    'shippingAddress/region': 'shipping_address/state_province_code',
    'shippingAddress/country': 'shipping_address/country_code',
  };
  const used = new Set<string>();
  const items = o.order_details.order_items.map((item, j) => {
    const at = `order_details/order_items/${j}`;
    let externalId = item.item_id ?? item.variant_id ?? item.product_id ?? item.sku ?? String(j + 1);
    if (!item.item_id && used.has(externalId)) externalId = `${externalId}-${j + 1}`;
    used.add(externalId);
    const unitPrice = item.unit_price ? item.unit_price.value : perUnit(item.total_price.value, item.quantity, currency);
    const priceAt = item.unit_price ? `${at}/unit_price` : `${at}/total_price`;
    Object.assign(pointers, {
      [`items/${j}/externalId`]: `${at}/item_id`,
      [`items/${j}/sku`]: `${at}/sku`,
      [`items/${j}/name`]: `${at}/name`,
      [`items/${j}/quantity`]: `${at}/quantity`,
      [`items/${j}/unitPrice/value`]: `${priceAt}/value`,
      [`items/${j}/unitPrice/currency`]: `${priceAt}/currency`,
      [`items/${j}/unitPrice`]: priceAt,
      [`items/${j}/hsCode`]: `${at}/hs_code`,
      [`items/${j}/originCountry`]: `${at}/country_of_origin`,
      [`items/${j}/weightGrams`]: `${at}/measurement/weight/value`,
      [`items/${j}/imageUrl`]: `${at}/image_url`,
    });
    const weight = item.measurement?.weight;
    const grams = weight ? Math.round(Number(weight.value) * WEIGHT_GRAMS[weight.unit]) : null;
    return {
      externalId,
      sku: item.sku ?? item.ean ?? item.item_id ?? item.name.slice(0, 200),
      name: item.name,
      quantity: item.quantity,
      unitPrice: { value: unitPrice ?? item.total_price.value, currency: (item.unit_price ?? item.total_price).currency },
      hsCode: item.hs_code || null,
      originCountry: item.country_of_origin || null,
      weightGrams: grams && grams > 0 ? grams : null,
      imageUrl: item.image_url || null,
    };
  });
  return {
    pointers,
    order: {
      integration: sendcloudIntegrationName(o.order_details.integration.id),
      externalId: o.order_id,
      orderNumber: o.order_number,
      placedAt: o.order_details.order_created_at,
      currency,
      customer: { name: c?.name ?? a.name, email, phone: phone || null },
      shippingAddress: {
        name: a.name,
        company: a.company_name || null,
        street: a.address_line_1,
        houseNumber: a.house_number || null,
        addressLine2: a.address_line_2 || null,
        postalCode: a.postal_code,
        city: a.city,
        region: a.state_province_code || null,
        country: a.country_code,
      },
      items,
      shipments: [],
    },
  };
}

/** A line's total price divided by its quantity, rounded to the currency's minor unit. */
function perUnit(total: string, quantity: number, currency: string): string | null {
  const minor = parseMoneyValue(total, currency);
  return minor === null ? null : formatMoneyValue(Math.round(minor / quantity), currency);
}

/** Every problem of the request, each pointing into the body; empty when all orders are good. */
export function checkSendcloudOrders(body: unknown): { errors: SendcloudError[]; orders: Mapped[] } {
  if (!Array.isArray(body)) return { errors: [problem('', 'Send a JSON array of orders.')], orders: [] };
  if (body.length === 0) return { errors: [problem('', 'Send at least one order.')], orders: [] };
  if (body.length > MAX_SENDCLOUD_ORDERS) {
    return {
      errors: [
        problem('', `Send at most ${MAX_SENDCLOUD_ORDERS} orders per request (got ${body.length}); split them over several requests.`),
      ],
      orders: [],
    };
  }
  const errors: SendcloudError[] = [];
  const orders: Mapped[] = [];
  const seen = new Map<string, number>();
  body.forEach((candidate, i) => {
    const parsed = SendcloudOrderSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(problem(`/${[i, ...issue.path].join('/')}`, issue.message));
      return;
    }
    const mapped = mapSendcloudOrder(parsed.data);
    const ours = OrderImportSchema.safeParse(mapped.order);
    if (!ours.success) {
      for (const issue of ours.error.issues) {
        const path = issue.path.join('/');
        const pointer =
          mapped.pointers[path] ?? mapped.pointers[issue.path.slice(0, 3).join('/')] ?? mapped.pointers[issue.path.slice(0, 2).join('/')];
        const detail =
          path === 'customer/email' && !(mapped.order.customer as { email: string }).email
            ? 'Give the customer email (customer_details.email or shipping_address.email): shoppers find their order with it.'
            : issue.message;
        errors.push(problem(`/${i}/${pointer ?? ''}`, detail));
      }
      return;
    }
    const key = `${mapped.order.integration}\u0000${mapped.order.externalId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(problem(`/${i}/order_id`, `This order_id is also order ${earlier} of this request; send each order once.`));
      return;
    }
    seen.set(key, i);
    orders.push(mapped);
  });
  return { errors, orders };
}

export async function importSendcloudOrders(
  ctx: Ctx,
  merchantId: string,
  body: unknown,
): Promise<{ data: { id: string; order_id: string; order_number: string }[] }> {
  const { errors, orders } = checkSendcloudOrders(body);
  if (errors.length > 0) refuse(errors);
  const at = ctx.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const integrationIds = new Map<string, string>();
      for (const name of new Set(orders.map((o) => o.order.integration as string))) {
        integrationIds.set(
          name,
          await ensureIntegration(tx, merchantId, name, () => ({ merchantId, id: newId('int'), name, kind: 'sendcloud', createdAt: at })),
        );
      }
      for (const o of orders) await importOrderIn(ctx, tx, merchantId, o.order);
      const keys = orders.map((o) => ({
        integrationId: integrationIds.get(o.order.integration as string) as string,
        externalId: o.order.externalId as string,
      }));
      const ids = await findOrderIdsByExternal(tx, merchantId, keys);
      return {
        data: orders.map((o, i) => ({
          id: ids.get(`${keys[i]?.integrationId}\u0000${keys[i]?.externalId}`)?.id as string,
          order_id: o.order.externalId as string,
          order_number: o.order.orderNumber as string,
        })),
      };
    });
  } catch (error) {
    if (error instanceof AppError || !isWriteConflict(error)) throw error;
    fail('conflict', 'The orders could not be stored because they changed at the same time; send the request again (it is an upsert).');
  }
}

/** A unique-key race with a concurrent request for the same order (SQLite or PostgreSQL). */
function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === '40001' || e.code === '40P01' || /UNIQUE constraint|SQLITE_BUSY/.test(e.message ?? '');
}
