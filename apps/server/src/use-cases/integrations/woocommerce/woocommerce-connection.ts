// What the WooCommerce use cases share: the stored shape of a connection, a client for it, and
// WooCommerce failures turned into errors that tell the merchant what to do.
import type { IntegrationRow } from '@retour/db/repos/integrations';
import { WooClient, WooError } from '@retour/integrations/shops/woocommerce/client';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { openConnectionCredentials, settingsOf } from '../connections.ts';

/** Non-secret, shown in the API: where the shop is and how refunds are sent. */
export type WooSettings = { siteUrl: string; refundThroughGateway: boolean; webhookIds: number[] };
/** Sealed: the REST API keys and the secret WooCommerce signs its webhooks with (we generate it). */
export type WooCredentials = { consumerKey: string; consumerSecret: string; webhookSecret: string };

export function wooClient(ctx: Ctx, siteUrl: string, keys: { consumerKey: string; consumerSecret: string }): WooClient {
  return new WooClient({
    siteUrl,
    consumerKey: keys.consumerKey,
    consumerSecret: keys.consumerSecret,
    timeoutMs: ctx.providers.timeoutMs,
    allowInsecureHttp: ctx.providers.allowInsecureHttp,
    signal: ctx.signal,
  });
}

export function wooSettingsOf(row: IntegrationRow): WooSettings {
  const s = settingsOf<Partial<WooSettings>>(row);
  return { siteUrl: s.siteUrl ?? '', refundThroughGateway: s.refundThroughGateway !== false, webhookIds: s.webhookIds ?? [] };
}

/** A client for a stored connection (credentials opened only for this call). */
export function wooClientOf(ctx: Ctx, row: IntegrationRow): WooClient {
  const credentials = openConnectionCredentials<WooCredentials>(ctx, row);
  return wooClient(ctx, wooSettingsOf(row).siteUrl, credentials);
}

/** A WooCommerce failure as an AppError: 422 for keys WooCommerce refuses, 502 for the rest. */
export function wooFailure(error: unknown, doing: string): AppError {
  if (!(error instanceof WooError)) return error instanceof AppError ? error : new AppError('provider_error', `${doing} failed.`);
  const details = { provider: 'woocommerce', status: error.status, code: error.wooCode };
  switch (error.failure) {
    case 'unauthorized':
      return new AppError(
        'provider_rejected_credentials',
        `WooCommerce refused the API keys while ${doing} (${error.message}) Create a key with Read/Write permission ` +
          'under WooCommerce → Settings → Advanced → REST API and enter it again.',
        details,
      );
    case 'not_found':
      return new AppError(
        'provider_error',
        `The shop has no WooCommerce REST API at this address (${error.message}) Check the site URL, and that ` +
          'WordPress uses pretty permalinks (Settings → Permalinks: anything but "Plain").',
        details,
      );
    case 'timeout':
    case 'unavailable':
      return new AppError('provider_error', `The shop did not answer properly while ${doing}: ${error.message} Try again later.`, details);
    default:
      return new AppError('provider_error', `WooCommerce refused ${doing}: ${error.message}`, details);
  }
}
