// The return products a Sendcloud account can book: `POST /api/v3/shipping-options` filtered on
// `functionalities.returns: true` (toppynl/sendcloud-php-client docs/Api/ShippingOptionsApi.md,
// docs/Model/ShippingOptionFilter.md, ShippingOption.md, CarrierShippingFunctionalities.md,
// generated from Sendcloud's v3 OpenAPI). Each option's `code` (e.g. `postnl:standard/return`) is
// what `ship_with.shipping_option_code` takes when booking. Methods come from its functionalities:
// `labelless` → label-less drop-off, `first_mile` pickup/dropoff/pickup_dropoff → pickup and/or
// drop-off. A price is given only when Sendcloud returns a quote (direct contract prices).
import type { ReturnMethod } from '@retour/domain/fees';
import type { CarrierService } from '../adapter.ts';
import type { SendcloudClient } from './client.ts';
import { priceOf } from './money.ts';

export type SendcloudShippingOption = {
  code?: string | null;
  name?: string | null;
  carrier?: { code?: string | null; name?: string | null } | null;
  functionalities?: { returns?: boolean | null; labelless?: boolean | null; first_mile?: string | null; pick_up?: boolean | null } | null;
  requirements?: { fields?: string[] | null } | null;
  quotes?: { price?: { total?: { value?: string | null; currency?: string | null } | null } | null }[] | null;
};

export function methodsOf(option: SendcloudShippingOption): ReturnMethod[] {
  const f = option.functionalities ?? {};
  const methods: ReturnMethod[] = [];
  const firstMile = f.first_mile ?? 'dropoff';
  if (firstMile === 'dropoff' || firstMile === 'pickup_dropoff') methods.push('drop_off');
  if (f.labelless) methods.push('drop_off_labelless');
  if (firstMile === 'pickup' || firstMile === 'pickup_dropoff' || f.pick_up) methods.push('pickup');
  return [...new Set(methods)];
}

export function toService(option: SendcloudShippingOption, fromCountry: string | null): CarrierService | null {
  if (!option.code) return null;
  const quote = option.quotes?.[0]?.price?.total;
  const fields = option.requirements?.fields ?? [];
  return {
    code: option.code,
    name: option.name ?? option.code,
    carrier: option.carrier?.code ?? option.code.split(':')[0] ?? '',
    methods: methodsOf(option),
    fromCountries: fromCountry ? [fromCountry] : ['*'],
    phoneRequired: fields.some((field) => /phone/.test(field)),
    price: quote ? priceOf(quote) : null,
  };
}

/** Return options of the account; with countries given, Sendcloud also quotes a price where it can. */
export async function listReturnServices(
  client: SendcloudClient,
  route: { fromCountry?: string; toCountry?: string; weightGrams?: number } = {},
): Promise<CarrierService[]> {
  const quoted = Boolean(route.fromCountry && route.toCountry);
  const body = await client.json<{ data?: SendcloudShippingOption[] | null }>('POST', 'shipping-options', {
    body: {
      ...(route.fromCountry ? { from_country_code: route.fromCountry } : {}),
      ...(route.toCountry ? { to_country_code: route.toCountry } : {}),
      functionalities: { returns: true },
      ...(quoted && route.weightGrams ? { parcels: [{ weight: { value: (route.weightGrams / 1000).toFixed(3), unit: 'kg' } }] } : {}),
      calculate_quotes: quoted,
    },
  });
  return (body?.data ?? [])
    .filter((option) => option.functionalities?.returns !== false)
    .map((option) => toService(option, route.fromCountry ?? null))
    .filter((service): service is CarrierService => service !== null);
}
