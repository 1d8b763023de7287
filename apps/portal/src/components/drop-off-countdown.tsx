// The shopper's countdown to an expiring return (issue #15 item 5): "Drop off by 12 January
// (9 days left)". The server gives the instant the return expires and the shop's time zone; the
// last day is the shop's local day that instant ends, the days left are counted in local days.
import type { ReturnView } from '@retour/contracts/returns';
import { formatDay, t } from '../i18n.ts';

const DAY_MS = 86_400_000;

/** The local date `YYYY-MM-DD` of an instant in `timezone`. */
function localDay(instant: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(instant),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function countdown(dropOffBy: NonNullable<ReturnView['dropOffBy']>, now: number): { lastDay: string; daysLeft: number } {
  const lastDay = localDay(Date.parse(dropOffBy.expiresAt) - 1, dropOffBy.timezone);
  const today = localDay(now, dropOffBy.timezone);
  const daysLeft = Math.max(0, Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS));
  return { lastDay, daysLeft };
}

export function DropOffCountdown({ ret }: { ret: ReturnView }) {
  if (ret.status === 'expired') {
    return (
      <p class="notice" role="status">
        {t('expiredNote')}
      </p>
    );
  }
  if (!ret.dropOffBy) return null;
  const { lastDay, daysLeft } = countdown(ret.dropOffBy, Date.now());
  return (
    <p class="deadline" data-testid="drop-off-countdown">
      <strong>{t('dropOffBy', { date: formatDay(lastDay), days: daysLeft })}</strong>
    </p>
  );
}
