// A staff note on the return's timeline (never shown to the shopper).
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function addNote(ctx: Ctx, merchantId: string, returnId: string, actor: string, message: string): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, () => ({ event: { type: 'note' }, timeline: [{ type: 'note', message }] }));
}
