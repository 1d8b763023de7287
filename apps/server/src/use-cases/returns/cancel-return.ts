// Staff cancel a return that has not yet been handed to the carrier.
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function cancelReturn(ctx: Ctx, merchantId: string, returnId: string, actor: string, reason: string | null): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, () => ({
    event: { type: 'cancel' },
    timeline: [{ type: 'cancelled', message: reason }],
  }));
}
