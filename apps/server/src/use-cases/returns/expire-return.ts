// The `return.expire` job's use case (issue #15 item 5): a return whose label is still unused at
// its expiry instant expires through the state machine (`open` → `expired`). A carrier scan, a
// cancellation or anything else that moved it on first wins (then nothing happens), as does a
// portal that switched expiry off since. The `return.event` listeners void the unused label with
// the carrier where it allows it (jobs/void-carrier-label.ts); the shopper gets the `expired` email.
import { getRow } from '@retour/db/repos/config';
import { expiryDays } from '@retour/domain/reminders';
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';

export async function expireReturn(ctx: Ctx, merchantId: string, returnId: string): Promise<boolean> {
  const outcome = await changeReturn(ctx, merchantId, returnId, 'system', async ({ ret }, tx) => {
    if (ret.status !== 'open' || !ret.expiresAt) return null;
    if (ctx.now().getTime() < Date.parse(ret.expiresAt)) return null;
    const portal = ret.portalId ? await getRow(tx, 'portals', merchantId, ret.portalId) : undefined;
    if (portal && expiryDays(portalSettingsOf(portal).expiryDays) === null) return null;
    return {
      event: { type: 'expire' },
      timeline: [
        {
          type: 'expired',
          message: 'The label was not used in time: the return expired.',
          data: { expiresAt: ret.expiresAt, trackingNumber: ret.trackingNumber },
        },
      ],
      jobs: [
        {
          topic: 'email.expired',
          payload: { returnId, to: ret.contactEmail, language: ret.language },
          dedupeKey: `email:expired:${returnId}`,
        },
      ],
    };
  });
  return outcome.changed;
}
