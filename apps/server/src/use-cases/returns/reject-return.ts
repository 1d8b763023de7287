// Staff reject a requested return, with a reason the shopper is told.
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function rejectReturn(ctx: Ctx, merchantId: string, returnId: string, actor: string, reason: string | null): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, (agg) => ({
    event: { type: 'reject' },
    timeline: [{ type: 'rejected', message: reason }],
    jobs: [
      {
        topic: 'email.request_rejected',
        payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language, reason },
        dedupeKey: `email:request_rejected:${returnId}`,
      },
    ],
  }));
}
