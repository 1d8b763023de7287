/**
 * The return lifecycle. THE only place a return's status changes: every caller asks
 * `transition(state, event)` and stores the result. See domain.md "Return lifecycle".
 *
 *   requested ──approve──▶ awaiting_payment | open        requested ──reject──▶ rejected
 *   awaiting_payment ──paid──▶ open                         awaiting_payment ──payment_failed──▶ payment_failed
 *   payment_failed ──retry_payment──▶ awaiting_payment      (the shopper tries to pay again)
 *   open ──tracking in_transit──▶ in_transit ──tracking delivered──▶ delivered
 *   open | in_transit | delivered ──receive──▶ received ──resolve──▶ completed
 *   requested | awaiting_payment | payment_failed | open ──cancel──▶ cancelled
 *   open ──keep──▶ received   (a return rule lets the shopper keep every item: refunded without a shipment)
 *   open ──expire──▶ expired  (the label stayed unused: no carrier scan by the portal's expiry instant; terminal)
 */

export const RETURN_STATUSES = [
  'requested',
  'rejected',
  'awaiting_payment',
  'payment_failed',
  'open',
  'in_transit',
  'delivered',
  'received',
  'completed',
  'cancelled',
  'expired',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export type ReturnEvent =
  | { type: 'submit'; approval: 'automatic' | 'manual'; paymentRequired: boolean } // from null (creation)
  | { type: 'approve'; paymentRequired: boolean }
  | { type: 'reject' }
  | { type: 'paid' }
  | { type: 'payment_failed' }
  | { type: 'retry_payment' }
  | { type: 'cancel' }
  | { type: 'tracking'; status: 'in_transit' | 'delivered' } // carrier events
  | { type: 'receive' }
  | { type: 'resolve' }
  | { type: 'note' }
  | { type: 'refund' }
  | { type: 'store_credit' }
  | { type: 'replacement' }
  | { type: 'resend_label' }
  /** Only at creation, when a return rule lets the shopper keep every item; not a staff action (not in PROBES). */
  | { type: 'keep' }
  /** Only from the scheduled expiry job, when the label stayed unused; not a staff action (not in PROBES). */
  | { type: 'expire' };

export type TransitionResult =
  | { ok: true; status: ReturnStatus; changed: boolean }
  | { ok: false; code: 'invalid_transition'; from: ReturnStatus | null; event: ReturnEvent['type'] };

/** Every event type, in a stable order (for UIs and exhaustive tests). */
export const RETURN_EVENT_TYPES = [
  'submit',
  'approve',
  'reject',
  'paid',
  'payment_failed',
  'retry_payment',
  'cancel',
  'tracking',
  'receive',
  'resolve',
  'note',
  'refund',
  'store_credit',
  'replacement',
  'resend_label',
] as const satisfies readonly ReturnEvent['type'][];

/** Position along the carrier path; tracking only ever moves a status forward along it. */
const TRACKING_RANK: Partial<Record<ReturnStatus, number>> = { open: 0, in_transit: 1, delivered: 2 };

const CANCELLABLE: readonly ReturnStatus[] = ['requested', 'awaiting_payment', 'payment_failed', 'open'];
const RECEIVABLE: readonly ReturnStatus[] = ['open', 'in_transit', 'delivered'];
const RESOLVED_ACTION_STATES: readonly ReturnStatus[] = ['received', 'completed'];
const RESEND_LABEL_STATES: readonly ReturnStatus[] = ['open', 'in_transit'];

function move(status: ReturnStatus): TransitionResult {
  return { ok: true, status, changed: true };
}
function stay(status: ReturnStatus): TransitionResult {
  return { ok: true, status, changed: false };
}
function invalid(from: ReturnStatus | null, event: ReturnEvent): TransitionResult {
  return { ok: false, code: 'invalid_transition', from, event: event.type };
}

/**
 * Carrier tracking never fails: it moves `open → in_transit → delivered` forward only; a late,
 * duplicate or out-of-order event (or one before the label exists, or after the return ended)
 * is accepted unchanged so the caller can keep it on the timeline.
 */
function track(state: ReturnStatus, target: 'in_transit' | 'delivered'): TransitionResult {
  const current = TRACKING_RANK[state];
  const next = TRACKING_RANK[target] as number;
  if (current !== undefined && next > current) return move(target);
  return stay(state);
}

export function transition(state: ReturnStatus | null, event: ReturnEvent): TransitionResult {
  if (state === null) {
    if (event.type !== 'submit') return invalid(state, event);
    if (event.approval === 'manual') return move('requested');
    return move(event.paymentRequired ? 'awaiting_payment' : 'open');
  }
  switch (event.type) {
    case 'submit':
      return invalid(state, event);
    case 'approve':
      if (state !== 'requested') return invalid(state, event);
      return move(event.paymentRequired ? 'awaiting_payment' : 'open');
    case 'reject':
      return state === 'requested' ? move('rejected') : invalid(state, event);
    case 'paid':
      return state === 'awaiting_payment' ? move('open') : invalid(state, event);
    case 'payment_failed':
      return state === 'awaiting_payment' ? move('payment_failed') : invalid(state, event);
    case 'retry_payment':
      return state === 'payment_failed' ? move('awaiting_payment') : invalid(state, event);
    case 'cancel':
      return CANCELLABLE.includes(state) ? move('cancelled') : invalid(state, event);
    case 'tracking':
      return track(state, event.status);
    case 'receive':
      return RECEIVABLE.includes(state) ? move('received') : invalid(state, event);
    case 'resolve':
      return state === 'received' ? move('completed') : invalid(state, event);
    case 'note':
      return stay(state);
    case 'refund':
    case 'store_credit':
    case 'replacement':
      return RESOLVED_ACTION_STATES.includes(state) ? stay(state) : invalid(state, event);
    case 'resend_label':
      return RESEND_LABEL_STATES.includes(state) ? stay(state) : invalid(state, event);
    case 'keep':
      return state === 'open' ? move('received') : invalid(state, event);
    case 'expire':
      return state === 'open' ? move('expired') : invalid(state, event);
    default: {
      const unknown: never = event;
      return invalid(state, unknown);
    }
  }
}

/** One representative event per type (all variants for those whose outcome depends on fields). */
const PROBES: readonly ReturnEvent[] = [
  { type: 'approve', paymentRequired: false },
  { type: 'approve', paymentRequired: true },
  { type: 'reject' },
  { type: 'paid' },
  { type: 'payment_failed' },
  { type: 'retry_payment' },
  { type: 'cancel' },
  { type: 'tracking', status: 'in_transit' },
  { type: 'tracking', status: 'delivered' },
  { type: 'receive' },
  { type: 'resolve' },
  { type: 'note' },
  { type: 'refund' },
  { type: 'store_credit' },
  { type: 'replacement' },
  { type: 'resend_label' },
];

/** Event types accepted in `state` (including accepted no-ops such as `note`), for UIs. */
export function allowedEvents(state: ReturnStatus): ReturnEvent['type'][] {
  const allowed = new Set<ReturnEvent['type']>();
  for (const probe of PROBES) {
    if (transition(state, probe).ok) allowed.add(probe.type);
  }
  return RETURN_EVENT_TYPES.filter((t) => allowed.has(t));
}
