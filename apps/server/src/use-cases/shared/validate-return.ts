// Checks a shopper's (or staff member's) choices against the order, the portal and the carriers.
// Pure over loaded data; every refusal is a stable code with a sentence saying what to do.
import type { PortalSettings } from '@retour/contracts/config';
import type { PortalReturnBody } from '@retour/contracts/returns';
import { addDays, localDate } from '@retour/domain/calendar';
import { crossesCustomsBorder, missingCustomsData } from '@retour/domain/customs';
import type { ItemAssessment } from '@retour/domain/eligibility';
import { feeFor } from '@retour/domain/fees';
import { effectiveReasons, validateReasonChoice } from '@retour/domain/reasons';
import type { OrderAggregate } from '@retour/db/repos/orders';
import type { AddressesTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import type { AccountCarrier } from './carrier-accounts.ts';
import { methodOptions, portalFee } from './return-options.ts';

export type ReturnChoice = Omit<PortalReturnBody, 'contact' | 'language'>;

export type CheckedReturn = {
  lines: { item: OrderAggregate['items'][number]; quantity: number; reason: string; comment: string | null; condition: string | null }[];
  carrier: string | null;
  storeAddressId: string | null;
  fee: number;
  paymentRequired: boolean;
  /** Shopper and return address are not both inside the EU customs/VAT area: a CN23 goes with the label. */
  crossesBorder: boolean;
};

export function checkReturn(
  ctx: Ctx,
  input: {
    order: OrderAggregate;
    assessment: ItemAssessment[];
    settings: PortalSettings;
    choice: ReturnChoice;
    phone: string | null;
    /** The merchant's connected carrier accounts (none: sandbox carriers only). */
    accounts?: readonly AccountCarrier[];
    stores: AddressesTable[];
    returnAddress: AddressesTable | undefined;
    /** Return rules: only these carriers (null = all); every item kept by the shopper (no shipment). */
    rules?: { carriers: readonly string[] | null; keepAll: boolean };
  },
): CheckedReturn {
  const { order, settings, choice } = input;
  const byId = new Map(input.assessment.map((a) => [a.id, a]));
  const itemsById = new Map(order.items.map((i) => [i.id, i]));
  const reasons = effectiveReasons(settings.reasons);
  const seen = new Set<string>();
  const lines = choice.items.map((line, index) => {
    if (seen.has(line.orderItemId)) invalid(['items', index, 'orderItemId'], 'List each item once, with the quantity you return.');
    seen.add(line.orderItemId);
    const item = itemsById.get(line.orderItemId);
    const assessed = byId.get(line.orderItemId);
    if (!item || !assessed)
      fail('item_not_returnable', 'This item is not part of the order. Look the order up again.', { index, orderItemId: line.orderItemId });
    if (!assessed.eligible) {
      fail('item_not_returnable', `"${item.name}" cannot be returned (${assessed.ineligibleReason}). Remove it from the return.`, {
        index,
        orderItemId: item.id,
        reason: assessed.ineligibleReason,
      });
    }
    if (line.quantity > assessed.returnableQuantity) {
      fail('quantity_exceeds_returnable', `You can return at most ${assessed.returnableQuantity} of "${item.name}".`, {
        index,
        orderItemId: item.id,
        returnableQuantity: assessed.returnableQuantity,
      });
    }
    const reasonProblem = validateReasonChoice(reasons, line.reason, line.comment);
    if (reasonProblem === 'invalid_reason')
      fail('invalid_reason', 'Choose one of the return reasons offered.', {
        index,
        reason: line.reason,
        allowed: reasons.map((r) => r.code),
      });
    if (reasonProblem === 'comment_required')
      fail('comment_required', 'Tell us briefly why you return this item when you choose "Other".', { index });
    return { item, quantity: line.quantity, reason: line.reason, comment: line.comment?.trim() || null, condition: line.condition ?? null };
  });

  if (!settings.resolutions.includes(choice.resolution)) {
    fail('resolution_not_available', 'Choose one of the outcomes this shop offers.', { allowed: settings.resolutions });
  }

  // Every item stays with the shopper: nothing is shipped, so no method, carrier or fee to check.
  if (input.rules?.keepAll) return { lines, carrier: null, storeAddressId: null, fee: 0, paymentRequired: false, crossesBorder: false };
  const country = order.order.shippingAddress.country;
  const options = methodOptions(
    ctx,
    settings,
    { country, currency: order.order.currency },
    input.stores.length > 0,
    input.accounts,
    input.rules?.carriers ?? null,
  );
  if (options.length === 0)
    fail('no_return_method_for_country', `This shop offers no way to return parcels from ${country}. Contact the shop for help.`, {
      country,
    });
  const option = options.find((o) => o.method === choice.method);
  if (!option)
    fail('method_not_available', 'This way of returning is not available for your country; choose another.', {
      method: choice.method,
      available: options.map((o) => o.method),
    });

  let carrier: string | null = null;
  let storeAddressId: string | null = null;
  if (choice.method === 'in_store') {
    storeAddressId = choice.storeAddressId ?? (input.stores.length === 1 ? (input.stores[0] as AddressesTable).id : null);
    if (!storeAddressId) invalid(['storeAddressId'], 'Choose the store where you will bring the items.');
    if (!input.stores.some((s) => s.id === storeAddressId)) invalid(['storeAddressId'], 'Choose one of the stores offered.');
  } else {
    carrier = choice.carrier ?? (option.carriers.length === 1 ? (option.carriers[0]?.code ?? null) : null);
    if (!carrier) invalid(['carrier'], 'Choose a carrier for your return.');
    const chosen = option.carriers.find((c) => c.code === carrier);
    if (!chosen)
      fail('method_not_available', 'This carrier is not available for this way of returning in your country; choose another.', {
        carrier,
        available: option.carriers.map((c) => c.code),
      });
    if (chosen.phoneRequired && !input.phone) {
      fail('phone_required', `${chosen.name} needs a phone number to deliver your return. Please enter your phone number.`, { carrier });
    }
  }
  if (choice.method === 'pickup') {
    const earliest = addDays(localDate(ctx.now(), settings.timezone), 1);
    if (!choice.pickup) invalid(['pickup', 'date'], 'Choose a pickup date.');
    if (choice.pickup.date < earliest) invalid(['pickup', 'date'], `Choose a pickup date from ${earliest} on.`);
  }

  let crossesBorder = false;
  if (input.returnAddress) {
    const from = { country, postalCode: order.order.shippingAddress.postalCode };
    const to = { country: input.returnAddress.country, postalCode: input.returnAddress.postalCode };
    crossesBorder = crossesCustomsBorder(from, to);
    if (crossesBorder) {
      const missing = missingCustomsData(
        lines.map((l) => ({
          id: l.item.id,
          hsCode: l.item.hsCode,
          originCountry: l.item.originCountry,
          unitPrice: l.item.unitPrice,
          weightGrams: l.item.weightGrams,
        })),
      );
      if (missing.length > 0) {
        fail(
          'customs_data_missing',
          'This return crosses a customs border and the shop has not provided the customs details for some items. Contact the shop to return them.',
          {
            items: missing.map((m) => ({ orderItemId: m.id, name: itemsById.get(m.id)?.name, missing: m.missing })),
          },
        );
      }
    }
  }

  const feeSetting = portalFee(settings, order.order.currency);
  const fee = feeFor(choice.method, feeSetting);
  return { lines, carrier, storeAddressId, fee, paymentRequired: fee > 0 && feeSetting?.payment === 'upfront', crossesBorder };
}
