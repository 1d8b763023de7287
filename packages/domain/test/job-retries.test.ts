import { describe, expect, it } from 'vitest';
import { DAY_OF_ATTEMPTS, jobBackoffMs, LABEL_FAILED_AFTER_ATTEMPTS, maxJobAttempts } from '../src/job-retries.ts';
import { MAX_REFUND_CHECKS } from '../src/refund-checks.ts';
import { MAX_WEBHOOK_ATTEMPTS } from '../src/webhook-retries.ts';

const HOUR = 3_600_000;
/** How long a job of `topic` keeps being tried: the waits after each failed try but the last. */
const triedFor = (topic: string) =>
  Array.from({ length: maxJobAttempts(topic) - 1 }, (_, i) => jobBackoffMs(i + 1)).reduce((a, b) => a + b, 0);

describe('job retries', () => {
  it('waits 1 s, 2 s, 4 s … after each failed try, never more than an hour', () => {
    expect([1, 2, 3, 4].map(jobBackoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(jobBackoffMs(0)).toBe(1000);
    expect(jobBackoffMs(13)).toBe(HOUR);
    expect(jobBackoffMs(10_000)).toBe(HOUR);
  });

  it('gives work that calls an outside service about a day before it is dead', () => {
    for (const topic of [
      'carrier.announce',
      'email.label_created',
      'payment.refund',
      'woocommerce.refund',
      'shopify.mirror',
      'email.anything',
    ]) {
      expect(maxJobAttempts(topic)).toBe(DAY_OF_ATTEMPTS);
      expect(triedFor(topic)).toBeGreaterThan(22 * HOUR);
      expect(triedFor(topic)).toBeLessThan(26 * HOUR);
    }
    expect(LABEL_FAILED_AFTER_ATTEMPTS).toBeLessThan(maxJobAttempts('carrier.announce'));
  });

  it('leaves jobs with their own schedule to stop themselves first', () => {
    expect(maxJobAttempts('webhook.deliver')).toBeGreaterThan(MAX_WEBHOOK_ATTEMPTS);
    expect(maxJobAttempts('payment.refund_check')).toBeGreaterThan(MAX_REFUND_CHECKS);
  });
});
