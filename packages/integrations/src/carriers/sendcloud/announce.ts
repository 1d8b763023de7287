// One Sendcloud return per booking chain, however often a booking is retried.
//
// Our reference goes out as `external_reference`, which Sendcloud keeps unique per user and refuses
// a second time with "External reference has already been used in another return."
// (sendcloud-v3-returns-openapi.yml, components/responses/400). The Return objects Sendcloud lists
// do not echo `external_reference`, so a refused retry finds the return it made before in
// `GET /returns` (a recent window, every cursor page): same shopper and merchant postal codes,
// shipping option, delivery option and order number, newest first.
// A return whose label was cancelled still holds the reference: booking again after a cancellation
// sends `R-XXXXXX/2`, `/3`, … (the same sequence on every retry, so retries stay idempotent).
import { type BookRequest, CarrierError } from '../adapter.ts';
import { type SendcloudClient, SendcloudHttpError } from './client.ts';
import { parentStatusSlug } from './tracking.ts';
import type { SendcloudReturn } from './types.ts';

const DUPLICATE = /external reference has already been used/i;
/** How far back a retried booking looks for the return it made before. */
export const LOOKBACK_DAYS = 14;
const MAX_PAGES = 25;
const CANCELLED = new Set(['cancelled', 'cancelling', 'cancelling-upstream', 'cancelled-upstream', 'cancellation-requested']);

const norm = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, '').toUpperCase();

function isCancelled(ret: SendcloudReturn): boolean {
  return (ret.status_history ?? []).some((row) => CANCELLED.has(parentStatusSlug(row.parent_status ?? '')));
}

/** Returns of the look-up window that this booking could have made, newest first. */
async function earlierReturns(
  client: SendcloudClient,
  request: BookRequest,
  deliveryOption: string,
  now: Date,
): Promise<SendcloudReturn[]> {
  const stamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
  const window = {
    from_date: stamp(new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)),
    to_date: stamp(new Date(now.getTime() + 86_400_000)),
  };
  const matches: SendcloudReturn[] = [];
  let path: string | null = 'returns';
  let query: Record<string, string | number> | undefined = { ...window, page_size: 40 };
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const body: { next?: string | null; data?: SendcloudReturn[] } = await client.json('GET', path, query ? { query } : {});
    for (const ret of body.data ?? []) {
      if (typeof ret.id !== 'number') continue;
      if (norm(ret.from_address?.postal_code) !== norm(request.from.postalCode)) continue;
      if (norm(ret.to_address?.postal_code) !== norm(request.to.postalCode)) continue;
      if (ret.shipping_option?.code && ret.shipping_option.code !== request.service) continue;
      if (ret.delivery_option && ret.delivery_option !== deliveryOption) continue;
      if ((ret.order_number ?? '') !== (request.orderNumber ?? '')) continue;
      matches.push(ret);
    }
    path = body.next ?? null;
    query = undefined;
  }
  return matches.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
}

/** Creates the return, or finds the one an earlier attempt made: its return id and (when known) parcel id. */
export async function announceOnce(
  client: SendcloudClient,
  request: BookRequest,
  body: Record<string, unknown> & { delivery_option: string },
  now: Date,
): Promise<{ returnId: number; parcelId: number | null; existing: SendcloudReturn | null }> {
  let earlier: SendcloudReturn[] | null = null;
  for (let attempt = 1; ; attempt++) {
    const reference = attempt === 1 ? request.reference : `${request.reference}/${attempt}`;
    try {
      const created = await client.json<{ return_id: number; parcel_id?: number }>('POST', 'returns/announce-synchronously', {
        body: { ...body, external_reference: reference },
      });
      return { returnId: created.return_id, parcelId: created.parcel_id ?? null, existing: null };
    } catch (error) {
      const duplicate = error instanceof SendcloudHttpError && error.items.some((item) => DUPLICATE.test(item.message));
      if (!duplicate) throw error;
    }
    earlier ??= await earlierReturns(client, request, body.delivery_option, now);
    const live = earlier.find((ret) => !isCancelled(ret));
    if (live && typeof live.id === 'number') return { returnId: live.id, parcelId: null, existing: live };
    // Only cancelled returns hold the references so far: try the next one, at most once per cancelled return.
    if (attempt > earlier.length) {
      throw new CarrierError(
        'carrier_rejected',
        `Sendcloud already has a return with reference ${reference}, but none of the returns of the last ${LOOKBACK_DAYS} days matches this address and product: look it up in the Sendcloud panel.`,
      );
    }
  }
}
