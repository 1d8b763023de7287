// GET /api/v1/carriers: the built-in carriers and the merchant's connected carrier accounts, in one
// shape (an account's methods, countries, phone rule and prices come from its chosen services).
import type { CarrierSchema } from '@retour/contracts/returns';
import { listCarrierAccounts } from '@retour/db/repos/carrier-accounts';
import { formatMoneyValue } from '@retour/domain/money';
import type { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { carrierWebhookInfo } from './receive-carrier-webhook.ts';
import { settingsOf } from '../shared/carrier-accounts.ts';

type CarrierView = z.infer<typeof CarrierSchema>;

export async function listCarriers(ctx: Ctx, merchantId: string): Promise<CarrierView[]> {
  const builtIn: CarrierView[] = ctx.carriers.all().map(({ info }) => ({
    code: info.code,
    name: info.name,
    methods: [...info.methods],
    countries: [...info.countries],
    phoneRequired: info.phoneRequired,
    prices: Object.fromEntries(
      Object.entries(info.prices).map(([c, cents]) => [
        c,
        { value: formatMoneyValue(cents, info.priceCurrency), currency: info.priceCurrency },
      ]),
    ),
    webhook: carrierWebhookInfo(ctx, merchantId, info),
    accountId: null,
    provider: null,
    status: 'active',
  }));
  const accounts: CarrierView[] = (await listCarrierAccounts(ctx.db, merchantId)).map((row) => {
    const services = settingsOf(row).services;
    const prices: CarrierView['prices'] = {};
    for (const s of services) {
      if (s.price && !prices[s.country])
        prices[s.country] = { value: formatMoneyValue(s.price.amountMinor, s.price.currency), currency: s.price.currency };
    }
    return {
      code: row.code,
      name: row.name,
      methods: [...new Set(services.map((s) => s.method))] as CarrierView['methods'],
      countries: [...new Set(services.map((s) => s.country))],
      phoneRequired: services.some((s) => s.phoneRequired),
      prices,
      webhook: null,
      accountId: row.id,
      provider: row.provider,
      status: row.status === 'auth_failed' ? 'auth_failed' : 'active',
    };
  });
  return [...builtIn, ...accounts];
}
