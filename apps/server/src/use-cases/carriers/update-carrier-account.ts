// PATCH /api/v1/carrier-accounts/{id}: rename the account and/or choose its service per country and
// method (each checked against the carrier's services).
import type { CarrierAccount, CarrierAccountSettings, CarrierAccountUpdateBody, ChosenService } from '@retour/contracts/carrier-accounts';
import { toJson } from '@retour/db/json';
import { type CarrierAccountRow, updateCarrierAccount } from '@retour/db/repos/carrier-accounts';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { accountOrFail, presentCarrierAccount, servicesOf } from './carrier-account-view.ts';

export async function updateMerchantCarrierAccount(
  ctx: Ctx,
  merchantId: string,
  id: string,
  body: CarrierAccountUpdateBody,
): Promise<CarrierAccount> {
  const row = await accountOrFail(ctx, merchantId, id);
  const changes: Parameters<typeof updateCarrierAccount>[3] = { updatedAt: ctx.now().toISOString() };
  if (body.name !== undefined) changes.name = body.name;
  if (body.settings) changes.settings = toJson({ services: await chosenServices(ctx, row, body.settings) });
  await updateCarrierAccount(ctx.db, merchantId, id, changes);
  return presentCarrierAccount(ctx, await accountOrFail(ctx, merchantId, id));
}

/** Each choice must be one of the account's services serving its country and method. */
async function chosenServices(ctx: Ctx, row: CarrierAccountRow, body: CarrierAccountSettings): Promise<ChosenService[]> {
  const id = row.id;
  const services = body.services.length > 0 ? await servicesOf(ctx, row) : [];
  const chosen: ChosenService[] = body.services.map((choice, index) => {
    const service = services.find((s) => s.code === choice.service);
    if (!service)
      fail(
        'carrier_service_not_available',
        `The account has no service "${choice.service}"; choose one of the services the carrier offers this account (Settings → Carriers → Services).`,
        {
          servicesPath: `/api/v1/carrier-accounts/${id}/services`,
          index,
          service: choice.service,
          available: services.map((s) => s.code),
        },
      );
    const servesCountry =
      choice.country === '*'
        ? service.fromCountries.includes('*')
        : service.fromCountries.includes('*') || service.fromCountries.includes(choice.country);
    if (!service.methods.includes(choice.method as never) || !servesCountry)
      fail(
        'carrier_service_not_available',
        `"${service.name}" does not take ${choice.method} returns from ${choice.country}; choose another service.`,
        {
          index,
          service: choice.service,
          methods: [...service.methods],
          fromCountries: [...service.fromCountries],
        },
      );
    return {
      country: choice.country,
      method: choice.method,
      service: service.code,
      name: service.name,
      carrier: service.carrier,
      phoneRequired: service.phoneRequired,
      price: service.price ?? null,
    };
  });
  return chosen;
}
