/**
 * Which business events a change of a return announces to the outside (merchants' webhooks, shop
 * mirrors). Derived from the state-machine event and its result only, so every writer of a return
 * announces the same way.
 */
import type { ReturnEvent, ReturnStatus } from './state-machine.ts';

export const OUTGOING_EVENT_TYPES = ['return.created', 'return.status_changed', 'return.received', 'refund.created'] as const;
export type OutgoingEventType = (typeof OUTGOING_EVENT_TYPES)[number];

export function outgoingEventsOf(change: {
  event: ReturnEvent['type'];
  from: ReturnStatus | null;
  to: ReturnStatus;
  changed: boolean;
}): OutgoingEventType[] {
  if (change.from === null) return change.event === 'submit' ? ['return.created'] : [];
  const out: OutgoingEventType[] = [];
  if (change.changed && change.from !== change.to) out.push('return.status_changed');
  if (change.event === 'receive') out.push('return.received');
  if (change.event === 'refund') out.push('refund.created');
  return out;
}
