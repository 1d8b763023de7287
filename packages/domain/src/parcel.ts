// Facts about the parcel a return becomes.
import { addDays } from './calendar.ts';

/** Assumed weight of an item whose weight the shop did not send, in grams. */
export const DEFAULT_ITEM_WEIGHT_GRAMS = 500;

export function parcelWeightGrams(lines: { weightGrams: number | null; quantity: number }[]): number {
  return lines.reduce((sum, l) => sum + (l.weightGrams ?? DEFAULT_ITEM_WEIGHT_GRAMS) * l.quantity, 0);
}

/**
 * The consumer must send the goods back within 14 days of telling the trader of the withdrawal
 * (Directive 2011/83/EU art. 14(1)); the label says "hand in by" that day.
 */
export const HAND_IN_DAYS = 14;

export function handInDeadline(bookedLocalDate: string): string {
  return addDays(bookedLocalDate, HAND_IN_DAYS);
}
