// The label-unused reminder (issue #15 item 5), scheduled when a return that gets a label is
// created: an outbox job due N calendar days later in the shop's time zone, one per return (its
// dedupe key is the sent-once marker). When it is due, the email goes out only if the label is
// still unused (compose.ts: the return is still open, i.e. no carrier scan, not cancelled).
import type { PortalSettings } from '@retour/contracts/config';
import { newId } from '@retour/db/ids';
import { dropOffReminderAt, dropOffReminderDays, expiryAt, expiryDays, labelReminderAt, labelReminderDays } from '@retour/domain/reminders';

type Recipient = { id: string; contactEmail: string; language: string };

export function labelReminderJob(merchantId: string, ret: Recipient, createdAt: Date, settings: PortalSettings) {
  const days = labelReminderDays(settings.labelReminderDays);
  if (days === null) return null;
  return {
    merchantId,
    id: newId('job'),
    topic: 'email.label_reminder',
    payload: { returnId: ret.id, to: ret.contactEmail, language: ret.language },
    dedupeKey: `email:label_reminder:${ret.id}`,
    at: labelReminderAt(createdAt, days, settings.timezone).toISOString(),
  };
}

/** Sent only while the label is unused: the return is still open with its label (no scan yet). */
export function labelStillUnused(ret: { status: string; trackingNumber: string | null }): boolean {
  return ret.status === 'open' && ret.trackingNumber !== null;
}

export const EXPIRE_TOPIC = 'return.expire';

/**
 * Expiry (issue #15 item 5): when the portal sets it, a return that gets a label has an expiry
 * instant (stored on the return for the shopper's countdown), a `return.expire` job due then and,
 * before it, the drop-off reminder. Each job has a dedupe key per return: sent or run once. Never
 * for a return without a label (keep-the-item, manual approval until approved, no carrier).
 */
export function expiryPlan(merchantId: string, ret: Recipient, createdAt: Date, settings: PortalSettings) {
  const days = expiryDays(settings.expiryDays);
  if (days === null) return null;
  const expiresAt = expiryAt(createdAt, days, settings.timezone).toISOString();
  const jobs: { merchantId: string; id: string; topic: string; payload: Record<string, unknown>; dedupeKey: string; at: string }[] = [
    {
      merchantId,
      id: newId('job'),
      topic: EXPIRE_TOPIC,
      payload: { returnId: ret.id },
      dedupeKey: `expire:${ret.id}`,
      at: expiresAt,
    },
  ];
  const before = dropOffReminderDays(settings.expiryDays, settings.dropOffReminderDays);
  const remindAt = before === null ? null : dropOffReminderAt(createdAt, days, before, settings.timezone);
  if (remindAt) {
    jobs.push({
      merchantId,
      id: newId('job'),
      topic: 'email.drop_off_reminder',
      payload: { returnId: ret.id, to: ret.contactEmail, language: ret.language },
      dedupeKey: `email:drop_off_reminder:${ret.id}`,
      at: remindAt.toISOString(),
    });
  }
  return { expiresAt, jobs };
}
