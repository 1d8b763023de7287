// A carrier tracking event. Events may come late, twice or out of order: duplicates are dropped,
// the status only moves forward (the state machine decides), unknown codes stay on the timeline.
import { createHash } from 'node:crypto';
import { hasEvent } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export type TrackingInput = {
  at: string;
  status?: 'in_transit' | 'delivered' | 'exception' | 'info' | undefined;
  carrierCode?: string | undefined;
  message?: string | undefined;
};

/** Returns false when the same event was recorded before. */
export async function recordTrackingEvent(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  e: TrackingInput,
): Promise<boolean> {
  const at = new Date(e.at).toISOString();
  const dedupeKey = `tracking:${createHash('sha256')
    .update(JSON.stringify([at, e.status ?? null, e.carrierCode ?? null, e.message ?? null]))
    .digest('hex')
    .slice(0, 32)}`;
  const outcome = await changeReturn(ctx, merchantId, returnId, actor, async (agg, tx) => {
    if (await hasEvent(tx, merchantId, returnId, dedupeKey)) return null;
    const moves = e.status === 'in_transit' || e.status === 'delivered';
    const firstScan = agg.ret.status === 'open';
    return {
      event: moves ? { type: 'tracking', status: e.status as 'in_transit' | 'delivered' } : { type: 'note' },
      timeline: [
        {
          type: 'tracking',
          at,
          message: e.message ?? null,
          data: { status: e.status ?? null, carrierCode: e.carrierCode ?? null },
          dedupeKey,
        },
      ],
      jobs:
        moves && firstScan
          ? [
              {
                topic: 'email.dropped_off',
                payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language },
                dedupeKey: `email:dropped_off:${returnId}`,
              },
            ]
          : [],
    };
  });
  return outcome.stored[0] === true;
}
