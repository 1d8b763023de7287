// Merchants' carrier accounts as the use cases need them: the account's sealed credentials opened
// into an adapter, its chosen services read from settings, the carriers it adds to a portal, and
// carrier failures turned into the API's error codes.
import type { ChosenService } from '@retour/contracts/carrier-accounts';
import { chooseService } from '@retour/domain/carrier-services';
import type { Executor } from '@retour/db/database';
import { fromJson } from '@retour/db/json';
import { type CarrierAccountRow, listCarrierAccounts, updateCarrierAccount } from '@retour/db/repos/carrier-accounts';
import { type CarrierAdapter, CarrierError, type CarrierProvider } from '@retour/integrations/carriers/adapter';
import { buildAdapter } from '@retour/integrations/carriers/adapters';
import type { Ctx } from '../../context.ts';
import { openCredentials, SealedCredentialsError, sealCredentials } from '../../credentials.ts';
import { AppError } from '../../errors.ts';

export const PROVIDER_NAMES: Record<CarrierProvider, string> = {
  sendcloud: 'Sendcloud',
  postnl: 'PostNL',
  dhl_parcel: 'DHL Parcel',
  ups: 'UPS',
};

/** Providers that push tracking to a webhook (the others are polled). */
export const PUSHING_PROVIDERS: readonly CarrierProvider[] = ['sendcloud'];

export type AccountSettings = { services: ChosenService[] };

/** A connected account as a carrier a portal can offer. */
export type AccountCarrier = {
  accountId: string;
  provider: CarrierProvider;
  code: string;
  name: string;
  status: string;
  services: ChosenService[];
};

const credentialsOwner = (merchantId: string, id: string) => `${merchantId}:carrier_account:${id}`;
const webhookOwner = (merchantId: string, id: string) => `${merchantId}:carrier_account_webhook:${id}`;

export const sealAccountCredentials = (ctx: Ctx, merchantId: string, id: string, value: unknown): string =>
  sealCredentials(ctx.secret, credentialsOwner(merchantId, id), value);
export const sealWebhookSecret = (ctx: Ctx, merchantId: string, id: string, value: string): string =>
  sealCredentials(ctx.secret, webhookOwner(merchantId, id), value);

function unreadable(error: unknown): never {
  if (error instanceof SealedCredentialsError) throw new AppError('credentials_unreadable', error.message);
  throw error;
}

export function openWebhookSecret(ctx: Ctx, row: CarrierAccountRow): string | null {
  if (!row.webhookSecret) return null;
  try {
    return openCredentials<string>(ctx.secret, webhookOwner(row.merchantId, row.id), row.webhookSecret);
  } catch (error) {
    return unreadable(error);
  }
}

export function settingsOf(row: Pick<CarrierAccountRow, 'settings'>): AccountSettings {
  return fromJson<AccountSettings>(row.settings) ?? { services: [] };
}

export function toAccountCarrier(row: CarrierAccountRow): AccountCarrier {
  return {
    accountId: row.id,
    provider: row.provider as CarrierProvider,
    code: row.code,
    name: row.name,
    status: row.status,
    services: settingsOf(row).services,
  };
}

export async function loadAccountCarriers(db: Executor, merchantId: string): Promise<AccountCarrier[]> {
  return (await listCarrierAccounts(db, merchantId)).map(toAccountCarrier);
}

/** The service chosen for returns from `country` with `method` (the rule: packages/domain/carrier-services). */
export function serviceFor(carrier: Pick<AccountCarrier, 'services'>, country: string, method: string): ChosenService | undefined {
  return chooseService(carrier.services, country, method);
}

/** The adapter of an account, built from its sealed credentials. */
export function adapterOf(ctx: Ctx, row: CarrierAccountRow): CarrierAdapter {
  let credentials: unknown;
  try {
    credentials = openCredentials(ctx.secret, credentialsOwner(row.merchantId, row.id), row.credentials);
  } catch (error) {
    unreadable(error);
  }
  return adapterFor(ctx, row.provider as CarrierProvider, credentials);
}

export function adapterFor(ctx: Ctx, provider: CarrierProvider, credentials: unknown): CarrierAdapter {
  const adapter = ctx.carrierAdapters ? buildAdapter(ctx.carrierAdapters, ctx.providers, provider, credentials as never) : null;
  if (!adapter)
    throw new AppError(
      'carrier_unavailable',
      `This installation has no ${PROVIDER_NAMES[provider]} adapter yet; ask its administrator to update Retour.`,
      {
        provider,
      },
    );
  return adapter;
}

/** What the merchant does when the carrier refuses an account's credentials (shown in the back office: no API paths). */
export const RECONNECT_ACTION = 'Reconnect the account with new credentials (Settings → Carriers → Reconnect).';

/** The same for API users: the call that takes the new credentials. */
export function reconnectCall(id: string): { method: 'PUT'; path: string } {
  return { method: 'PUT', path: `/api/v1/carrier-accounts/${id}/credentials` };
}

/**
 * A carrier's refusal or failure as the API's error (for the merchant's calls; shoppers' creation maps its own).
 * `connecting`: the credentials are new (nothing is connected yet), so there is nothing to reconnect.
 */
export function carrierFailure(error: unknown, provider: CarrierProvider, connecting = false): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof CarrierError)) throw error;
  const name = PROVIDER_NAMES[provider];
  const said = error.opts.said ?? error.carrierMessage;
  const details = { provider, carrierMessage: error.carrierMessage, ...(error.opts.field ? { field: error.opts.field } : {}) };
  switch (error.code) {
    case 'carrier_auth_failed':
      return connecting
        ? new AppError('carrier_auth_failed', `${name} refused these credentials: ${said.replace(/\.$/, '')}. Check them and try again.`, {
            ...details,
            carrierMessage: said,
          })
        : new AppError(
            'carrier_auth_failed',
            `${name} refused the account's credentials: ${said.replace(/\.$/, '')}. ${RECONNECT_ACTION}`,
            {
              ...details,
              carrierMessage: said,
            },
          );
    case 'carrier_rejected_address':
      return new AppError('carrier_rejected_address', `${name} refused an address: ${error.carrierMessage}`, details);
    case 'carrier_unavailable':
      return new AppError(
        'carrier_unavailable',
        `${name} did not answer in time (${error.carrierMessage}). Try again in a few minutes.`,
        details,
        error.opts.retryAfterMs ? { 'retry-after': String(Math.ceil(error.opts.retryAfterMs / 1000)) } : undefined,
      );
    default:
      return new AppError('carrier_rejected', `${name} refused the request: ${error.carrierMessage}`, details);
  }
}

/** The carrier refused the stored credentials: the account shows it and waits for new ones. */
export async function markAuthFailed(ctx: Ctx, row: Pick<CarrierAccountRow, 'merchantId' | 'id'>, message: string): Promise<void> {
  const at = ctx.now().toISOString();
  await updateCarrierAccount(ctx.db, row.merchantId, row.id, { status: 'auth_failed', lastError: message, lastErrorAt: at, updatedAt: at });
}
