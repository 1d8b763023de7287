/**
 * Following a provider refund (Mollie) to its end. `queued` (not enough balance), `pending` and
 * `processing` are still on their way; `refunded`, `failed` and `canceled` are final. A refund that
 * is still on its way is checked again after these waits (about five days in all); after the last
 * check staff are told to look at it themselves.
 */
const MINUTE = 60_000;
export const REFUND_CHECK_DELAYS_MS = [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440].map((m) => m * MINUTE);
export const MAX_REFUND_CHECKS = REFUND_CHECK_DELAYS_MS.length;

export type RefundStatusKind = 'in_progress' | 'refunded' | 'failed' | 'unknown';

export function refundStatusKind(status: string | null): RefundStatusKind {
  if (status === 'queued' || status === 'pending' || status === 'processing') return 'in_progress';
  if (status === 'refunded') return 'refunded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'unknown';
}

export const isFinalRefundStatus = (status: string | null): boolean => {
  const kind = refundStatusKind(status);
  return kind === 'refunded' || kind === 'failed';
};

/** The wait before check number `check` (1-based: check 1 follows the refund's creation), null after the last. */
export function refundCheckDelay(check: number): number | null {
  if (!Number.isInteger(check) || check < 1 || check > MAX_REFUND_CHECKS) return null;
  return REFUND_CHECK_DELAYS_MS[check - 1] ?? null;
}
