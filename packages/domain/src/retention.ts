/**
 * Personal data of a return is kept for at most the return window + 365 days, then anonymised;
 * amounts and references stay for accounting (domain.md "Money, time, identifiers").
 *
 * The clock starts at the order's placement, the earliest possible start of any return window, so
 * nothing is kept longer than the rule allows. A return still in progress at that point keeps its
 * data until it ends (it cannot be finished without the shopper's address); its order waits with it.
 */
export const PERSONAL_DATA_RETENTION_DAYS = 365;
/** Webhook deliveries carry a copy of the return (contact data): their log is kept 30 days. */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;
/** Returns in these statuses are finished: nothing more will be sent to the shopper. */
export const FINISHED_STATUSES = ['completed', 'cancelled', 'rejected', 'expired'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Orders placed before this instant are past retention (for a merchant whose longest window is `windowDays`). */
export function retentionCutoff(now: Date, windowDays: number): Date {
  return new Date(now.getTime() - (windowDays + PERSONAL_DATA_RETENTION_DAYS) * DAY_MS);
}

/** Settled webhook deliveries created before this instant are deleted from the log. */
export function webhookLogCutoff(now: Date): Date {
  return new Date(now.getTime() - WEBHOOK_LOG_RETENTION_DAYS * DAY_MS);
}

/** The longest return window of a merchant's portals; without portals, the longest window allowed (365). */
export function longestWindow(windowDays: number[]): number {
  return windowDays.length === 0 ? 365 : Math.max(...windowDays);
}

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}

/** What stays of a shipping address: the country (customs and accounting). */
export function anonymisedAddress(country: string): Record<string, string | null> {
  return {
    name: 'Anonymised',
    company: null,
    street: '—',
    houseNumber: null,
    addressLine2: null,
    postalCode: '—',
    city: '—',
    region: null,
    country,
  };
}
export const ANONYMISED_NAME = 'Anonymised';
export const ANONYMISED_EMAIL = 'anonymised@anonymised.invalid';
