/**
 * How many failed order lookups the portal tolerates before answering `too_many_attempts`:
 * per client address (guessing many orders) and per order number (guessing one order's postcode).
 * Counted in the database, so every server process shares them.
 */
export const LOOKUP_FAILURES_PER_CLIENT = { max: 10, windowMs: 15 * 60 * 1000 } as const;
export const LOOKUP_FAILURES_PER_ORDER_NUMBER = { max: 50, windowMs: 60 * 60 * 1000 } as const;
/** How long the token a successful lookup returns stays valid for creating the return. */
export const LOOKUP_TOKEN_TTL_MS = 30 * 60 * 1000;
