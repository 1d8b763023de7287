// Our payment rows as the Mollie webhook and an instant exchange's hold move them on: claimed once
// under the return's transaction, so a repeated or concurrent delivery changes nothing.
import type { Executor, Tx } from '@retour/db/database';
import { getPayment, listReturnPayments, type PaymentRow, updatePayment } from '@retour/db/repos/payments';

export const FAILED = new Set(['failed', 'expired', 'canceled']);
/** A manual-capture payment: authorised (held), then `paid` once captured or `released`. */
export const HELD = 'authorized';
export const RELEASED = 'released';
/** Statuses after which a webhook changes nothing (a hold is settled by settle-hold.ts). */
export const FINAL = new Set(['paid', ...FAILED, HELD, RELEASED]);

/** Re-reads the row under the return's transaction: null when another delivery got there first. */
export async function claim(tx: Tx, row: PaymentRow, status: string, at: string): Promise<PaymentRow | null> {
  const fresh = await getPayment(tx, row.merchantId, row.id);
  if (!fresh || FINAL.has(fresh.status)) return null;
  await updatePayment(tx, row.merchantId, row.id, { status, updatedAt: at });
  return fresh;
}

export async function isLatest(tx: Executor, row: Pick<PaymentRow, 'merchantId' | 'returnId' | 'id'>): Promise<boolean> {
  const [latest] = await listReturnPayments(tx, row.merchantId, row.returnId);
  return latest?.id === row.id;
}

/** Whether the payment is an instant exchange's hold that was captured (settle-hold.ts noted `hold_captured` for it). */
export function isCapturedHold(events: readonly { type: string; data: Record<string, unknown> | null }[], paymentId: string): boolean {
  return events.some((e) => e.type === 'hold_captured' && e.data?.paymentId === paymentId);
}

/** What a refunded payment paid for, in staff's timeline text. */
export const refundedWhat = (hold: boolean) => (hold ? "the instant exchange's captured hold" : 'the return fee');
