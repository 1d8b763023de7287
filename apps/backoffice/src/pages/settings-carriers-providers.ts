// Settings → carriers: what the merchant enters per carrier (the `credentials` of
// POST /api/v1/carrier-accounts, typed from the contract) with where each value is found, and the
// wording shared by the carrier pages.
import type { CarrierAccount, CarrierAccountConnectBody } from '@retour/contracts/carrier-accounts';

export type Provider = CarrierAccountConnectBody['provider'];
type CredentialsOf<P extends Provider> = Extract<CarrierAccountConnectBody, { provider: P }>['credentials'];

export type CredentialField<P extends Provider = Provider> = {
  key: keyof CredentialsOf<P> & string;
  label: string;
  hint: string;
  /** Entered like a password: never shown back, never autofilled. */
  secret?: boolean;
  optional?: boolean;
};

type ProviderInfo<P extends Provider> = {
  name: string;
  /** The code suggested for a first account of this carrier. */
  code: string;
  fields: CredentialField<P>[];
};

export const PROVIDERS: { [P in Provider]: ProviderInfo<P> } = {
  postnl: {
    name: 'PostNL',
    code: 'postnl',
    fields: [
      {
        key: 'apiKey',
        label: 'API key',
        hint: 'Request it in Mijn PostNL (mijn.postnl.nl) under API management; PostNL e-mails it to you.',
        secret: true,
      },
      {
        key: 'customerCode',
        label: 'Customer code',
        hint: 'Four letters, e.g. DEVC: on your PostNL contract, and the letters after "3S" in your own PostNL barcodes.',
      },
      { key: 'customerNumber', label: 'Customer number', hint: 'Eight digits, on your PostNL contract and invoices.' },
      {
        key: 'collectionLocation',
        label: 'Collection location (optional)',
        hint: 'Only if PostNL gave you one: the code of the PostNL location that collects your parcels.',
        optional: true,
      },
    ],
  },
  dhl_parcel: {
    name: 'DHL Parcel',
    code: 'dhl_parcel',
    fields: [
      {
        key: 'userId',
        label: 'User id',
        hint: 'In My DHL Parcel (my.dhlparcel.nl or my.dhlparcel.be), where you create an API key: the user id shown with it.',
      },
      { key: 'key', label: 'API key', hint: 'Shown once when you create the key in My DHL Parcel.', secret: true },
      { key: 'accountId', label: 'Account number', hint: 'Your DHL Parcel customer account number, e.g. 08500001 (on your invoices).' },
    ],
  },
  sendcloud: {
    name: 'Sendcloud',
    code: 'sendcloud',
    fields: [
      {
        key: 'publicKey',
        label: 'Public API key',
        hint: 'In the Sendcloud panel, under Settings → Integrations, add a "Sendcloud API" integration: it shows both keys.',
      },
      { key: 'secretKey', label: 'Secret API key', hint: 'Shown with the public key of the same integration.', secret: true },
    ],
  },
  ups: {
    name: 'UPS',
    code: 'ups',
    fields: [
      { key: 'clientId', label: 'Client id', hint: 'From your app on the UPS Developer Portal (developer.ups.com).' },
      { key: 'clientSecret', label: 'Client secret', hint: 'Shown with the client id of the same app.', secret: true },
      { key: 'accountNumber', label: 'Shipper account number', hint: 'Six characters, on your UPS invoices.' },
    ],
  },
};

export const PROVIDER_KEYS = Object.keys(PROVIDERS) as Provider[];

export function providerName(provider: Provider): string {
  return PROVIDERS[provider].name;
}

export function fieldsOf(provider: Provider): CredentialField[] {
  return PROVIDERS[provider].fields as CredentialField[];
}

/** The credentials as the API takes them: trimmed, optional fields left out when empty. */
export function credentialsBody(provider: Provider, values: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const field of fieldsOf(provider)) {
    const value = (values[field.key] ?? '').trim();
    if (value || !field.optional) body[field.key] = value;
  }
  return body;
}

export const accountLabel = (a: Pick<CarrierAccount, 'name' | 'code'>) => `${a.name} (${a.code})`;
