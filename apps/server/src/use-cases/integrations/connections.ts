// Connections (integrations rows with credentials): seal and open credentials for one
// connection, mint hook keys, and present a connection without its secrets.
import type { Integration } from '@retour/contracts/integrations';
import { fromJson } from '@retour/db/json';
import type { IntegrationRow } from '@retour/db/repos/integrations';
import type { Ctx } from '../../context.ts';
import { openCredentials, sealCredentials } from '../../credentials.ts';
import { randomCode } from '../../secrets.ts';

const ownerOf = (merchantId: string, integrationId: string) => `${merchantId}:integration:${integrationId}`;

export function sealConnectionCredentials(ctx: Ctx, merchantId: string, integrationId: string, value: unknown): string {
  return sealCredentials(ctx.secret, ownerOf(merchantId, integrationId), value);
}

export function openConnectionCredentials<T>(ctx: Ctx, row: IntegrationRow): T {
  if (!row.credentials) throw new Error(`Integration ${row.id} has no credentials.`);
  return openCredentials<T>(ctx.secret, ownerOf(row.merchantId, row.id), row.credentials);
}

export const settingsOf = <T = Record<string, unknown>>(row: IntegrationRow): T => (fromJson<T>(row.settings) ?? {}) as T;

/** A random, unguessable key for inbound webhook URLs. */
export const newHookKey = (): string => `hk_${randomCode(32)}`;

const HOOK_PATHS: Record<string, string> = { shopify: 'shopify', woocommerce: 'woocommerce' };

export function presentIntegration(ctx: Ctx, row: IntegrationRow): Integration {
  const hookPath = HOOK_PATHS[row.kind];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Integration['kind'],
    status: row.status as Integration['status'],
    settings: settingsOf(row),
    credentialsSet: row.credentials !== null,
    webhookUrl: hookPath && row.hookKey ? `${ctx.publicUrl}/api/hooks/${hookPath}/${row.hookKey}` : null,
    lastSyncAt: row.lastSyncAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
  };
}
