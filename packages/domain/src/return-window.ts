/**
 * The return window: from which local date it starts (the anchor) and its last day (deadline).
 * See domain.md "Return window". All calendar days are counted in the portal's time zone.
 */
import { addDays, localDate } from './calendar.ts';

export const RETURN_WINDOW_MIN_DAYS = 14;
export const RETURN_WINDOW_MAX_DAYS = 365;
export const TRANSIT_ALLOWANCE_MIN_DAYS = 0;
export const TRANSIT_ALLOWANCE_MAX_DAYS = 30;
export const DEFAULT_TRANSIT_ALLOWANCE_DAYS = 7;
export const DEFAULT_TIMEZONE = 'Europe/Amsterdam';

export type WindowSettings = {
  /** Integer, RETURN_WINDOW_MIN_DAYS–RETURN_WINDOW_MAX_DAYS (validated at the edge). */
  returnWindowDays: number;
  /** Integer, TRANSIT_ALLOWANCE_MIN_DAYS–TRANSIT_ALLOWANCE_MAX_DAYS; added to shipped/placed dates. */
  transitAllowanceDays: number;
  /** IANA time zone name in which calendar days are counted. */
  timezone: string;
};

/**
 * What is known about one outbound shipment that carried an item.
 *
 * `deliveredAt`: for `deliveredTo: 'service_point'` the caller passes the moment the parcel was
 * scanned delivered AT THE SERVICE POINT — not the later pick-up by the shopper. The window
 * rule does not distinguish the two kinds once that instant is chosen; `deliveredTo` is kept so
 * callers record which instant they passed.
 */
export type ShipmentFacts = {
  shippedAt: Date | null;
  deliveredAt: Date | null;
  deliveredTo: 'home' | 'service_point' | null;
};

/** The day-0 of the window. `date` is the local anchor date, transit allowance already included. */
export type WindowAnchor = { kind: 'delivered' | 'shipped' | 'placed'; date: string };

function anchorForShipment(sh: ShipmentFacts, s: WindowSettings): WindowAnchor | null {
  if (sh.deliveredAt !== null) {
    return { kind: 'delivered', date: localDate(sh.deliveredAt, s.timezone) };
  }
  if (sh.shippedAt !== null) {
    return { kind: 'shipped', date: addDays(localDate(sh.shippedAt, s.timezone), s.transitAllowanceDays) };
  }
  return null;
}

/**
 * The anchor for one item, given the shipments that carried it. Each shipment gives its
 * delivered date, else its shipped date + allowance. With several shipments the LATEST anchor
 * date wins (generous to the shopper; EU law starts the period when the last good is received).
 * On equal dates, a `delivered` anchor is preferred over a `shipped` one (the firmer fact).
 * With no shipped or delivered shipment: the order's placed date + allowance.
 */
export function anchorFor(placedAt: Date, shipments: ShipmentFacts[], s: WindowSettings): WindowAnchor {
  let best: WindowAnchor | null = null;
  for (const sh of shipments) {
    const a = anchorForShipment(sh, s);
    if (a === null) continue;
    if (best === null || a.date > best.date || (a.date === best.date && a.kind === 'delivered')) {
      best = a;
    }
  }
  if (best !== null) return best;
  return { kind: 'placed', date: addDays(localDate(placedAt, s.timezone), s.transitAllowanceDays) };
}

/** The last local date on which a return is allowed: anchor date (day 0) + returnWindowDays. */
export function returnDeadline(anchor: WindowAnchor, s: WindowSettings): string {
  return addDays(anchor.date, s.returnWindowDays);
}

/** True while today's local date in `timezone` is on or before `deadline` (`YYYY-MM-DD`). */
export function isWithinWindow(deadline: string, now: Date, timezone: string): boolean {
  return localDate(now, timezone) <= deadline;
}
