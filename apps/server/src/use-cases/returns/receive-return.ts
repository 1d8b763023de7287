// Staff record what arrived: per item the quantity, its condition and whether it is restocked.
import type { z } from 'zod';
import type { ReceiveBodySchema } from '@retour/contracts/returns';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function receiveReturn(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  body: z.infer<typeof ReceiveBodySchema>,
): Promise<void> {
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    (agg) => {
      const seen = new Set<string>();
      const items = body.items.map((line, index) => {
        if (seen.has(line.orderItemId)) invalid(['items', index, 'orderItemId'], 'List each item once.');
        seen.add(line.orderItemId);
        const item = agg.items.find((i) => i.orderItemId === line.orderItemId);
        if (!item) invalid(['items', index, 'orderItemId'], 'This item is not part of the return.');
        if (line.quantity > item.quantity) {
          fail('receive_exceeds_requested', `At most ${item.quantity} of "${item.name}" were returned.`, {
            index,
            orderItemId: item.orderItemId,
            requested: item.quantity,
          });
        }
        return {
          returnItemId: item.id,
          orderItemId: item.orderItemId,
          quantity: line.quantity,
          condition: line.condition,
          restocked: line.restocked,
        };
      });
      const summary = items.map((i) => `${i.quantity}× ${agg.items.find((x) => x.id === i.returnItemId)?.sku} (${i.condition})`).join(', ');
      return {
        event: { type: 'receive' },
        timeline: [{ type: 'received', message: summary, data: { items } }, ...(body.note ? [{ type: 'note', message: body.note }] : [])],
        jobs: [
          {
            topic: 'email.received',
            payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language },
            dedupeKey: `email:received:${returnId}`,
          },
        ],
      };
    },
    { type: 'receive' },
  );
}
