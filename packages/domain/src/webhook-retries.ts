/**
 * When a failed webhook delivery is tried again: 10 attempts spread over about a day, so an
 * endpoint that is down for an afternoon still gets every event without a manual replay.
 * delays[n - 1] is the wait after the n-th failed attempt.
 */
const MINUTE = 60_000;
export const WEBHOOK_RETRY_DELAYS_MS = [1, 5, 15, 30, 60, 120, 240, 480, 720].map((m) => m * MINUTE);
export const MAX_WEBHOOK_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

export function webhookRetryDelay(failedAttempts: number): number | null {
  if (failedAttempts < 1 || failedAttempts >= MAX_WEBHOOK_ATTEMPTS) return null;
  return WEBHOOK_RETRY_DELAYS_MS[failedAttempts - 1] ?? null;
}
