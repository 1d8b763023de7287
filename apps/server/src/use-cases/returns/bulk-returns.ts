// Bulk actions of the returns overview: each return goes through its own use case, so one
// refusal (wrong status, unknown id) is reported and the others still happen.
import type { BulkResult } from '@retour/contracts/backoffice';
import { getReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { AppError, fail } from '../../errors.ts';
import { approveReturn } from './approve-return.ts';
import { receiveReturn } from './receive-return.ts';

async function receiveAllAsNew(ctx: Ctx, merchantId: string, id: string, actor: string): Promise<void> {
  const agg = await getReturn(ctx.db, merchantId, id);
  if (!agg) fail('return_not_found', 'There is no return with this id for your account.');
  await receiveReturn(ctx, merchantId, id, actor, {
    items: agg.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity, condition: 'as_new', restocked: false })),
  });
}

export async function bulkReturns(
  ctx: Ctx,
  merchantId: string,
  actor: string,
  input: { action: 'approve' | 'receive_all'; ids: string[] },
): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  for (const id of input.ids) {
    try {
      if (input.action === 'approve') await approveReturn(ctx, merchantId, id, actor);
      else await receiveAllAsNew(ctx, merchantId, id, actor);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
