// The return journey as data: which steps a shopper goes through, what they have chosen so far
// (the draft), what each step needs before moving on, and the request it all becomes.
import type { PublicPortal } from '@retour/contracts/portal';
import { allocateBonusCredit, type BonusCredit } from '@retour/domain/exchanges';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import type { LookupResult, PortalReturnBody, ReturnView } from '@retour/contracts/returns';
import type { ServicePointView } from '@retour/contracts/service-points';
import type { Lang } from './i18n.ts';
import { type PhotoRequirement, photoRequirement, type ReasonPhotos } from '@retour/domain/photos';

export type Step = 'start' | 'withdraw' | 'items' | 'method' | 'resolution' | 'contact' | 'review' | 'done';
export type Mode = 'return' | 'withdrawal';
export type Method = PortalReturnBody['method'];
export type Resolution = PortalReturnBody['resolution'];
export type OrderItem = LookupResult['order']['items'][number];
export type CarrierOption = LookupResult['options']['methods'][number]['carriers'][number];

/** A photo the shopper added to a line: uploaded (its id goes with the return), shown from the local file. */
export type LinePhoto = { id: string; preview: string };
/** `condition`: what the shopper states about the item (issue #15 item 1); unset: not stated. */
export type Line = {
  quantity: number;
  reason: string;
  comment: string;
  photos?: LinePhoto[];
  condition?: 'as_new' | 'used' | 'damaged';
};

export type Draft = {
  mode: Mode;
  by: 'order' | 'tracking';
  number: string;
  postalCode: string;
  /** A portal that takes other pairs (lookup.pairs): the chosen pair "a+b" and the typed values. */
  pair: string;
  values: Record<string, string>;
  /** The shopper received the order as a gift (store credit or exchange, no prices). */
  gift: boolean;
  lookup: LookupResult | null;
  lines: Record<string, Line>;
  /** `method` or `method:carrier`. */
  option: string;
  pickupDate: string;
  servicePoint: ServicePointView | null;
  resolution: Resolution | '';
  exchangeNote: string;
  /** Order item id → the catalogue variant chosen in exchange (issue #14). */
  exchanges: Record<string, string>;
  email: string;
  phone: string;
  created: ReturnView | null;
};

/** Field key → message; keys name the field the message sits next to. */
export type Errors = Record<string, string>;

export function emptyDraft(mode: Mode, portal: PublicPortal): Draft {
  return {
    mode,
    by: portal.lookup.byOrderNumber ? 'order' : 'tracking',
    number: '',
    postalCode: '',
    pair: portal.lookup.pairs[0]?.join('+') ?? '',
    values: {},
    gift: false,
    lookup: null,
    lines: {},
    option: '',
    pickupDate: '',
    servicePoint: null,
    resolution: '',
    exchangeNote: '',
    exchanges: {},
    email: '',
    phone: '',
    created: null,
  };
}

/** The steps of this journey in order, first to last. */
export function stepsFor(draft: Draft): Step[] {
  const first: Step = draft.mode === 'withdrawal' ? 'withdraw' : 'start';
  const resolutions = draft.lookup?.options.resolutions ?? [];
  const askResolution = draft.mode === 'return' && resolutions.length > 1;
  return [first, 'items', 'method', ...(askResolution ? (['resolution'] as const) : []), 'contact', 'review', 'done'];
}

export function nextStep(draft: Draft, from: Step): Step {
  const steps = stepsFor(draft);
  return steps[steps.indexOf(from) + 1] ?? 'done';
}

export function previousStep(draft: Draft, from: Step): Step {
  const steps = stepsFor(draft);
  return steps[Math.max(0, steps.indexOf(from) - 1)] ?? steps[0] ?? 'start';
}

export function chosenOption(draft: Draft): { method: Method; carrier: CarrierOption | null } | null {
  if (!draft.option || !draft.lookup) return null;
  const [method, code] = draft.option.split(':') as [Method, string | undefined];
  const option = draft.lookup.options.methods.find((m) => m.method === method);
  if (!option) return null;
  const carrier = code ? (option.carriers.find((c) => c.code === code) ?? null) : null;
  return { method, carrier };
}

export function phoneNeeded(draft: Draft): { needed: boolean; required: boolean } {
  const needed = chosenOption(draft)?.carrier?.phoneRequired ?? false;
  return { needed, required: needed && !draft.lookup?.order.phoneKnown };
}

/** A withdrawal is a refund by law; otherwise the shopper's choice (or the only one offered). */
export function effectiveResolution(draft: Draft): Resolution | '' {
  const offered = draft.lookup?.options.resolutions ?? [];
  if (draft.mode === 'withdrawal') return offered.includes('refund') ? 'refund' : (offered[0] ?? '');
  if (offered.length === 1) return offered[0] ?? '';
  return draft.resolution;
}

export function selectedItems(draft: Draft): { item: OrderItem; line: Line }[] {
  const items = draft.lookup?.order.items ?? [];
  return items.flatMap((item) => {
    const line = draft.lines[item.id];
    return line ? [{ item, line }] : [];
  });
}

/** The chosen items an exchange is offered for (by their reason), when the portal offers exchanges. */
export function exchangeableItems(draft: Draft, portal: PublicPortal): { item: OrderItem; line: Line }[] {
  const offer = portal.exchanges;
  if (!offer || effectiveResolution(draft) !== 'exchange') return [];
  return selectedItems(draft).filter(({ line }) => offer.reasons.length === 0 || offer.reasons.includes(line.reason));
}

/** The exchanges of the request: only for items still chosen, with a reason that allows one. */
export function chosenExchanges(draft: Draft, portal: PublicPortal): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { item } of exchangeableItems(draft, portal)) {
    const variantId = draft.exchanges[item.id];
    if (variantId) out[item.id] = variantId;
  }
  return out;
}

/** What a line asks in photos: its reason's setting and the shop's rules for the item (the stricter). */
export function linePhotoRequirement(draft: Draft, portal: PublicPortal, item: OrderItem, reason: string): PhotoRequirement {
  const reasons = draft.lookup?.options.reasons ?? portal.reasons;
  const setting = reasons.find((r) => r.code === reason)?.photos;
  const fromReason: ReasonPhotos | null = !setting
    ? null
    : setting.mode === 'required'
      ? { mode: 'required', min: setting.min }
      : { mode: setting.mode };
  return photoRequirement(fromReason, item.photos ?? null);
}

export function commentRequired(portal: PublicPortal, reason: string): boolean {
  return portal.reasons.some((r) => r.code === reason && r.commentRequired) || reason === 'other';
}

/** Money as minor units, so sums never go through floats. */
function minor(value: string): number {
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const sign = value.startsWith('-') ? -1 : 1;
  return sign * (Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)));
}

function fromMinor(amount: number, currency: string): { value: string; currency: string } {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return { value: `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`, currency };
}

export function itemsTotal(draft: Draft): { value: string; currency: string } | null {
  const selected = selectedItems(draft);
  const currency = selected[0]?.item.unitPrice?.currency;
  // A gift return shows no prices (unitPrice null).
  if (!currency || selected.some(({ item }) => item.unitPrice === null)) return null;
  return fromMinor(
    selected.reduce((sum, { item, line }) => sum + minor(item.unitPrice?.value ?? '0') * line.quantity, 0),
    currency,
  );
}

/** What the shopper can expect back: items minus a fee the shop deducts from the refund. */
export function estimatedRefund(draft: Draft, portal: PublicPortal): { value: string; currency: string } | null {
  const total = itemsTotal(draft);
  const fee = chosenOption(draft)?.carrier?.fee;
  if (!total) return null;
  const deducted = fee && portal.fee?.payment === 'deduct_from_refund' ? minor(fee.value) : 0;
  return fromMinor(Math.max(0, minor(total.value) - deducted), total.currency);
}

/**
 * The bonus credit for choosing store credit, as the server gives it (the domain rule: a percentage
 * of each item's value rounded down to the currency's minor unit, or a fixed amount in its own
 * currency), or null when there is none.
 */
export function estimatedBonus(draft: Draft, portal: PublicPortal): { value: string; currency: string } | null {
  const setting = portal.exchanges?.bonusCredit;
  const selected = selectedItems(draft);
  const currency = selected[0]?.item.unitPrice?.currency;
  if (!setting || !currency || selected.some(({ item }) => item.unitPrice === null)) return null;
  const bonus: BonusCredit =
    setting.kind === 'percent'
      ? setting
      : { kind: 'fixed', amount: parseMoneyValue(setting.amount.value, setting.amount.currency) ?? 0, currency: setting.amount.currency };
  const lineValues = selected.map(({ item, line }) => (parseMoneyValue(item.unitPrice?.value ?? '0', currency) ?? 0) * line.quantity);
  const { total } = allocateBonusCredit(bonus, { resolution: 'store_credit', lineValues, currency });
  return total > 0 ? { value: formatMoneyValue(total, currency), currency } : null;
}

export function isFree(money: { value: string }): boolean {
  return minor(money.value) === 0;
}

/** Pickup dates offered: the next ten days from tomorrow, without Sundays. */
export function pickupDates(today = new Date()): string[] {
  const days: string[] = [];
  for (let i = 1; days.length < 10 && i < 20; i++) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i, 12);
    if (d.getDay() === 0) continue;
    days.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  }
  return days;
}

export function returnBody(draft: Draft, lang: Lang, portal?: PublicPortal): PortalReturnBody {
  const option = chosenOption(draft);
  const resolution = effectiveResolution(draft);
  const exchanges = portal ? chosenExchanges(draft, portal) : draft.exchanges;
  const phone = draft.phone.trim();
  return {
    items: selectedItems(draft).map(({ item, line }) => ({
      orderItemId: item.id,
      quantity: line.quantity,
      reason: line.reason,
      ...(line.comment.trim() ? { comment: line.comment.trim() } : {}),
      ...(line.photos?.length ? { photoIds: line.photos.map((p) => p.id) } : {}),
      ...(line.condition ? { condition: line.condition } : {}),
      ...(resolution === 'exchange' && exchanges[item.id] ? { exchange: { variantId: exchanges[item.id] as string } } : {}),
    })),
    method: option?.method ?? 'drop_off',
    ...(option?.carrier ? { carrier: option.carrier.code } : {}),
    ...(option?.method === 'pickup' && draft.pickupDate ? { pickup: { date: draft.pickupDate } } : {}),
    ...(draft.servicePoint && option?.method.startsWith('drop_off') ? { servicePointId: draft.servicePoint.id } : {}),
    resolution: resolution || 'refund',
    ...(resolution === 'exchange' && draft.exchangeNote.trim() ? { exchangeNote: draft.exchangeNote.trim() } : {}),
    contact: { email: draft.email.trim(), ...(phone ? { phone } : {}) },
    language: lang,
    ...(draft.mode === 'withdrawal' ? { withdrawal: true } : {}),
  };
}
