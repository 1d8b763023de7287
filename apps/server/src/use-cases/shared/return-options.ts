// Which methods and carriers a shopper in a given country may use on a portal, with their fees.
import type { PortalSettings } from '@retour/contracts/config';
import { feeForOrderCurrency, feeFor, type ReturnFee, type ReturnMethod } from '@retour/domain/fees';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import { carrierServes } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';

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

/** Methods available for the country; in-store needs a store address, the others a carrier. */
export function methodOptions(
  ctx: Ctx,
  settings: PortalSettings,
  order: { country: string; currency: string },
  hasStore: boolean,
): MethodOption[] {
  const { country } = order;
  const codes = carrierCodesFor(settings, country);
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
    if (carriers.length > 0) options.push({ method, carriers });
  }
  return options;
}

export function moneyOut(amount: number, currency: string) {
  return { value: formatMoneyValue(amount, currency), currency };
}
