// Tracking of returns booked on merchants' carrier accounts, in each carrier's own format through
// its adapter: pushed webhooks (`POST /api/carriers/accounts/{accountId}/webhook`, raw body, the
// adapter checks the carrier's signature with the account's secret) and, for adapters without
// webhooks, polling with `adapter.track` inside the `tracking.poll` jobs. The adapter maps the
// carrier's codes to our statuses; unknown codes are kept on the timeline and move nothing.
import type { CarrierWebhookResult } from '@retour/contracts/tracking';
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { findCarrierAccountForWebhook, listCarrierAccounts, returnsToTrack } from '@retour/db/repos/carrier-accounts';
import { findReturnIdByTracking } from '@retour/db/repos/tracking';
import { CarrierError, type TrackedEvent } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../../context.ts';
import { AppError, fail } from '../../errors.ts';
import { adapterOf, markAuthFailed, openWebhookSecret } from '../shared/carrier-accounts.ts';
import { byEventTime, recordMappedEvent } from './record-carrier-event.ts';

const BAD_SIGNATURE =
  "The webhook signature is missing or wrong, or this account does not take webhooks. Check the account's webhook URL and secret in the carrier's panel.";

export async function receiveAccountWebhook(
  ctx: Ctx,
  accountId: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  rawBody: Buffer,
): Promise<CarrierWebhookResult> {
  const account = await findCarrierAccountForWebhook(ctx.db, accountId);
  const secret = account ? openWebhookSecret(ctx, account) : null;
  if (!account || !secret) fail('invalid_signature', BAD_SIGNATURE);
  const adapter = adapterOf(ctx, account);
  if (!adapter.parseWebhook) fail('invalid_signature', BAD_SIGNATURE);
  let events: TrackedEvent[];
  try {
    events = adapter.parseWebhook({ headers, rawBody, secret });
  } catch (error) {
    if (error instanceof CarrierError && error.code === 'carrier_auth_failed') fail('invalid_signature', BAD_SIGNATURE);
    if (error instanceof AppError) throw error;
    fail('validation_error', `The webhook body is not what the carrier sends: ${error instanceof Error ? error.message : String(error)}`);
  }
  const returnIds = new Map<string, string | null>();
  const unknown = new Map<string, string>();
  let accepted = 0;
  let duplicates = 0;
  for (const event of byEventTime(events)) {
    const norm = normaliseTrackingNumber(event.trackingNumber);
    let returnId = returnIds.get(norm);
    if (returnId === undefined) {
      returnId = (await findReturnIdByTracking(ctx.db, account.merchantId, norm, account.code)) ?? null;
      returnIds.set(norm, returnId);
    }
    if (returnId === null || Number.isNaN(Date.parse(event.at))) {
      if (!unknown.has(norm)) unknown.set(norm, event.trackingNumber);
      continue;
    }
    if (await recordMappedEvent(ctx, account.merchantId, returnId, account.code, event, event.status)) accepted++;
    else duplicates++;
  }
  return { accepted, duplicates, unknownTrackingNumbers: [...unknown.values()] };
}

/** Polls the merchant's accounts whose adapters have no webhooks, for their open returns. */
export async function pollAccountReturns(ctx: Ctx, merchantId: string): Promise<void> {
  for (const account of await listCarrierAccounts(ctx.db, merchantId)) {
    if (account.status === 'auth_failed') continue;
    const adapter = adapterOf(ctx, account);
    if (adapter.parseWebhook) continue;
    const returns = await returnsToTrack(ctx.db, merchantId, account.id);
    for (let i = 0; i < returns.length; i += 100) {
      const page = returns.slice(i, i + 100);
      let events: TrackedEvent[];
      try {
        events = await adapter.track(page.map((r) => ({ trackingNumber: r.trackingNumber, carrierShipmentId: r.carrierShipmentId })));
      } catch (error) {
        if (!(error instanceof CarrierError)) throw error;
        if (error.code === 'carrier_auth_failed') await markAuthFailed(ctx, account, error.carrierMessage);
        // The next slot asks again.
        break;
      }
      const returnIdOf = new Map(page.map((r) => [normaliseTrackingNumber(r.trackingNumber), r.id]));
      for (const event of byEventTime(events)) {
        const returnId = returnIdOf.get(normaliseTrackingNumber(event.trackingNumber));
        if (!returnId || Number.isNaN(Date.parse(event.at))) continue;
        await recordMappedEvent(ctx, merchantId, returnId, account.code, event, event.status);
      }
    }
  }
}
