// A merchant's carrier accounts: connect (the carrier checks the credentials before anything is
// stored; they are kept sealed and never returned), list and show, test the connection, list the
// account's services, choose a service per country and method, replace the credentials, disconnect.
import {
  type CarrierAccount,
  type CarrierAccountConnectBody,
  type CarrierAccountSettings,
  type CarrierAccountTest,
  type CarrierServiceView,
  type ChosenService,
  DhlParcelCredentialsSchema,
  PostnlCredentialsSchema,
  SendcloudCredentialsSchema,
  UpsCredentialsSchema,
} from '@retour/contracts/carrier-accounts';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import {
  type CarrierAccountRow,
  deleteCarrierAccount,
  getCarrierAccount,
  insertCarrierAccount,
  listCarrierAccounts,
  updateCarrierAccount,
  wakeAccountBookings,
} from '@retour/db/repos/carrier-accounts';
import type { CarrierProvider, CarrierService } from '@retour/integrations/carriers/adapter';
import type { Ctx } from '../context.ts';
import { AppError, fail } from '../errors.ts';
import {
  adapterFor,
  adapterOf,
  carrierFailure,
  markAuthFailed,
  PROVIDER_NAMES,
  PUSHING_PROVIDERS,
  RECONNECT_ACTION,
  sealAccountCredentials,
  sealWebhookSecret,
  settingsOf,
} from './shared/carrier-accounts.ts';

const CREDENTIALS = {
  sendcloud: SendcloudCredentialsSchema,
  postnl: PostnlCredentialsSchema,
  dhl_parcel: DhlParcelCredentialsSchema,
  ups: UpsCredentialsSchema,
};

export function presentCarrierAccount(ctx: Ctx, row: CarrierAccountRow): CarrierAccount {
  const provider = row.provider as CarrierProvider;
  return {
    id: row.id,
    provider,
    code: row.code,
    name: row.name,
    accountName: row.accountName,
    status: row.status === 'auth_failed' ? 'auth_failed' : 'active',
    lastError:
      row.status === 'auth_failed' && row.lastError && row.lastErrorAt
        ? { message: row.lastError, at: row.lastErrorAt, action: RECONNECT_ACTION.replace('{id}', row.id) }
        : null,
    settings: settingsOf(row),
    webhookUrl: PUSHING_PROVIDERS.includes(provider) ? `${ctx.publicUrl}/api/carriers/accounts/${row.id}/webhook` : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function accountOrFail(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccountRow> {
  const row = await getCarrierAccount(ctx.db, merchantId, id);
  if (!row)
    fail(
      'carrier_account_not_found',
      'There is no carrier account with this id for your account; list them with GET /api/v1/carrier-accounts.',
    );
  return row;
}

export async function listMerchantCarrierAccounts(ctx: Ctx, merchantId: string): Promise<CarrierAccount[]> {
  return (await listCarrierAccounts(ctx.db, merchantId)).map((row) => presentCarrierAccount(ctx, row));
}

export async function getMerchantCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccount> {
  return presentCarrierAccount(ctx, await accountOrFail(ctx, merchantId, id));
}

/** The credentials are checked with the carrier before anything is stored. */
async function verified(ctx: Ctx, provider: CarrierProvider, credentials: unknown): Promise<string | null> {
  try {
    return (await adapterFor(ctx, provider, credentials).verify()).accountName;
  } catch (error) {
    throw carrierFailure(error, provider);
  }
}

export async function connectCarrierAccount(ctx: Ctx, merchantId: string, body: CarrierAccountConnectBody): Promise<CarrierAccount> {
  if (ctx.carriers.get(body.code))
    fail('carrier_code_taken', `"${body.code}" is a built-in carrier code; choose another code for this account.`, { code: body.code });
  if ((await listCarrierAccounts(ctx.db, merchantId)).some((a) => a.code === body.code))
    fail('carrier_code_taken', `You have a carrier account with the code "${body.code}" already; choose another code.`, {
      code: body.code,
    });
  const accountName = await verified(ctx, body.provider, body.credentials);
  const id = newId('car');
  const at = ctx.now().toISOString();
  const row: CarrierAccountRow = {
    merchantId,
    id,
    provider: body.provider,
    code: body.code,
    name: body.name ?? PROVIDER_NAMES[body.provider],
    accountName,
    credentials: sealAccountCredentials(ctx, merchantId, id, body.credentials),
    // Sendcloud signs its webhooks with the API secret key.
    webhookSecret: body.provider === 'sendcloud' ? sealWebhookSecret(ctx, merchantId, id, body.credentials.secretKey) : null,
    settings: toJson({ services: [] }),
    status: 'active',
    lastError: null,
    lastErrorAt: null,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await insertCarrierAccount(ctx.db, row)))
    fail('carrier_code_taken', `You have a carrier account with the code "${body.code}" already; choose another code.`, {
      code: body.code,
    });
  return presentCarrierAccount(ctx, row);
}

/** New credentials for an account (after `auth_failed`, or rotated keys); checked first, then sealed. */
export async function replaceCarrierCredentials(ctx: Ctx, merchantId: string, id: string, body: unknown): Promise<CarrierAccount> {
  const row = await accountOrFail(ctx, merchantId, id);
  const provider = row.provider as CarrierProvider;
  const parsed = CREDENTIALS[provider].safeParse(body);
  if (!parsed.success)
    throw new AppError('validation_error', 'The request has invalid fields; see details.issues.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message, in: 'body' })),
    });
  const accountName = await verified(ctx, provider, parsed.data);
  const at = ctx.now().toISOString();
  await updateCarrierAccount(ctx.db, merchantId, id, {
    credentials: sealAccountCredentials(ctx, merchantId, id, parsed.data),
    webhookSecret:
      provider === 'sendcloud' ? sealWebhookSecret(ctx, merchantId, id, (parsed.data as { secretKey: string }).secretKey) : null,
    accountName,
    status: 'active',
    lastError: null,
    lastErrorAt: null,
    updatedAt: at,
  });
  // Bookings that waited for these credentials go now.
  await wakeAccountBookings(ctx.db, merchantId, id, at);
  return getMerchantCarrierAccount(ctx, merchantId, id);
}

/** Test connection: asks the carrier with the stored credentials; a refusal marks the account `auth_failed`. */
export async function testCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<CarrierAccountTest> {
  const row = await accountOrFail(ctx, merchantId, id);
  const provider = row.provider as CarrierProvider;
  try {
    const { accountName } = await adapterOf(ctx, row).verify();
    const at = ctx.now().toISOString();
    await updateCarrierAccount(ctx.db, merchantId, id, {
      status: 'active',
      lastError: null,
      lastErrorAt: null,
      accountName,
      updatedAt: at,
    });
    return { ok: true, status: 'active', accountName, message: null };
  } catch (error) {
    const failure = carrierFailure(error, provider);
    if (failure.code !== 'carrier_auth_failed') throw failure;
    await markAuthFailed(ctx, row, failure.message);
    return {
      ok: false,
      status: 'auth_failed',
      accountName: row.accountName,
      message: `${failure.message} ${RECONNECT_ACTION.replace('{id}', id)}`,
    };
  }
}

function serviceView(s: CarrierService): CarrierServiceView {
  return { ...s, methods: [...s.methods], fromCountries: [...s.fromCountries], price: s.price ?? null };
}

async function servicesOf(ctx: Ctx, row: CarrierAccountRow): Promise<CarrierService[]> {
  try {
    return await adapterOf(ctx, row).services();
  } catch (error) {
    const failure = carrierFailure(error, row.provider as CarrierProvider);
    if (failure.code === 'carrier_auth_failed') await markAuthFailed(ctx, row, failure.message);
    throw failure;
  }
}

export async function listCarrierServices(ctx: Ctx, merchantId: string, id: string): Promise<CarrierServiceView[]> {
  return (await servicesOf(ctx, await accountOrFail(ctx, merchantId, id))).map(serviceView);
}

/** Chooses the services per country and method; each must be one of the account's services serving them. */
export async function saveCarrierAccountSettings(
  ctx: Ctx,
  merchantId: string,
  id: string,
  body: CarrierAccountSettings,
): Promise<CarrierAccount> {
  const row = await accountOrFail(ctx, merchantId, id);
  const services = body.services.length > 0 ? await servicesOf(ctx, row) : [];
  const chosen: ChosenService[] = body.services.map((choice, index) => {
    const service = services.find((s) => s.code === choice.service);
    if (!service)
      fail(
        'carrier_service_not_available',
        `The account has no service "${choice.service}"; choose one of GET /api/v1/carrier-accounts/${id}/services.`,
        {
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
  await updateCarrierAccount(ctx.db, merchantId, id, { settings: toJson({ services: chosen }), updatedAt: ctx.now().toISOString() });
  return getMerchantCarrierAccount(ctx, merchantId, id);
}

/** Disconnects: the account and its credentials are deleted; returns booked on it keep their labels and tracking numbers. */
export async function disconnectCarrierAccount(ctx: Ctx, merchantId: string, id: string): Promise<{ deleted: boolean }> {
  await accountOrFail(ctx, merchantId, id);
  return { deleted: await deleteCarrierAccount(ctx.db, merchantId, id) };
}
