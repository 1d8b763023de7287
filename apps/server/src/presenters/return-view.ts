// Builds the return object of api.md from what is stored. Money and quantities are folds over
// the recorded actions on the timeline, never separately kept totals.
import { outstandingBonusOf } from '../use-cases/shared/store-credit-change.ts';
import type { Money } from '@retour/contracts/common';
import type { MerchantReturn, ReturnView } from '@retour/contracts/returns';
import { amountDueUpfront, storeCreditProposal } from '@retour/domain/exchanges';
import { proposeRefund, refundCap, type FeePayment } from '@retour/domain/fees';
import { foldLedger, type LedgerAction } from '@retour/domain/return-ledger';
import { allowedEvents, type ReturnStatus } from '@retour/domain/state-machine';
import type { Executor } from '@retour/db/database';
import { getRow } from '@retour/db/repos/config';
import { getOrderNumber } from '@retour/db/repos/orders';
import { getReturn, type ReturnAggregate, type ReturnEventRecord } from '@retour/db/repos/returns';
import { fail } from '../errors.ts';
import { moneyOut } from '../use-cases/shared/return-options.ts';
import { fromJson } from '@retour/db/json';
import { documentFormats } from './document-formats.ts';
import { shopperStoreCredits, staffStoreCredits } from './store-credit-view.ts';
import { staffExchanges } from './exchange-view.ts';
import { listReturnExchanges, type ReturnExchangeRow } from '@retour/db/repos/return-exchanges';
import { listReturnPhotos, type PhotoRow } from '@retour/db/repos/photos';
import { photoPath } from '../use-cases/photos/photo-storage.ts';

const LEDGER_TYPES = new Set(['received', 'refund', 'store_credit', 'replacement']);
/** Staff-only timeline entries (notes, the mail log), and entries whose text is for staff (a cancel reason). */
const PRIVATE_TYPES = new Set(['note', 'email_sent', 'shop_sync', 'fee_refund']);
const STAFF_TEXT_TYPES = new Set(['cancelled']);

function ledgerOf(events: ReturnEventRecord[]): LedgerAction[] {
  return events.filter((e) => LEDGER_TYPES.has(e.type) && e.data).map((e) => ({ type: e.type, ...e.data }) as LedgerAction);
}

/** The parcel of an `exchange_shipped` entry (jobs/note-exchange-shipment.ts), for both views. */
function trackingOf(e: ReturnEventRecord): { tracking?: { carrier: string; trackingNumber: string; trackingUrl: string | null } } {
  if (e.type !== 'exchange_shipped' || !e.data) return {};
  const d = e.data;
  return {
    tracking: {
      carrier: String(d.carrier ?? ''),
      trackingNumber: String(d.trackingNumber ?? ''),
      trackingUrl: typeof d.trackingUrl === 'string' ? d.trackingUrl : null,
    },
  };
}

/** What a settled hold (`hold_released` / `hold_captured`, payments/settle-hold.ts) captured and released. */
function holdOf(e: ReturnEventRecord): { hold?: { captured: Money; released: Money } } {
  if ((e.type !== 'hold_released' && e.type !== 'hold_captured') || !e.data) return {};
  const currency = String(e.data.currency ?? '');
  const money = (value: unknown): Money => ({ value: typeof value === 'string' ? value : '0', currency });
  return { hold: { captured: money(e.data.captured), released: money(e.data.released) } };
}

export function moneyFacts(agg: ReturnAggregate) {
  const ledger = foldLedger(ledgerOf(agg.events));
  const feePayment = agg.ret.feePayment as FeePayment | null;
  const cap = refundCap({
    items: agg.items.map((i) => ({ unitPrice: i.unitPrice, quantity: i.quantity })),
    fee: agg.ret.feeAmount,
    feePayment,
  });
  const proposed = proposeRefund({
    items: agg.items.map((i) => ({ unitPrice: i.unitPrice, receivedQuantity: ledger.receivedByItem.get(i.id) ?? 0 })),
    fee: agg.ret.feeAmount,
    feePayment,
    alreadyRefunded: ledger.refundedTotal,
  });
  return {
    ledger,
    cap,
    proposed: Math.min(proposed, Math.max(0, cap - ledger.refundedTotal)),
    remaining: Math.max(0, cap - ledger.refundedTotal),
  };
}

/** The shopper's photos of one item, when there are any (the status page shows them). */
function itemPhotos(photos: readonly PhotoRow[] | undefined, orderItemId: string) {
  const own = (photos ?? []).filter((p) => p.orderItemId === orderItemId).map((p) => ({ id: p.id }));
  return own.length > 0 ? { photos: own } : {};
}

type Extra = {
  portalSlug: string | null;
  orderNumber: string;
  exchanges?: ReturnExchangeRow[];
  photos?: PhotoRow[];
  /** The portal's time zone, for the drop-off countdown (issue #15 item 5). */
  timezone?: string;
};

export function toReturnView(agg: ReturnAggregate, extra: Extra, accessCode?: string): ReturnView {
  const { ret } = agg;
  const { ledger } = moneyFacts(agg);
  const timeline = [...agg.events]
    .filter((e) => !PRIVATE_TYPES.has(e.type))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq))
    .map((e) => {
      // Some items kept at creation (a receipt without a status change): the shopper's page words it; the text names rules.
      const keptSome = e.type === 'received' && !e.status && e.data?.kept === true;
      return {
        at: e.at,
        type: keptSome ? 'kept' : e.type,
        ...(e.status ? { status: e.status as ReturnStatus } : {}),
        ...(e.message && !keptSome && !STAFF_TEXT_TYPES.has(e.type) ? { message: e.message } : {}),
        ...trackingOf(e),
        ...holdOf(e),
      };
    });
  const documents = documentFormats(ret);
  return {
    id: ret.id,
    reference: ret.reference,
    status: ret.status as ReturnStatus,
    portal: extra.portalSlug,
    orderNumber: extra.orderNumber,
    createdAt: ret.createdAt,
    items: agg.items.map((i) => ({
      orderItemId: i.orderItemId,
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      reason: i.reason,
      comment: i.comment,
      condition: (i.condition ?? null) as ReturnView['items'][number]['condition'],
      kept: i.kept === 1,
      ...itemPhotos(extra.photos, i.orderItemId),
    })),
    method: ret.method as ReturnView['method'],
    carrier: ret.carrier,
    resolution: ret.resolution as ReturnView['resolution'],
    fee: moneyOut(ret.feeAmount, ret.currency),
    // Only returns with exchanges or a bonus carry these (issue #14).
    ...(ret.exchangeBalance || ret.bonusCredit || ret.holdAmount
      ? {
          // An instant exchange authorises its hold instead (pay-return.ts).
          amountDue: moneyOut(
            ret.holdAmount ??
              amountDueUpfront({ fee: ret.feeAmount, feePayment: ret.feePayment, exchangeBalance: ret.exchangeBalance ?? 0 }),
            ret.currency,
          ),
          bonusCredit: moneyOut(ret.bonusCredit ?? 0, ret.currency),
        }
      : {}),
    refundTotal: moneyOut(ledger.refundedTotal, ret.currency),
    label: {
      status: ret.labelStatus as ReturnView['label']['status'],
      trackingNumber: ret.trackingNumber,
      trackingUrl: null,
      formats: documents.formats,
      customsDeclaration: documents.customs,
      ...(ret.carrierAccountId ? accountLabelFacts(ret) : {}),
    },
    ...(accessCode ? { accessCode } : {}),
    storeCredits: shopperStoreCredits(agg),
    timeline,
    ...(ret.status === 'open' && ret.expiresAt && extra.timezone
      ? { dropOffBy: { expiresAt: ret.expiresAt, timezone: extra.timezone } }
      : {}),
    ...(ret.holdAmount ? { instantExchange: instantExchangeView(agg) } : {}),
  };
}

/** An instant exchange's hold as the shopper sees it (migration 0021; timeline from payments/settle-hold.ts). */
function instantExchangeView(agg: ReturnAggregate): NonNullable<ReturnView['instantExchange']> {
  const { ret } = agg;
  const settled = agg.events.find((e) => e.type === 'hold_captured' || e.type === 'hold_released');
  const state = settled
    ? settled.type === 'hold_captured'
      ? 'captured'
      : 'released'
    : ret.holdDeadline
      ? 'held'
      : 'awaiting_authorisation';
  const hold = settled ? holdOf(settled).hold : undefined;
  return {
    amount: moneyOut(ret.holdAmount ?? 0, ret.currency),
    deadline: ret.holdDeadline ?? null,
    state,
    captured: hold?.captured ?? null,
    released: hold?.released ?? null,
  };
}

export function toMerchantReturn(agg: ReturnAggregate, extra: Extra): MerchantReturn {
  const base = toReturnView(agg, extra);
  const { ret } = agg;
  const money = moneyFacts(agg);
  const actions = (type: string) => agg.events.filter((e) => e.type === type && e.data);
  return {
    ...base,
    orderId: ret.orderId,
    language: ret.language as MerchantReturn['language'],
    contact: { email: ret.contactEmail, phone: ret.contactPhone },
    exchangeNote: ret.exchangeNote,
    windowOverridden: ret.windowOverridden === 1,
    items: agg.items.map((i) => ({
      orderItemId: i.orderItemId,
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      reason: i.reason,
      comment: i.comment,
      condition: (i.condition ?? null) as ReturnView['items'][number]['condition'],
      kept: i.kept === 1,
      unitPrice: moneyOut(i.unitPrice, ret.currency),
      receivedQuantity: money.ledger.receivedByItem.get(i.id) ?? 0,
    })),
    refunds: actions('refund').map((e) => ({
      at: e.at,
      amount: moneyOut(Number(e.data?.amount), ret.currency),
      note: (e.data?.note as string) ?? null,
      actor: e.actor,
    })),
    storeCredits: staffStoreCredits(agg),
    exchanges: staffExchanges(agg, extra.exchanges ?? []),
    replacements: actions('replacement').map((e) => ({
      at: e.at,
      carrier: String(e.data?.carrier),
      trackingNumber: String(e.data?.trackingNumber),
      actor: e.actor,
    })),
    proposedRefund: moneyOut(money.proposed, ret.currency),
    proposedCredit: moneyOut(
      storeCreditProposal({ proposedRefund: money.proposed, bonusOutstanding: outstandingBonusOf(agg) }).amount,
      ret.currency,
    ),
    refundableRemaining: moneyOut(money.remaining, ret.currency),
    allowedActions: allowedEvents(ret.status as ReturnStatus),
    rules: ret.ruleOutcome ? (JSON.parse(ret.ruleOutcome) as MerchantReturn['rules']) : null,
    photos: (extra.photos ?? []).map((p) => ({
      id: p.id,
      orderItemId: p.orderItemId,
      contentType: p.contentType,
      bytes: p.bytes,
      width: p.width,
      height: p.height,
      createdAt: p.createdAt,
      url: photoPath(ret.id, p.id),
    })),
    timeline: [...agg.events]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq))
      .map((e) => ({
        at: e.at,
        type: e.type,
        actor: e.actor,
        data: e.data,
        ...(e.status ? { status: e.status as ReturnStatus } : {}),
        ...(e.message ? { message: e.message } : {}),
        ...trackingOf(e),
        ...holdOf(e),
      })),
  };
}

export async function viewExtras(db: Executor, agg: ReturnAggregate): Promise<Extra> {
  const [portal, orderNumber, exchanges, photos] = await Promise.all([
    agg.ret.portalId ? getRow(db, 'portals', agg.ret.merchantId, agg.ret.portalId) : undefined,
    getOrderNumber(db, agg.ret.merchantId, agg.ret.orderId),
    listReturnExchanges(db, agg.ret.merchantId, agg.ret.id),
    listReturnPhotos(db, agg.ret.merchantId, agg.ret.id),
  ]);
  const timezone = portal ? (JSON.parse(portal.settings) as { timezone?: string }).timezone : undefined;
  return { portalSlug: portal?.slug ?? null, orderNumber: orderNumber ?? '', exchanges, photos, ...(timezone ? { timezone } : {}) };
}

export async function loadMerchantReturn(db: Executor, merchantId: string, id: string): Promise<MerchantReturn> {
  const agg = await getReturn(db, merchantId, id);
  if (!agg) fail('return_not_found', 'There is no return with this id for your account.');
  return toMerchantReturn(agg, await viewExtras(db, agg));
}

/** A carrier account's label: why it is pending or failed, and the pickup window the carrier booked. */
function accountLabelFacts(ret: ReturnAggregate['ret']) {
  const reason = fromJson<{ code: string; message: string; field?: string | null }>(ret.labelError ?? null);
  const pickup = fromJson<{ date: string; from: string | null; to: string | null }>(ret.pickupWindow ?? null);
  return {
    reason: reason && ret.labelStatus !== 'ready' ? { code: reason.code, message: reason.message, field: reason.field ?? null } : null,
    pickup,
  };
}
