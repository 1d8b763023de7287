// A cancelled or expired return booked on a carrier account gets its unused label voided: a `return.event`
// listener enqueues one `carrier.cancel` job per return; the job asks the carrier and notes the
// answer on the timeline (staff only). A label the carrier says is used (`carrier_not_cancellable`)
// or that it refuses to void is noted and not retried; a carrier that is down is retried.
import { newId } from '@retour/db/ids';
import { getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import { enqueue } from '@retour/db/repos/outbox';
import { appendEvents, getReturnRow } from '@retour/db/repos/returns';
import { CarrierError } from '@retour/integrations/carriers/adapter';
import type { Ctx, ReturnEventListener } from '../context.ts';
import { adapterOf, markAuthFailed } from '../use-cases/shared/carrier-accounts.ts';
import { AUTH_FAILED_RETRY_MS } from './book-on-account.ts';
import { RetryLater } from './retry-later.ts';

export const CARRIER_CANCEL_TOPIC = 'carrier.cancel';

/** The ends of a return that leave its label unused: void it with the carrier. */
const VOIDED_WHEN = new Set(['cancelled', 'expired']);

export const voidLabelOnCancel: ReturnEventListener = async (ctx, merchantId, event) => {
  if (!VOIDED_WHEN.has(event.to) || event.from === event.to) return;
  const ret = await getReturnRow(ctx.db, merchantId, event.returnId);
  if (!ret?.carrierAccountId || !ret.carrierShipmentId) return;
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: CARRIER_CANCEL_TOPIC,
    payload: { returnId: ret.id },
    dedupeKey: `carrier_cancel:${ret.id}`,
    at: ctx.now().toISOString(),
  });
};

async function note(ctx: Ctx, merchantId: string, returnId: string, outcome: string, message: string): Promise<void> {
  const at = ctx.now().toISOString();
  await appendEvents(ctx.db, [
    {
      merchantId,
      id: newId('evt'),
      returnId,
      at,
      recordedAt: at,
      type: 'note',
      status: null,
      message,
      actor: 'system',
      data: { carrierLabel: outcome },
      dedupeKey: `carrier_cancel:${outcome}`,
    },
  ]);
}

export async function voidCarrierLabel(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const ret = await getReturnRow(ctx.db, merchantId, String(payload.returnId));
  if (!ret?.carrierAccountId || !ret.carrierShipmentId || !VOIDED_WHEN.has(ret.status)) return;
  const account = await getCarrierAccount(ctx.db, merchantId, ret.carrierAccountId);
  if (!account) {
    await note(
      ctx,
      merchantId,
      ret.id,
      'account_missing',
      "The label could not be voided: its carrier account was disconnected. Void it in the carrier's portal.",
    );
    return;
  }
  try {
    await adapterOf(ctx, account).cancel(ret.carrierShipmentId);
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error;
    if (error.code === 'carrier_unavailable')
      throw error.opts.retryAfterMs ? new RetryLater(error.message, error.opts.retryAfterMs) : error;
    if (error.code === 'carrier_auth_failed') {
      await markAuthFailed(ctx, account, error.carrierMessage);
      throw new RetryLater(error.message, AUTH_FAILED_RETRY_MS);
    }
    await note(
      ctx,
      merchantId,
      ret.id,
      error.code === 'carrier_not_cancellable' ? 'carrier_not_cancellable' : 'void_refused',
      `The carrier did not void the label ${ret.trackingNumber ?? ''}: ${error.carrierMessage}`,
    );
    return;
  }
  await note(ctx, merchantId, ret.id, 'voided', `Label ${ret.trackingNumber ?? ''} voided with the carrier.`);
}
