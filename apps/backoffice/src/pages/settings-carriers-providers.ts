// Settings → carriers: what the merchant enters per carrier (the `credentials` of
// POST /api/v1/carrier-accounts, typed from the contract) with where each value is found, and the
// wording shared by the carrier pages.
import type { CarrierAccount, CarrierAccountConnectBody } from '@retour/contracts/carrier-accounts';
import type { MessageKey } from '../i18n.ts';

export type Provider = CarrierAccountConnectBody['provider'];
type CredentialsOf<P extends Provider> = Extract<CarrierAccountConnectBody, { provider: P }>['credentials'];

export type CredentialField<P extends Provider = Provider> = {
  key: keyof CredentialsOf<P> & string;
  /** Message keys (translated where shown). */
  label: MessageKey;
  hint: MessageKey;
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
        label: 'credApiKey',
        hint: 'credPostnlApiKeyHint',
        secret: true,
      },
      {
        key: 'customerCode',
        label: 'credCustomerCode',
        hint: 'credCustomerCodeHint',
      },
      { key: 'customerNumber', label: 'credCustomerNumber', hint: 'credCustomerNumberHint' },
      {
        key: 'collectionLocation',
        label: 'credCollectionLocation',
        hint: 'credCollectionLocationHint',
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
        label: 'credUserId',
        hint: 'credDhlUserIdHint',
      },
      { key: 'key', label: 'credApiKey', hint: 'credDhlKeyHint', secret: true },
      { key: 'accountId', label: 'credAccountNumber', hint: 'credDhlAccountHint' },
    ],
  },
  sendcloud: {
    name: 'Sendcloud',
    code: 'sendcloud',
    fields: [
      {
        key: 'publicKey',
        label: 'credPublicKey',
        hint: 'credSendcloudPublicHint',
      },
      { key: 'secretKey', label: 'credSecretKey', hint: 'credSendcloudSecretHint', secret: true },
    ],
  },
  ups: {
    name: 'UPS',
    code: 'ups',
    fields: [
      { key: 'clientId', label: 'credClientId', hint: 'credUpsClientIdHint' },
      { key: 'clientSecret', label: 'credClientSecret', hint: 'credUpsClientSecretHint', secret: true },
      { key: 'accountNumber', label: 'credShipperAccount', hint: 'credUpsAccountHint' },
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

/**
 * The credentials as the API takes them: trimmed, optional fields left out when empty. The fields
 * come from PROVIDERS, whose keys are the contract's own (a renamed credential fails tsc there);
 * a value left empty is sent empty and the server names the field that needs it.
 */
export function credentialsBody<P extends Provider>(provider: P, values: Record<string, string>): CredentialsOf<P> {
  const body: Record<string, string> = {};
  for (const field of fieldsOf(provider)) {
    const value = (values[field.key] ?? '').trim();
    if (value || !field.optional) body[field.key] = value;
  }
  return body as CredentialsOf<P>;
}

/** The body of POST /api/v1/carrier-accounts for one provider (its credentials match it, as built above). */
export function connectBody(provider: Provider, code: string, name: string, values: Record<string, string>): CarrierAccountConnectBody {
  const body = { provider, code, ...(name ? { name } : {}), credentials: credentialsBody(provider, values) };
  return body as CarrierAccountConnectBody;
}

export const accountLabel = (a: Pick<CarrierAccount, 'name' | 'code'>) => `${a.name} (${a.code})`;
