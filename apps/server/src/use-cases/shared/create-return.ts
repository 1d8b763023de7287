// The one path that stores a new return, for shoppers and staff alike: lock the order, assess it,
// check the choices, then write the return, its items, its first timeline entry and its side
// effects (carrier booking, emails) in one transaction.
import { randomBytes } from 'node:crypto';
import { isWithinWindow } from '@retour/domain/return-window';
import { normaliseOrderNumber } from '@retour/domain/normalise';
import { formatReference } from '@retour/domain/reference';
import { isUniqueViolation } from '@retour/db/errors';
import { newId } from '@retour/db/ids';
import { enqueueMany } from '@retour/db/repos/outbox';
import { insertFirstEvents, insertReturn, type NewReturnEvent, type ReturnAggregate, type ReturnRecord } from '@retour/db/repos/returns';
import { expiryPlan, labelReminderJob } from './reminder-jobs.ts';
import type { AddressesTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { newAccessCode } from '../../secrets.ts';
import { returnEventJob } from './return-events.ts';
import { enqueueWithdrawalAcknowledgement } from '../portal/enqueue-withdrawal-acknowledgement.ts';
import { loadAccountCarriers } from './carrier-accounts.ts';
import { bookBeforeCommit } from './book-at-creation.ts';
import { bookedEvent, bookedFields, labelEmailJob, storeCarrierDocuments } from './carrier-booking.ts';
import { bookLocally, type LocalBooking } from './book-local.ts';
import { insertReturnExchanges } from '@retour/db/repos/return-exchanges';
import { exchangeEvent, exchangeRows } from '../catalogue/plan-exchanges.ts';
import { keptEvent, keptOrderItemIds, ruleFields, shippedLines } from '../rules/enforce-rules.ts';
import { loadRules } from '../rules/rule-facts.ts';
import { type NewReturnInput, prepareReturn } from './prepare-return.ts';
import { attachChosenPhotos } from './return-photos.ts';
export type { NewReturnInput } from './prepare-return.ts';

/** The parts of an address a label needs, frozen on the return. */
function addressSnapshot(a: AddressesTable) {
  const { merchantId: _m, id: _i, kind: _k, brandId: _b, createdAt: _c, updatedAt: _u, ...party } = a;
  return party;
}

/**
 * The new return's id and access code, its order's number, and the return as written (so callers
 * need not read it back; a booking run by a job after the commit is not in it).
 */
export type CreatedReturn = {
  returnId: string;
  accessCode: string;
  orderNumber: string;
  written: ReturnAggregate;
  /** A job ran for it after the commit (a carrier account's booking): `written` may be behind. */
  bookedAfterCommit: boolean;
};

export async function createReturn(ctx: Ctx, input: NewReturnInput): Promise<CreatedReturn> {
  // A fresh reference and ids on each attempt: a collision of the 6-character reference is rare
  // but must not become an error for the shopper.
  for (let attempt = 1; ; attempt++) {
    try {
      return await createReturnOnce(ctx, input);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** When a booking at creation failed for a passing reason, the job asks the carrier again this much later. */
const PENDING_RETRY_MS = 60_000;

async function createReturnOnce(ctx: Ctx, input: NewReturnInput): Promise<CreatedReturn> {
  const access = newAccessCode();
  const returnId = newId('ret');
  const reference = formatReference(randomBytes(8));
  const jobIds: string[] = [];
  let orderNumber = '';
  let written: ReturnAggregate | null = null;
  // A return on a carrier account that opens at once is booked before anything is written, so an
  // address the carrier refuses is the shopper's 422 and leaves nothing behind.
  // The merchant's carrier accounts, read once (configuration, not part of the order's lock).
  const accounts = input.config?.accounts ?? (await loadAccountCarriers(ctx.db, input.merchantId));
  // The return rules in force, read once like the accounts (the return records this version).
  const loaded = input.config?.rules ?? (await loadRules(ctx.db, input.merchantId));
  const early = await bookBeforeCommit(
    ctx,
    input,
    accounts,
    { returnId, reference },
    () => prepareReturn(ctx, ctx.db, input, accounts, loaded),
    addressSnapshot,
  );
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const {
        order,
        now,
        assessment,
        returnAddress,
        phone,
        email,
        checked,
        exchanges,
        submitted,
        account,
        service,
        settings,
        rules,
        photos,
        holdAmount,
      } = await prepareReturn(ctx, tx, input, accounts, loaded, true);
      const booked = early?.booking && early.accountId === account?.accountId && submitted.status === 'open' ? early.booking : null;
      const at = now.toISOString();
      orderNumber = order.order.orderNumber;
      const language = input.language ?? input.settings.defaultLanguage;
      // A built-in carrier books here, in this transaction (shared/book-local.ts).
      const localCarrier = submitted.status === 'open' && checked.carrier && !account ? ctx.carriers.get(checked.carrier) : undefined;
      const local: LocalBooking | null = localCarrier
        ? await bookLocally(localCarrier, {
            merchantId: input.merchantId,
            returnId,
            reference,
            method: input.choice.method,
            from: { ...order.order.shippingAddress, email, phone },
            to: returnAddress ? (addressSnapshot(returnAddress) as never) : null,
            lines: shippedLines(checked.lines, rules).map((l) => ({ weightGrams: l.item.weightGrams, quantity: l.quantity })),
            servicePointId: input.choice.servicePointId ?? null,
            pickupDate: input.choice.pickup?.date ?? null,
            recipient: { contactEmail: email, language },
            now,
          })
        : null;
      // Expiry (issue #15 item 5): only a return that gets a label; its instant is stored for the countdown.
      const recipient = { id: returnId, contactEmail: email, language: input.language ?? input.settings.defaultLanguage };
      const expiry = submitted.status === 'open' && checked.carrier ? expiryPlan(input.merchantId, recipient, now, input.settings) : null;
      const ret: ReturnRecord = {
        ...(expiry ? { expiresAt: expiry.expiresAt } : {}),
        merchantId: input.merchantId,
        id: returnId,
        reference,
        portalId: input.portal.id,
        orderId: order.order.id,
        orderNumberNorm: normaliseOrderNumber(order.order.orderNumber),
        status: submitted.status,
        method: input.choice.method,
        carrier: checked.carrier,
        ...(account && service ? { carrierAccountId: account.accountId, carrierService: service.service } : {}),
        resolution: input.choice.resolution,
        exchangeNote: input.choice.exchangeNote?.trim() || null,
        currency: order.order.currency,
        feeAmount: checked.fee,
        feePayment: checked.fee > 0 ? (settings.returnFee?.payment ?? null) : null,
        language,
        contactEmail: email,
        contactEmailNorm: email.toLowerCase(),
        contactPhone: phone,
        accessCodeHash: access.hash,
        trackingNumber: null,
        trackingNorm: null,
        labelStatus: submitted.status === 'open' && checked.carrier ? 'pending' : 'none',
        ...(early?.pendingReason && !booked ? { labelError: JSON.stringify({ ...early.pendingReason, at }) } : {}),
        servicePointId: input.choice.servicePointId ?? null,
        pickup: input.choice.pickup ? JSON.stringify(input.choice.pickup) : null,
        storeAddressId: checked.storeAddressId,
        windowOverridden: input.overrideWindow ? 1 : 0,
        createdBy: input.actor,
        createdAt: at,
        updatedAt: at,
        version: 1,
        bookedAt: null,
        labelCost: null,
        labelCostCurrency: null,
        customsRequired: checked.crossesBorder ? 1 : 0,
        returnAddress: returnAddress ? JSON.stringify(addressSnapshot(returnAddress)) : null,
        ...(booked ? bookedFields(booked, service, at) : {}),
        ...local?.fields,
        bonusCredit: exchanges.bonusCredit,
        exchangeBalance: exchanges.balance,
        ...(holdAmount !== null ? { holdAmount } : {}),
        ...ruleFields(loaded, rules),
      };
      const itemIds = checked.lines.map(() => newId('rti'));
      const items = checked.lines.map((l, position) => ({
        merchantId: input.merchantId,
        id: itemIds[position] as string,
        returnId,
        orderItemId: l.item.id,
        position,
        quantity: l.quantity,
        reason: l.reason,
        comment: l.comment,
        sku: l.item.sku,
        name: l.item.name,
        unitPrice: l.item.unitPrice,
        condition: l.condition,
        kept: keptOrderItemIds(rules).has(l.item.id) ? 1 : 0,
      }));
      await insertReturn(tx, ret, items);
      await attachChosenPhotos(tx, input.merchantId, returnId, photos, itemIds, at);
      await insertReturnExchanges(tx, exchangeRows(input.merchantId, returnId, itemIds, exchanges, at));
      const deadlines = new Map(assessment.items.map((a) => [a.id, a.returnDeadline]));
      const outsideWindow = checked.lines.some((l) => !isWithinWindow(deadlines.get(l.item.id) ?? '', now, input.settings.timezone));
      const events: NewReturnEvent[] = [
        {
          merchantId: input.merchantId,
          id: newId('evt'),
          returnId,
          at,
          recordedAt: at,
          type: 'created',
          status: submitted.status,
          message: null,
          actor: input.actor,
          dedupeKey: null,
          data:
            input.overrideWindow || input.overrideNote
              ? { overrideWindow: input.overrideWindow, outsideWindow, note: input.overrideNote }
              : null,
        },
      ];
      const asked = exchangeEvent(input.merchantId, returnId, exchanges, input.actor, at);
      if (asked) events.push(asked);
      if (input.withdrawal) {
        events.push({
          merchantId: input.merchantId,
          id: newId('evt'),
          returnId,
          at,
          recordedAt: at,
          type: 'withdrawal',
          status: null,
          message: 'Withdrawal from the contract (Directive 2011/83/EU art. 11a)',
          actor: input.actor,
          data: { withdrawnAt: at },
          dedupeKey: 'withdrawal',
        });
      }
      if (booked && account) {
        events.push(bookedEvent(input.merchantId, returnId, { code: account.code, name: account.name }, booked, at));
        await storeCarrierDocuments(tx, input.merchantId, returnId, booked, at);
      }
      if (local) events.push(...local.events);
      const kept = keptEvent(input.merchantId, returnId, rules, submitted.status, items, at, input.actor);
      if (kept) events.push({ ...kept, id: newId('evt') });
      // A new return: its first entries are numbered 1, 2 in one statement (no max(seq) to read).
      await insertFirstEvents(tx, events);
      if (input.withdrawal) {
        await enqueueWithdrawalAcknowledgement(
          tx,
          { merchantId: input.merchantId, id: returnId, contactEmail: email, language: input.language ?? input.settings.defaultLanguage },
          at,
        );
      }
      // The booking, the announcement and the shop's notice: one statement, in that order.
      const jobs: Parameters<typeof enqueueMany>[1] = [];
      if (booked) {
        jobs.push(
          labelEmailJob(
            input.merchantId,
            { id: returnId, contactEmail: email, language: input.language ?? input.settings.defaultLanguage },
            at,
          ),
        );
      } else if (local) {
        jobs.push(...local.jobs);
      } else if (submitted.status === 'open' && checked.carrier) {
        const jobId = newId('job');
        // A carrier that just failed to book it is asked again by the worker (after its Retry-After), not in this request.
        const delayMs = early?.pendingReason ? (early.pendingReason.retryAfterMs ?? PENDING_RETRY_MS) : 0;
        if (!delayMs) jobIds.push(jobId);
        jobs.push({
          merchantId: input.merchantId,
          id: jobId,
          topic: 'carrier.announce',
          payload: { returnId },
          dedupeKey: `announce:${returnId}`,
          at: delayMs ? new Date(now.getTime() + delayMs).toISOString() : at,
        });
      }
      // A return that gets a label now or from the carrier shortly: remind the shopper if it stays unused.
      if (submitted.status === 'open' && checked.carrier) {
        const reminder = labelReminderJob(input.merchantId, recipient, now, input.settings);
        if (reminder) jobs.push(reminder);
        if (expiry) jobs.push(...expiry.jobs);
      }
      const announcement = returnEventJob(input.merchantId, {
        returnId,
        trigger: 'submit',
        from: null,
        to: submitted.status,
        at,
        actor: input.actor,
        detail: null,
      });
      if (announcement) jobs.push(announcement);
      if (input.settings.notificationEmail) {
        jobs.push({
          merchantId: input.merchantId,
          id: newId('job'),
          topic: 'email.new_return',
          payload: { returnId, to: input.settings.notificationEmail, language: input.settings.defaultLanguage },
          dedupeKey: `email:new_return:${returnId}`,
          at,
        });
      }
      await enqueueMany(tx, jobs);
      written = {
        ret: {
          anonymisedAt: null,
          carrierAccountId: null,
          carrierService: null,
          carrierShipmentId: null,
          labelError: null,
          labelless: null,
          pickupWindow: null,
          carrierFormats: null,
          ...ret,
        },
        items,
        events: events.map((event, i) => ({ ...event, seq: i + 1 })),
      };
    });
  } catch (error) {
    // Nothing was written: void the label the carrier made for it (best effort; retried creations book anew).
    await early?.void();
    throw error;
  }
  await ctx.jobs.runNow(ctx, input.merchantId, jobIds);
  return {
    returnId,
    accessCode: access.code,
    orderNumber,
    written: written as unknown as ReturnAggregate,
    bookedAfterCommit: jobIds.length > 0,
  };
}
