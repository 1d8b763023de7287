import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEvents, RETURN_STATUSES, transition } from '../src/state-machine.ts';
import type { ReturnEvent, ReturnStatus } from '../src/state-machine.ts';

/** Every event variant, labelled for the table's columns. */
const EVENTS = {
  'submit:manual': { type: 'submit', approval: 'manual', paymentRequired: false },
  'submit:manual+pay': { type: 'submit', approval: 'manual', paymentRequired: true },
  'submit:auto': { type: 'submit', approval: 'automatic', paymentRequired: false },
  'submit:auto+pay': { type: 'submit', approval: 'automatic', paymentRequired: true },
  approve: { type: 'approve', paymentRequired: false },
  'approve+pay': { type: 'approve', paymentRequired: true },
  reject: { type: 'reject' },
  paid: { type: 'paid' },
  payment_failed: { type: 'payment_failed' },
  retry_payment: { type: 'retry_payment' },
  cancel: { type: 'cancel' },
  'tracking:in_transit': { type: 'tracking', status: 'in_transit' },
  'tracking:delivered': { type: 'tracking', status: 'delivered' },
  receive: { type: 'receive' },
  resolve: { type: 'resolve' },
  note: { type: 'note' },
  refund: { type: 'refund' },
  store_credit: { type: 'store_credit' },
  replacement: { type: 'replacement' },
  resend_label: { type: 'resend_label' },
  expire: { type: 'expire' },
} as const satisfies Record<string, ReturnEvent>;
type Label = keyof typeof EVENTS;
const LABELS = Object.keys(EVENTS) as Label[];

/**
 * Expected outcome per state (rows) and event (columns, in LABELS order):
 * a status = moves there; '=' = accepted, unchanged; 'x' = invalid_transition.
 */
// biome-ignore format: the table is aligned by hand
const TABLE: Record<string, string> = {
  //                   sub:man   sub:man+pay sub:auto sub:auto+pay     approve approve+pay      reject   paid pay_failed     retry            cancel    tr:in_transit tr:delivered receive  resolve   note refund store_cr repl resend expire
  'null':             'requested requested   open     awaiting_payment x       x                x        x    x              x                x         x             x            x        x         x    x      x        x    x      x',
  requested:          'x         x           x        x                open    awaiting_payment rejected x    x              x                cancelled =             =            x        x         =    x      x        x    x      x',
  rejected:           'x         x           x        x                x       x                x        x    x              x                x         =             =            x        x         =    x      x        x    x      x',
  awaiting_payment:   'x         x           x        x                x       x                x        open payment_failed x                cancelled =             =            x        x         =    x      x        x    x      x',
  payment_failed:     'x         x           x        x                x       x                x        x    x              awaiting_payment cancelled =             =            x        x         =    x      x        x    x      x',
  open:               'x         x           x        x                x       x                x        x    x              x                cancelled in_transit    delivered    received x         =    x      x        x    =      expired',
  in_transit:         'x         x           x        x                x       x                x        x    x              x                x         =             delivered    received x         =    x      x        x    =      x',
  delivered:          'x         x           x        x                x       x                x        x    x              x                x         =             =            received x         =    x      x        x    x      x',
  received:           'x         x           x        x                x       x                x        x    x              x                x         =             =            x        completed =    =      =        =    x      x',
  completed:          'x         x           x        x                x       x                x        x    x              x                x         =             =            x        x         =    =      =        =    x      x',
  cancelled:          'x         x           x        x                x       x                x        x    x              x                x         =             =            x        x         =    x      x        x    x      x',
  expired:            'x         x           x        x                x       x                x        x    x              x                x         =             =            x        x         =    x      x        x    x      x',
};

const STATES: (ReturnStatus | null)[] = [null, ...RETURN_STATUSES];

const cases = STATES.flatMap((state) => {
  const cells = (TABLE[String(state)] ?? '').trim().split(/\s+/);
  return LABELS.map((label, i) => [String(state), label, cells[i] ?? 'MISSING', state] as const);
});

describe('transition: every (state, event) pair', () => {
  it('the table covers every state and event', () => {
    expect(cases).toHaveLength(STATES.length * LABELS.length);
    expect(cases.filter(([, , expected]) => expected === 'MISSING')).toEqual([]);
    for (const [, , expected] of cases) expect(['x', '=', ...RETURN_STATUSES]).toContain(expected);
  });

  it.each(cases)('%s + %s → %s', (_s, label, expected, state) => {
    const event = EVENTS[label];
    const result = transition(state, event);
    if (expected === 'x') {
      expect(result).toEqual({ ok: false, code: 'invalid_transition', from: state, event: event.type });
    } else if (expected === '=') {
      expect(result).toEqual({ ok: true, status: state, changed: false });
    } else {
      expect(result).toEqual({ ok: true, status: expected, changed: true });
    }
  });
});

describe('allowedEvents', () => {
  it.each(RETURN_STATUSES)('%s: exactly the event types the table accepts', (state) => {
    const row = (TABLE[state] ?? '').trim().split(/\s+/);
    // `expire` comes only from the scheduled expiry job, never offered to staff.
    const expected = new Set(LABELS.filter((l, i) => row[i] !== 'x' && l !== 'expire').map((l) => EVENTS[l].type));
    expect(new Set(allowedEvents(state))).toEqual(expected);
  });

  it.each([
    ['requested', ['approve', 'reject', 'cancel', 'tracking', 'note']],
    ['open', ['cancel', 'tracking', 'receive', 'note', 'resend_label']],
    ['received', ['tracking', 'resolve', 'note', 'refund', 'store_credit', 'replacement']],
    ['cancelled', ['tracking', 'note']],
  ] as const)('%s allows %j', (state, expected) => {
    expect(allowedEvents(state)).toEqual(expected);
  });
});

/** The lifecycle's edges, written out independently of the implementation. */
const EDGES = new Set([
  'null>requested',
  'null>open',
  'null>awaiting_payment',
  'requested>awaiting_payment',
  'requested>open',
  'requested>rejected',
  'requested>cancelled',
  'awaiting_payment>open',
  'awaiting_payment>payment_failed',
  'awaiting_payment>cancelled',
  'payment_failed>awaiting_payment',
  'payment_failed>cancelled',
  'open>in_transit',
  'open>delivered',
  'open>received',
  'open>cancelled',
  'open>expired',
  'in_transit>delivered',
  'in_transit>received',
  'delivered>received',
  'received>completed',
]);
/** Progress order: every change must move strictly forward. */
const RANK: Record<ReturnStatus, number> = {
  requested: 0,
  awaiting_payment: 1,
  open: 2,
  payment_failed: 2,
  in_transit: 3,
  delivered: 4,
  received: 5,
  completed: 6,
  rejected: 9,
  cancelled: 9,
  expired: 9,
};
const TERMINAL: ReturnStatus[] = ['rejected', 'cancelled', 'completed', 'expired'];

const anyEvent = fc.constantFrom(...(Object.values(EVENTS) as ReturnEvent[]));
const trackingEvent = fc.constantFrom<ReturnEvent>(EVENTS['tracking:in_transit'], EVENTS['tracking:delivered']);

function run(start: ReturnStatus | null, events: readonly ReturnEvent[]): ReturnStatus | null {
  let state = start;
  for (const e of events) {
    const r = transition(state, e);
    if (r.ok) state = r.status;
  }
  return state;
}

describe('properties', () => {
  it('random event sequences only follow graph edges, always forward except a payment retry', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        let state: ReturnStatus | null = null;
        for (const e of events) {
          const r = transition(state, e);
          if (!r.ok) {
            expect(r.from).toBe(state);
            continue;
          }
          expect(RETURN_STATUSES).toContain(r.status);
          expect(r.changed).toBe(r.status !== state);
          if (r.changed) {
            expect(EDGES).toContain(`${state}>${r.status}`);
            // The one step back: a shopper retries a failed payment.
            const retry = e.type === 'retry_payment' && state === 'payment_failed';
            if (state !== null && !retry) expect(RANK[r.status]).toBeGreaterThan(RANK[state]);
          }
          state = r.status;
        }
      }),
    );
  });

  it('a terminal status never changes; only no-op events are accepted there', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL), fc.array(anyEvent, { maxLength: 30 }), (start, events) => {
        for (const e of events) {
          const r = transition(start, e);
          if (r.ok) expect(r).toEqual({ ok: true, status: start, changed: false });
        }
        expect(run(start, events)).toBe(start);
      }),
    );
  });

  it('tracking events in any order end in the same status (order-independent)', () => {
    const scenario = fc
      .tuple(fc.constantFrom(...RETURN_STATUSES), fc.array(trackingEvent, { maxLength: 12 }))
      .chain(([start, events]) =>
        fc.tuple(
          fc.constant(start),
          fc.constant(events),
          fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        ),
      );
    fc.assert(
      fc.property(scenario, ([start, events, shuffled]) => {
        expect(run(start, shuffled)).toBe(run(start, events));
      }),
    );
  });

  it('tracking never moves a status backwards and reaches the furthest scan from open', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RETURN_STATUSES), fc.array(trackingEvent, { maxLength: 12 }), (start, events) => {
        let state: ReturnStatus = start;
        for (const e of events) {
          const r = transition(state, e);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(RANK[r.status]).toBeGreaterThanOrEqual(RANK[state]);
            state = r.status;
          }
        }
        if (start === 'open') {
          const statuses = events.map((e) => (e.type === 'tracking' ? e.status : 'open'));
          const expected = statuses.includes('delivered') ? 'delivered' : statuses.includes('in_transit') ? 'in_transit' : 'open';
          expect(state).toBe(expected);
        }
        if (!['open', 'in_transit'].includes(start)) expect(state).toBe(start);
      }),
    );
  });
});
