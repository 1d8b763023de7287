// The label-unused reminder (issue #15 item 5), scheduled when a return that gets a label is
// created: an outbox job due N calendar days later in the shop's time zone, one per return (its
// dedupe key is the sent-once marker). When it is due, the email goes out only if the label is
// still unused (compose.ts: the return is still open, i.e. no carrier scan, not cancelled).
import type { PortalSettings } from '@retour/contracts/config';
import { newId } from '@retour/db/ids';
import { labelReminderAt, labelReminderDays } from '@retour/domain/reminders';

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
