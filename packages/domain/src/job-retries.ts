/**
 * How often a background job is tried before it is dead (kept with its last error, shown in the
 * back office with a Retry button, no longer retried by itself), and the wait between tries.
 *
 * The wait doubles from one second and is capped at an hour: 12 tries cover about an hour, and
 * each try after that adds an hour. Jobs that call an outside service (mail relay, carrier,
 * shop, Mollie) get about a day, so an outage of an afternoon loses nothing. Jobs with their own
 * schedule (webhook deliveries, refund checks) stop themselves first; their limit is a backstop.
 */
import { MAX_REFUND_CHECKS } from './refund-checks.ts';
import { MAX_WEBHOOK_ATTEMPTS } from './webhook-retries.ts';

const HOUR_MS = 60 * 60_000;

/** The wait after the n-th failed try: 1 s, 2 s, 4 s, … capped at an hour. */
export function jobBackoffMs(attempts: number): number {
  return Math.min(HOUR_MS, 1000 * 2 ** Math.max(0, Math.min(attempts, 40) - 1));
}

/** About a day of tries: 12 in the first hour, then hourly. */
export const DAY_OF_ATTEMPTS = 36;

const MAX_ATTEMPTS_BY_TOPIC: Record<string, number> = {
  'carrier.announce': DAY_OF_ATTEMPTS,
  'payment.refund': DAY_OF_ATTEMPTS,
  'woocommerce.refund': DAY_OF_ATTEMPTS,
  'shopify.mirror': DAY_OF_ATTEMPTS,
  'return.event': DAY_OF_ATTEMPTS,
  'webhook.deliver': MAX_WEBHOOK_ATTEMPTS + 2,
  'payment.refund_check': MAX_REFUND_CHECKS + 3,
  'shopify.backfill': 12,
  'woocommerce.backfill': 12,
  // One poll per 15-minute slot; the next slot's poll does the work if this one keeps failing.
  'tracking.poll': 5,
  'retention.sweep': 12,
};

/** Tries a job of `topic` gets before it is dead (emails and anything unlisted: about a day). */
export function maxJobAttempts(topic: string): number {
  return MAX_ATTEMPTS_BY_TOPIC[topic] ?? DAY_OF_ATTEMPTS;
}

/** After the carrier refused this many tries, the return shows its label as failed (tries go on). */
export const LABEL_FAILED_AFTER_ATTEMPTS = 8;
