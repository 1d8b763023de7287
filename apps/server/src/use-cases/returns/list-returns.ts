// The merchant's returns, newest first (or oldest first), filtered and searched, one page at a time.
import type { ReturnFilterQuery } from '@retour/contracts/backoffice';
import type { MerchantReturn, ReturnListQuery } from '@retour/contracts/returns';
import { getReturn, searchReturns } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { toMerchantReturn, viewExtras } from '../../presenters/return-view.ts';
import { invalid } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { returnSearchOf } from './return-search.ts';

export async function listMerchantReturns(
  ctx: Ctx,
  merchantId: string,
  q: ReturnListQuery & Partial<ReturnFilterQuery>,
): Promise<{ data: MerchantReturn[]; nextCursor: string | null }> {
  const direction = q.sort === 'createdAt' ? 'asc' : 'desc';
  const cursor = decodeCursor(q.cursor, ['createdAt', 'id']) as { createdAt: string; id: string; sort?: unknown } | undefined;
  if (cursor && (cursor.sort ?? 'desc') !== direction) {
    invalid(['cursor'], 'This cursor belongs to another sort order; start again without a cursor.');
  }
  const rows = await searchReturns(ctx.db, merchantId, await returnSearchOf(ctx, merchantId, q), {
    limit: q.limit + 1,
    direction,
    ...(cursor ? { after: { createdAt: cursor.createdAt, id: cursor.id } } : {}),
  });
  const page = rows.slice(0, q.limit);
  const data: MerchantReturn[] = [];
  for (const row of page) {
    const agg = await getReturn(ctx.db, merchantId, row.id);
    if (agg) data.push(toMerchantReturn(agg, await viewExtras(ctx.db, agg)));
  }
  const last = page[page.length - 1];
  return {
    data,
    nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id, sort: direction }) : null,
  };
}
