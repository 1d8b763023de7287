// Imports (upserts) up to 1,000 orders. Each order is checked on its own and stored whole or not
// at all; the good ones go in one transaction with a fixed number of set-based statements (one
// read of the known orders, multi-row inserts for new ones, multi-row upserts for known ones),
// and if that transaction fails, each order is retried in a transaction of its own so one bad
// order cannot sink the rest.
import { type OrderImport, OrderImportSchema } from '@retour/contracts/orders';
import { parseMoneyValue } from '@retour/domain/money';
import { normaliseOrderNumber, normalisePostalCode, normaliseTrackingNumber } from '@retour/domain/normalise';
import { newId } from '@retour/db/ids';
import { ensureIntegration } from '@retour/db/repos/config';
import { findOrderIdsByExternal, insertOrders, type OrderAggregate, replaceOrder, replaceOrders } from '@retour/db/repos/orders';
import type { Executor } from '@retour/db/database';
import { refreshStatistics } from '@retour/db/maintenance';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { issuesOf } from '../../http/validation-issues.ts';
import { brandResolver } from '../shared/brand-resolver.ts';

/** New orders in one batch after which the planner statistics are refreshed. */
const STATISTICS_AFTER = 500;

type Failure = { index: number; error: { code: string; message: string; details?: Record<string, unknown> } };
export type ImportResult = { created: number; updated: number; failed: Failure[] };

function toAggregate(
  merchantId: string,
  integrationId: string,
  o: OrderImport,
  brand: { brandId: string | null; senderAddressId: string | null },
  at: string,
): OrderAggregate {
  const id = newId('ord');
  return {
    order: {
      merchantId,
      id,
      integrationId,
      externalId: o.externalId,
      orderNumber: o.orderNumber,
      orderNumberNorm: normaliseOrderNumber(o.orderNumber),
      placedAt: new Date(o.placedAt).toISOString(),
      currency: o.currency,
      brandId: brand.brandId,
      senderAddressId: brand.senderAddressId,
      customerName: o.customer.name,
      customerEmail: o.customer.email,
      customerPhone: o.customer.phone ?? null,
      shippingAddress: o.shippingAddress,
      shipPostalNorm: normalisePostalCode(o.shippingAddress.postalCode),
      shipCountry: o.shippingAddress.country,
      createdAt: at,
      updatedAt: at,
      discountCodes: o.discountCodes?.length ? JSON.stringify(o.discountCodes) : null,
    },
    items: o.items.map((item, position) => ({
      merchantId,
      id: newId('itm'),
      orderId: id,
      position,
      externalId: item.externalId,
      sku: item.sku,
      name: item.name,
      variant: item.variant ?? null,
      quantity: item.quantity,
      unitPrice: parseMoneyValue(item.unitPrice.value, o.currency) as number,
      hsCode: item.hsCode ?? null,
      originCountry: item.originCountry ?? null,
      weightGrams: item.weightGrams ?? null,
      imageUrl: item.imageUrl ?? null,
      returnable: item.returnable ?? true,
      tags: item.tags ?? [],
      productType: item.productType ?? null,
      vendor: item.vendor ?? null,
    })),
    shipments: o.shipments.map((s, position) => ({
      merchantId,
      id: newId('shp'),
      orderId: id,
      position,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingNorm: normaliseTrackingNumber(s.trackingNumber),
      shippedAt: s.shippedAt ? new Date(s.shippedAt).toISOString() : null,
      deliveredAt: s.deliveredAt ? new Date(s.deliveredAt).toISOString() : null,
      deliveredTo: s.deliveredTo ?? null,
      items: s.items ?? null,
    })),
  };
}

export async function importOrders(ctx: Ctx, merchantId: string, raw: unknown[]): Promise<ImportResult> {
  const failed: Failure[] = [];
  const at = ctx.now().toISOString();
  const brands = await brandResolver(ctx.db, merchantId);
  const integrationIds = new Map<string, string>();
  const valid: { index: number; agg: OrderAggregate; key: string }[] = [];
  const seen = new Set<string>();
  for (const [index, candidate] of raw.entries()) {
    const parsed = OrderImportSchema.safeParse(candidate);
    if (!parsed.success) {
      failed.push({
        index,
        error: {
          code: 'validation_error',
          message: 'The order has invalid fields; see details.issues.',
          details: { issues: issuesOf(parsed.error) },
        },
      });
      continue;
    }
    const o = parsed.data;
    if (o.brandId && !brands.knows(o.brandId)) {
      failed.push({
        index,
        error: {
          code: 'brand_not_found',
          message: 'There is no brand with this brandId for your account.',
          details: { brandId: o.brandId },
        },
      });
      continue;
    }
    let integrationId = integrationIds.get(o.integration);
    if (!integrationId) {
      integrationId = await ensureIntegration(ctx.db, merchantId, o.integration, () => ({
        merchantId,
        id: newId('int'),
        name: o.integration,
        kind: 'api',
        createdAt: at,
      }));
      integrationIds.set(o.integration, integrationId);
    }
    const key = `${integrationId}\u0000${o.externalId}`;
    if (seen.has(key)) {
      failed.push({
        index,
        error: {
          code: 'validation_error',
          message: 'This order appears twice in the batch; send it once.',
          details: { issues: [{ path: ['externalId'], message: 'Duplicate in this batch.' }] },
        },
      });
      continue;
    }
    seen.add(key);
    valid.push({
      index,
      key,
      agg: toAggregate(
        merchantId,
        integrationId,
        o,
        brands.resolve({
          integration: o.integration,
          country: o.shippingAddress.country,
          tags: o.items.flatMap((i) => i.tags ?? []),
          skus: o.items.map((i) => i.sku),
          brandId: o.brandId,
        }),
        at,
      ),
    });
  }

  const existing = await findOrderIdsByExternal(
    ctx.db,
    merchantId,
    valid.map((v) => ({ integrationId: v.agg.order.integrationId, externalId: v.agg.order.externalId })),
  );
  for (const v of valid) {
    const found = existing.get(v.key);
    if (found) adopt(v, found);
  }
  const fresh = valid.filter((v) => !existing.has(v.key));
  const known = valid.filter((v) => existing.has(v.key));
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await insertOrders(
        tx,
        fresh.map((v) => v.agg),
      );
      await replaceOrders(
        tx,
        known.map((v) => v.agg),
      );
    });
    // A large batch can change the tables' size a lot: refresh SQLite's statistics (cheap, bounded).
    if (fresh.length >= STATISTICS_AFTER) await refreshStatistics(ctx.db, ctx.dialect, { checkAllTables: true });
    return { created: fresh.length, updated: known.length, failed: failed.sort((a, b) => a.index - b.index) };
  } catch {
    return importOneByOne(ctx, merchantId, valid, failed);
  }
}

/** An order already stored keeps its id and creation time. */
function adopt(v: { agg: OrderAggregate }, found: { id: string; createdAt: string }): void {
  v.agg.order.id = found.id;
  v.agg.order.createdAt = found.createdAt;
  for (const child of [...v.agg.items, ...v.agg.shipments]) child.orderId = found.id;
}

async function importOneByOne(
  ctx: Ctx,
  merchantId: string,
  valid: { index: number; agg: OrderAggregate; key: string }[],
  failed: Failure[],
): Promise<ImportResult> {
  let created = 0;
  let updated = 0;
  for (const v of valid) {
    try {
      const wasKnown = await ctx.db.transaction().execute(async (tx) => {
        const found = (
          await findOrderIdsByExternal(tx, merchantId, [{ integrationId: v.agg.order.integrationId, externalId: v.agg.order.externalId }])
        ).get(v.key);
        if (found) {
          adopt(v, found);
          await replaceOrder(tx, v.agg);
        } else {
          await insertOrders(tx, [v.agg]);
        }
        return found !== undefined;
      });
      if (wasKnown) updated++;
      else created++;
    } catch {
      failed.push({
        index: v.index,
        error: { code: 'conflict', message: 'The order could not be stored because it changed at the same time; send it again.' },
      });
    }
  }
  return { created, updated, failed: failed.sort((a, b) => a.index - b.index) };
}

/**
 * Upserts one order inside the caller's transaction, for a change that must commit together with
 * something else (a shop webhook records its delivery id in the same transaction). Refuses an
 * invalid order with the same validation_error as the batch import.
 */
export async function importOrderIn(ctx: Ctx, tx: Executor, merchantId: string, raw: unknown): Promise<'created' | 'updated'> {
  const parsed = OrderImportSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('validation_error', 'The order has invalid fields; see details.issues.', { issues: issuesOf(parsed.error) });
  }
  const o = parsed.data;
  const at = ctx.now().toISOString();
  const brands = await brandResolver(tx, merchantId);
  const integrationId = await ensureIntegration(tx, merchantId, o.integration, () => ({
    merchantId,
    id: newId('int'),
    name: o.integration,
    kind: 'api',
    createdAt: at,
  }));
  const brand = brands.resolve({
    integration: o.integration,
    country: o.shippingAddress.country,
    tags: o.items.flatMap((i) => i.tags ?? []),
    skus: o.items.map((i) => i.sku),
    brandId: o.brandId && brands.knows(o.brandId) ? o.brandId : null,
  });
  const v = { agg: toAggregate(merchantId, integrationId, o, brand, at) };
  const found = (await findOrderIdsByExternal(tx, merchantId, [{ integrationId, externalId: o.externalId }])).get(
    `${integrationId}\u0000${o.externalId}`,
  );
  if (!found) {
    await insertOrders(tx, [v.agg]);
    return 'created';
  }
  adopt(v, found);
  await replaceOrder(tx, v.agg);
  return 'updated';
}
