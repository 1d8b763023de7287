// Shopify's catalogue webhooks (products/create|update|delete, inventory_levels/update) applied
// to our catalogue, inside the webhook's transaction (so a repeated delivery changes nothing).
import type { Tx } from '@retour/db/database';
import { deleteProduct, saveProduct, setStockByInventoryRef } from '@retour/db/repos/catalogue';
import { type IntegrationRow, updateIntegration } from '@retour/db/repos/integrations';
import type { ProviderJson } from '@retour/integrations/shops/shopify/orders';
import { inventoryLevelFromRest, productFromRest, productGid } from '@retour/integrations/shops/shopify/products';
import { settingsOf } from '../integrations/connections.ts';

export const SHOPIFY_CATALOGUE_TOPICS = ['products/create', 'products/update', 'products/delete', 'inventory_levels/update'];

type Outcome = { outcome: string; log?: Record<string, unknown> };

export async function applyShopifyCatalogueWebhook(
  tx: Tx,
  row: IntegrationRow,
  topic: string,
  body: ProviderJson,
  at: string,
): Promise<Outcome> {
  if (topic === 'products/delete') {
    const deleted = await deleteProduct(tx, row.merchantId, 'shopify', productGid(body.id));
    return { outcome: deleted ? 'product_deleted' : 'product_unknown' };
  }
  if (topic === 'inventory_levels/update') {
    const level = inventoryLevelFromRest(body);
    if (!level) return { outcome: 'stock_invalid', log: { integrationId: row.id, topic } };
    const known = await setStockByInventoryRef(
      tx,
      row.merchantId,
      level.inventoryRef,
      { locationId: level.locationId, locationName: null, available: level.available },
      at,
    );
    return { outcome: known ? 'stock_updated' : 'variant_unknown' };
  }
  const currency = settingsOf<{ currency?: string }>(row).currency;
  if (!currency) {
    const lastError = 'Products cannot be imported until the shop currency is known: save the Shopify credentials again to read it.';
    await updateIntegration(tx, row.merchantId, row.id, { lastError, updatedAt: at });
    return { outcome: 'currency_unknown', log: { integrationId: row.id, topic } };
  }
  const product = productFromRest(body, currency);
  if (!product) return { outcome: 'product_invalid', log: { integrationId: row.id, topic } };
  await saveProduct(tx, row.merchantId, { source: 'shopify', ...product }, at);
  return { outcome: 'product_upserted' };
}
