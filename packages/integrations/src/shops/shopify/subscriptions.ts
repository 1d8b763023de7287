// Removing the webhook subscriptions we created for a shop (on disconnect): every subscription
// whose uri is the connection's webhook URL is listed (`webhookSubscriptions(uri:)`, a few pages
// at most) and deleted one by one with `webhookSubscriptionDelete`.
import type { ShopifyClient } from './client.ts';
import { WEBHOOK_SUBSCRIPTION_DELETE, WEBHOOK_SUBSCRIPTIONS_QUERY } from './documents.ts';
import { checkUserErrors, type UserError } from './errors.ts';

const MAX_PAGES = 5;

type SubscriptionsPage = {
  webhookSubscriptions: {
    nodes: { id: string; topic: string; uri: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
type DeletePayload = { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: string | null; userErrors: UserError[] } | null };

/** Ids of the subscriptions that deliver to `uri`. */
export async function listSubscriptionIds(client: ShopifyClient, uri: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: SubscriptionsPage = await client.request<SubscriptionsPage>(WEBHOOK_SUBSCRIPTIONS_QUERY, { uri, after });
    ids.push(...data.webhookSubscriptions.nodes.filter((n) => n.uri === uri).map((n) => n.id));
    const { hasNextPage, endCursor } = data.webhookSubscriptions.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return ids;
}

/** Deletes every subscription that delivers to `uri`; answers how many were removed. */
export async function removeSubscriptions(client: ShopifyClient, uri: string): Promise<number> {
  const ids = await listSubscriptionIds(client, uri);
  for (const id of ids) {
    const result = await client.request<DeletePayload>(WEBHOOK_SUBSCRIPTION_DELETE, { id });
    checkUserErrors('webhookSubscriptionDelete', result.webhookSubscriptionDelete);
  }
  return ids.length;
}
