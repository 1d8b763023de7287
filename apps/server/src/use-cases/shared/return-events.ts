// Announces a change of a return to the outside world (merchants' webhook endpoints, shop
// mirrors): one `return.event` outbox job in the same transaction as the change. Listeners
// (registered in composition.ts) run from that job, so a slow endpoint never holds a request.
import { outgoingEventsOf } from '@retour/domain/outgoing-events';
import type { ReturnEvent, ReturnStatus } from '@retour/domain/state-machine';
import type { Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';

/** The payload of a `return.event` job, as listeners receive it. */
export type ReturnDomainEvent = {
  /** Unique per change; listeners derive their own dedupe keys from it. */
  id: string;
  types: ('return.created' | 'return.status_changed' | 'return.received' | 'refund.created')[];
  returnId: string;
  trigger: ReturnEvent['type'];
  from: ReturnStatus | null;
  to: ReturnStatus;
  at: string;
  actor: string;
  /** The data of the change's first timeline entry (e.g. the refund `{ amount, note }`). */
  detail: Record<string, unknown> | null;
};

/** The `return.event` job for a change, or null when the change announces nothing. */
export function returnEventJob(merchantId: string, change: Omit<ReturnDomainEvent, 'id' | 'types'>) {
  const types = outgoingEventsOf({ event: change.trigger, from: change.from, to: change.to, changed: change.from !== change.to });
  if (types.length === 0) return null;
  const event: ReturnDomainEvent = { id: newId('rev'), types, ...change };
  return { merchantId, id: newId('job'), topic: 'return.event', payload: event, dedupeKey: `event:${event.id}`, at: change.at };
}

export async function enqueueReturnEvent(
  tx: Tx,
  merchantId: string,
  change: Omit<ReturnDomainEvent, 'id' | 'types'>,
): Promise<string | null> {
  const job = returnEventJob(merchantId, change);
  if (!job) return null;
  await enqueue(tx, job);
  return job.id;
}
