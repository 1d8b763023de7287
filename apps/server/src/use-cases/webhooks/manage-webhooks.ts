// Merchants' webhook endpoints: created with a signing secret made here (shown once), listed,
// changed, deleted with their delivery log, and given a new secret.
import type { Webhook, WebhookInput, WebhookPatch } from '@retour/contracts/webhooks';
import { webhookUrlProblem } from '@retour/domain/webhook-url';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { deleteWebhookEndpoint, insertWebhookEndpoint, listWebhookEndpoints, updateWebhookEndpoint } from '@retour/db/repos/webhooks';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { loadWebhookEndpoint, newWebhookSecret, presentWebhook } from './webhook-endpoints.ts';

const MAX_ENDPOINTS = 20;

function checkUrl(ctx: Ctx, url: string): void {
  const problem = webhookUrlProblem(url, { allowInsecureHttp: ctx.providers.allowInsecureHttp });
  if (problem) invalid(['url'], problem);
}

export async function listWebhooks(ctx: Ctx, merchantId: string): Promise<Webhook[]> {
  return (await listWebhookEndpoints(ctx.db, merchantId)).map((row) => presentWebhook(row));
}

export async function getWebhook(ctx: Ctx, merchantId: string, id: string): Promise<Webhook> {
  return presentWebhook(await loadWebhookEndpoint(ctx.db, merchantId, id));
}

export async function createWebhook(ctx: Ctx, merchantId: string, input: WebhookInput): Promise<Webhook> {
  checkUrl(ctx, input.url);
  const at = ctx.now().toISOString();
  const id = newId('whk');
  const { secret, sealed } = newWebhookSecret(ctx, merchantId, id);
  const row = {
    merchantId,
    id,
    url: input.url,
    description: input.description || null,
    events: toJson(input.events),
    secret: sealed,
    enabled: input.enabled ? 1 : 0,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if ((await listWebhookEndpoints(tx, merchantId)).length >= MAX_ENDPOINTS)
      fail('conflict', `An account can have at most ${MAX_ENDPOINTS} webhook endpoints; delete one you no longer use.`);
    await insertWebhookEndpoint(tx, row);
  });
  return presentWebhook(row, secret);
}

export async function updateWebhook(ctx: Ctx, merchantId: string, id: string, patch: WebhookPatch): Promise<Webhook> {
  if (patch.url !== undefined) checkUrl(ctx, patch.url);
  await loadWebhookEndpoint(ctx.db, merchantId, id);
  await updateWebhookEndpoint(ctx.db, merchantId, id, {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: toJson(patch.events) } : {}),
    ...(patch.description !== undefined ? { description: patch.description || null } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    updatedAt: ctx.now().toISOString(),
  });
  return getWebhook(ctx, merchantId, id);
}

export async function deleteWebhook(ctx: Ctx, merchantId: string, id: string): Promise<void> {
  const deleted = await ctx.db.transaction().execute((tx) => deleteWebhookEndpoint(tx, merchantId, id));
  if (!deleted) fail('not_found', 'There is no webhook endpoint with this id for your account.', { id });
}

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(ctx: Ctx, merchantId: string, id: string): Promise<Webhook> {
  await loadWebhookEndpoint(ctx.db, merchantId, id);
  const { secret, sealed } = newWebhookSecret(ctx, merchantId, id);
  await updateWebhookEndpoint(ctx.db, merchantId, id, { secret: sealed, updatedAt: ctx.now().toISOString() });
  return presentWebhook(await loadWebhookEndpoint(ctx.db, merchantId, id), secret);
}
