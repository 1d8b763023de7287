// How many returns match the overview's filters, per status (every status listed, zeros included).
import type { ReturnCountsQuery } from '@retour/contracts/backoffice';
import { countReturnsByStatus } from '@retour/db/repos/returns';
import { RETURN_STATUSES } from '@retour/domain/state-machine';
import type { Ctx } from '../../context.ts';
import { returnSearchOf } from './return-search.ts';

export async function countReturns(ctx: Ctx, merchantId: string, q: ReturnCountsQuery) {
  const found = await countReturnsByStatus(ctx.db, merchantId, await returnSearchOf(ctx, merchantId, q));
  const counts = Object.fromEntries(RETURN_STATUSES.map((s) => [s, found.get(s) ?? 0])) as Record<(typeof RETURN_STATUSES)[number], number>;
  return { counts };
}
