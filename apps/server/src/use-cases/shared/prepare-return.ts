// What a new return is decided from, for shoppers and staff alike: the order (with its earlier
// returns; on PostgreSQL locked first inside creation's transaction), the return rules over the
// chosen lines, the window assessment, the checked choices, the exchanges and the first status.
// Read (and checked) once before a carrier booking and again under the order's lock (create-return.ts).
import type { PortalSettings } from '@retour/contracts/config';
import type { Language } from '@retour/domain/reasons';
import { assessOrder } from '@retour/domain/eligibility';
import { type ReturnStatus, transition } from '@retour/domain/state-machine';
import { addressesOfKind, getRow } from '@retour/db/repos/config';
import { findOrderForPortalById } from '@retour/db/repos/order-aggregate';
import type { PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { itemFacts } from '../portal/order-facts.ts';
import { checkReturn, type ReturnChoice } from './validate-return.ts';
import { type AccountCarrier, serviceFor } from './carrier-accounts.ts';
import { checkConfigVersion, type PortalConfig } from './portal-config.ts';
import type { Executor } from '@retour/db/database';
import { assertPayable, planExchanges } from '../catalogue/plan-exchanges.ts';
import { instantHold } from '../payments/instant-hold.ts';
import { enforceRules, type RuleDecision } from '../rules/enforce-rules.ts';
import type { LoadedRules } from '../rules/rule-facts.ts';
import { checkChosenPhotos } from './return-photos.ts';

export type NewReturnInput = {
  merchantId: string;
  portal: PortalsTable;
  settings: PortalSettings;
  orderId: string;
  choice: ReturnChoice;
  contact: { email: string | null; phone: string | null };
  language: Language | null;
  actor: string;
  overrideWindow: boolean;
  overrideNote: string | null;
  /** The return is the shopper's withdrawal statement (EU art. 11a): record it and acknowledge it. */
  withdrawal?: boolean;
  /**
   * The portal's configuration from memory (shared/portal-config.ts): its carrier accounts,
   * stores and return address are not read again, and the order query checks its version
   * (StaleConfig when it moved). Without it they are read from the database.
   */
  config?: PortalConfig;
};

/** Everything the new return is decided from: read (and checked) before booking and again under the order's lock. */
export async function prepareReturn(
  ctx: Ctx,
  db: Executor,
  input: NewReturnInput,
  accounts: readonly AccountCarrier[],
  loaded: LoadedRules,
  lock = false,
) {
  // The order, its items, shipments and earlier returns, and the config version: one statement
  // (on PostgreSQL `lock` also holds the order row, so two returns of one order cannot both take the last unit).
  const order = await findOrderForPortalById(db, ctx.dialect, input.merchantId, input.orderId, lock);
  if (input.config) checkConfigVersion(ctx, input.config, order ? order.configVersion : input.config.version);
  if (!order) fail('order_not_found', 'We could not find this order. Look it up again.');
  const now = ctx.now();
  // Return rules decide over the chosen lines (with reason and condition): blocks refuse here,
  // server-side, whatever the portal showed; the rest changes the settings this return is checked with.
  const rules: RuleDecision = await enforceRules(db, { input, loaded, order, now });
  const settings = rules.settings;
  const prior = order.prior;
  const assessment = assessOrder({
    placedAt: new Date(order.order.placedAt),
    items: itemFacts(order),
    prior: prior.map((p) => ({ status: p.status as ReturnStatus, items: p.items })),
    settings,
    now,
    overrideWindow: input.overrideWindow,
    windowDays: rules.windowDays,
  });
  const stores = input.config
    ? input.config.stores
    : settings.methods.includes('in_store')
      ? await addressesOfKind(db, input.merchantId, 'store')
      : [];
  // The portal's return address from memory, unless a rule routes this return to another one.
  const returnAddress =
    input.config && settings.returnAddressId === input.settings.returnAddressId
      ? input.config.returnAddress
      : settings.returnAddressId
        ? await getRow(db, 'addresses', input.merchantId, settings.returnAddressId)
        : undefined;
  const phone = input.contact.phone ?? order.order.customerPhone;
  const checked = checkReturn(ctx, {
    accounts,
    order,
    assessment: assessment.items,
    settings,
    choice: input.choice,
    phone,
    stores,
    returnAddress,
    rules: { carriers: rules.outcome?.carriers ?? null, keepAll: rules.outcome?.keepAll ?? false },
  });
  const exchanges = await planExchanges(db, {
    merchantId: input.merchantId,
    settings: input.settings,
    currency: order.order.currency,
    resolution: input.choice.resolution,
    lines: checked.lines.map((l, i) => ({ ...l, exchange: input.choice.items[i]?.exchange })),
    ...(lock ? { lock: ctx.dialect } : {}),
  });
  if (exchanges.toPay > 0) await assertPayable(db, input.merchantId);
  // Instant exchange: the new items' value is authorised before the label (instant-hold.ts).
  const holdAmount = settings.exchanges?.instant ? await instantHold(db, input.merchantId, checked, settings, exchanges) : null;
  const photos = await checkChosenPhotos(db, {
    merchantId: input.merchantId,
    portalId: input.portal.id,
    orderId: order.order.id,
    settings: input.settings,
    lines: input.choice.items,
    outcome: rules.outcome,
    enforceRequirement: input.actor === 'shopper',
  });
  const paymentRequired = checked.paymentRequired || exchanges.toPay > 0 || holdAmount !== null;
  let submitted = transition(null, { type: 'submit', approval: settings.approval, paymentRequired });
  if (!submitted.ok) fail('invalid_transition', 'This return cannot be created in its current state.');
  // Every item stays with the shopper: the return is received at once (staff refund it), no shipment.
  if (rules.outcome?.keepAll && submitted.status === 'open') {
    submitted = transition(submitted.status, { type: 'keep' });
    if (!submitted.ok) fail('invalid_transition', 'This return cannot be created in its current state.');
  }
  const email = input.contact.email ?? order.order.customerEmail;
  const account = accounts.find((a) => a.code === checked.carrier);
  const service = account ? serviceFor(account, order.order.shippingAddress.country, input.choice.method) : undefined;
  return {
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
  };
}
export type PreparedReturn = Awaited<ReturnType<typeof prepareReturn>>;
