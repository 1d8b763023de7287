// Which methods and carriers a shopper in a given country may use on a portal, with their fees.
import type { PortalSettings } from '@retour/contracts/config';
import { feeForOrderCurrency, feeFor, type ReturnFee, type ReturnMethod } from '@retour/domain/fees';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import { carrierServes } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';
import { type AccountCarrier, serviceFor } from './carrier-accounts.ts';

export type CarrierOption = { code: string; name: string; fee: number; phoneRequired: boolean };
export type MethodOption = { method: ReturnMethod; carriers: CarrierOption[] };

/** The portal's fee for an order in `currency` (none when the order is in another currency). */
export function portalFee(settings: PortalSettings, currency: string): ReturnFee {
  if (!settings.returnFee) return null;
  const { value, currency: feeCurrency } = settings.returnFee.amount;
  const amount = parseMoneyValue(value, feeCurrency) ?? 0;
  return feeForOrderCurrency({ amount, currency: feeCurrency, payment: settings.returnFee.payment }, currency);
}

export function carrierCodesFor(settings: PortalSettings, country: string): string[] {
  return settings.carriers[country] ?? settings.carriers['*'] ?? [];
}

/**
 * The merchant's connected accounts a portal offers in `country`: those its carrier list names
 * there, or — when it names none of them — every account (connecting one is enough). Each is then
 * offered only for the methods it has a service chosen for in that country.
 */
export function accountCarriersFor(settings: PortalSettings, country: string, accounts: readonly AccountCarrier[]): AccountCarrier[] {
  if (accounts.length === 0) return [];
  const codes = carrierCodesFor(settings, country);
  const named = codes.flatMap((code) => accounts.filter((a) => a.code === code));
  return named.length > 0 ? named : [...accounts];
}

/**
 * Methods available for the country; in-store needs a store address, the others a carrier: a
 * sandbox carrier the portal lists for the country, or a connected account with a service chosen
 * for the country and method (without accounts: exactly the sandbox behaviour).
 */
export function methodOptions(
  ctx: Ctx,
  settings: PortalSettings,
  order: { country: string; currency: string },
  hasStore: boolean,
  accounts: readonly AccountCarrier[] = [],
  /** Only these carrier codes (a return rule restricts them); null = all. */
  onlyCarriers: readonly string[] | null = null,
): MethodOption[] {
  const { country } = order;
  const codes = carrierCodesFor(settings, country);
  const accountCarriers = accountCarriersFor(settings, country, accounts);
  const fee = portalFee(settings, order.currency);
  const options: MethodOption[] = [];
  for (const method of settings.methods) {
    if (method === 'in_store') {
      if (hasStore) options.push({ method, carriers: [] });
      continue;
    }
    const carriers = codes
      .map((code) => ctx.carriers.get(code))
      .filter((c) => c !== undefined && carrierServes(c.info, method, country))
      .map((c) => ({ code: c!.info.code, name: c!.info.name, fee: feeFor(method, fee), phoneRequired: c!.info.phoneRequired }));
    for (const account of accountCarriers) {
      const service = serviceFor(account, country, method);
      if (service)
        carriers.push({ code: account.code, name: account.name, fee: feeFor(method, fee), phoneRequired: service.phoneRequired });
    }
    const allowed = onlyCarriers ? carriers.filter((c) => onlyCarriers.includes(c.code)) : carriers;
    if (allowed.length > 0) options.push({ method, carriers: allowed });
  }
  return options;
}

export function moneyOut(amount: number, currency: string) {
  return { value: formatMoneyValue(amount, currency), currency };
}
