// Which methods and carriers a shopper in a given country may use on a portal, with their fees.
import type { PortalSettings } from '@retour/contracts/config';
import { type ReturnMethod, feeFor } from '@retour/domain/fees';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import { carrierServes } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';

export type CarrierOption = { code: string; name: string; fee: number; phoneRequired: boolean };
export type MethodOption = { method: ReturnMethod; carriers: CarrierOption[] };

export function portalFee(settings: PortalSettings): { amount: number; payment: 'upfront' | 'deduct_from_refund' } | null {
  if (!settings.returnFee) return null;
  const amount = parseMoneyValue(settings.returnFee.amount.value, settings.returnFee.amount.currency) ?? 0;
  return { amount, payment: settings.returnFee.payment };
}

export function carrierCodesFor(settings: PortalSettings, country: string): string[] {
  return settings.carriers[country] ?? settings.carriers['*'] ?? [];
}

/** Methods available for the country; in-store needs a store address, the others a carrier. */
export function methodOptions(ctx: Ctx, settings: PortalSettings, country: string, hasStore: boolean): MethodOption[] {
  const codes = carrierCodesFor(settings, country);
  const fee = portalFee(settings);
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
