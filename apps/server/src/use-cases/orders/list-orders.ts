// The merchant's orders, oldest change first (so `updatedSince` + cursor can follow changes).
import type { Order } from '@retour/contracts/orders';
import { normaliseOrderNumber } from '@retour/domain/normalise';
import { integrationNames } from '@retour/db/repos/config';
import { getOrder, listOrders } from '@retour/db/repos/orders';
import type { Ctx } from '../../context.ts';
import { toOrderView } from '../../presenters/order-view.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';

export async function listMerchantOrders(
  ctx: Ctx,
  merchantId: string,
  q: { limit: number; cursor?: string | undefined; orderNumber?: string | undefined; updatedSince?: string | undefined },
): Promise<{ data: Order[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, ['updatedAt', 'id']);
  const rows = await listOrders(ctx.db, merchantId, {
    limit: q.limit + 1,
    ...(after ? { after } : {}),
    ...(q.orderNumber ? { orderNumberNorm: normaliseOrderNumber(q.orderNumber) } : {}),
    ...(q.updatedSince ? { updatedSince: new Date(q.updatedSince).toISOString() } : {}),
  });
  const page = rows.slice(0, q.limit);
  const names = await integrationNames(ctx.db, merchantId, [...new Set(page.map((r) => r.integrationId))]);
  const data: Order[] = [];
  for (const row of page) {
    const agg = await getOrder(ctx.db, merchantId, row.id);
    if (agg) data.push(toOrderView(agg, names.get(row.integrationId) ?? ''));
  }
  const last = page[page.length - 1];
  return { data, nextCursor: rows.length > q.limit && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.id }) : null };
}
