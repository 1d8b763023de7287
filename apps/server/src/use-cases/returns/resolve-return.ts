// Staff close a received return once its resolution (refund, credit or replacement) is done.
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function resolveReturn(ctx: Ctx, merchantId: string, returnId: string, actor: string): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, () => ({ event: { type: 'resolve' }, timeline: [{ type: 'completed' }] }));
}
