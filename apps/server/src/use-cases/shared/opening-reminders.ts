// A return that opens with a label AFTER it was created — approved by staff, or paid at Mollie —
// gets what a return that opened at once gets at creation (create-return.ts): the label-unused
// reminder and, when the portal lets returns expire, its expiry instant, the `return.expire` job and
// the drop-off reminder, all counted from the moment it opens. Same dedupe keys: each once per return.
import type { Tx } from '@retour/db/database';
import { getRow } from '@retour/db/repos/config';
import type { ReturnRecord } from '@retour/db/repos/returns';
import type { ReturnChange } from './change-return.ts';
import { portalSettingsOf } from './load-portal.ts';
import { expiryPlan, labelReminderJob } from './reminder-jobs.ts';

type Opening = { fields: { expiresAt?: string }; jobs: NonNullable<ReturnChange['jobs']> };

export async function openingReminders(tx: Tx, ret: ReturnRecord, now: Date): Promise<Opening> {
  if (!ret.carrier || !ret.portalId) return { fields: {}, jobs: [] };
  const portal = await getRow(tx, 'portals', ret.merchantId, ret.portalId);
  if (!portal) return { fields: {}, jobs: [] };
  const settings = portalSettingsOf(portal);
  const recipient = { id: ret.id, contactEmail: ret.contactEmail, language: ret.language };
  const label = labelReminderJob(ret.merchantId, recipient, now, settings);
  const expiry = expiryPlan(ret.merchantId, recipient, now, settings);
  const jobs = [...(label ? [label] : []), ...(expiry?.jobs ?? [])].map(({ topic, payload, dedupeKey, at }) => ({
    topic,
    payload,
    dedupeKey,
    at,
  }));
  return { fields: expiry ? { expiresAt: expiry.expiresAt } : {}, jobs };
}
