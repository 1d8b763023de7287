// Staff record the replacement shipment of an exchange: carrier and tracking number.
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function recordReplacement(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  body: { carrier: string; trackingNumber: string },
): Promise<void> {
  await changeReturn(
    ctx,
    merchantId,
    returnId,
    actor,
    () => ({
      event: { type: 'replacement' },
      timeline: [
        {
          type: 'replacement',
          message: `${body.carrier} ${body.trackingNumber}`,
          data: { carrier: body.carrier, trackingNumber: body.trackingNumber },
        },
      ],
    }),
    { type: 'replacement' },
  );
}
