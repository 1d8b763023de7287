import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outgoingEventsOf, typesForEndpoint } from '../src/outgoing-events.ts';
import { RETURN_EVENT_TYPES, RETURN_STATUSES, type ReturnEvent, type ReturnStatus, transition } from '../src/state-machine.ts';

describe('outgoing events of a change', () => {
  it.each([
    ['submit', null, 'open', true, ['return.created']],
    ['submit', null, 'requested', true, ['return.created']],
    ['approve', 'requested', 'open', true, ['return.status_changed']],
    ['paid', 'awaiting_payment', 'open', true, ['return.status_changed']],
    ['receive', 'in_transit', 'received', true, ['return.status_changed', 'return.received']],
    ['receive', 'received', 'received', false, ['return.received']],
    ['refund', 'received', 'received', false, ['refund.created']],
    ['note', 'open', 'open', false, []],
    ['tracking', 'delivered', 'delivered', false, []],
    ['cancel', 'open', 'cancelled', true, ['return.status_changed']],
  ] as const)('%s from %s to %s', (event, from, to, changed, expected) => {
    expect(outgoingEventsOf({ event, from, to, changed })).toEqual(expected);
  });

  const eventOf = (type: ReturnEvent['type']): ReturnEvent =>
    type === 'submit'
      ? { type, approval: 'automatic', paymentRequired: false }
      : type === 'approve'
        ? { type, paymentRequired: false }
        : type === 'tracking'
          ? { type, status: 'delivered' }
          : ({ type } as ReturnEvent);

  it('announces a status change exactly when the state machine moves the return', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RETURN_STATUSES), fc.constantFrom(...RETURN_EVENT_TYPES), (from: ReturnStatus, type) => {
        const result = transition(from, eventOf(type));
        if (!result.ok) return;
        const events = outgoingEventsOf({ event: type, from, to: result.status, changed: result.changed });
        expect(events.includes('return.status_changed')).toBe(result.changed && result.status !== from);
        expect(events.includes('return.created')).toBe(false);
      }),
    );
  });
});

describe('typesForEndpoint', () => {
  const endpoint = { createdAt: '2026-06-15T10:00:00.000Z', events: ['return.created', 'refund.created'] };
  it.each([
    [
      'an event after the endpoint: its subscribed types',
      '2026-06-15T10:00:01.000Z',
      ['return.created', 'return.status_changed'],
      ['return.created'],
    ],
    ['an event at the same instant counts', '2026-06-15T10:00:00.000Z', ['refund.created'], ['refund.created']],
    ['an event from before the endpoint existed: nothing', '2026-06-15T09:59:59.999Z', ['return.created'], []],
    ['no subscribed type: nothing', '2026-06-16T00:00:00.000Z', ['return.received'], []],
  ] as const)('%s', (_name, at, types, expected) => {
    expect(typesForEndpoint(endpoint, { at, types })).toEqual(expected);
  });
});
