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

/**
 * The event types an endpoint receives of one event: those it subscribes to — and none of an event
 * that happened before the endpoint was created (a fan-out that runs late, e.g. after a restart,
 * must not send an endpoint the history from before it existed). ISO instants compare as strings.
 */
export function typesForEndpoint(
  endpoint: { createdAt: string; events: readonly string[] },
  event: { at: string; types: readonly OutgoingEventType[] },
): OutgoingEventType[] {
  if (event.at < endpoint.createdAt) return [];
  return event.types.filter((t) => endpoint.events.includes(t));
}
