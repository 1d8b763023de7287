// Back office WooCommerce: connect a shop (a local server that answers like WooCommerce's REST
// API), see its webhook URL, import all of its orders with the progress to the end; the page passes axe.
import { expect, test } from '@playwright/test';
import { startWooServer, type WooServer, wooOrder } from '../apps/server/test/support/woocommerce-server.ts';
import { admin, checkPage, signIn } from './backoffice-support.ts';

const keys = { consumerKey: 'ck_e2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2e', consumerSecret: 'cs_e2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2ee2e' };
let woo: WooServer;
test.beforeAll(async () => {
  woo = await startWooServer(keys);
  const base = 880_000 + Math.floor(Math.random() * 10_000) * 200;
  woo.state.orders = Array.from({ length: 130 }, (_, i) => wooOrder(base + i));
});
test.afterAll(async () => woo.close());

test('WooCommerce: connect with keys, webhook URL, import all orders with progress', async ({ page }) => {
  await signIn(page);
  await page.goto(admin('/settings/integrations'));
  const name = `Woo E2E ${Date.now().toString(36)}`;
  // The Shopify form on the same page has fields of the same names: work inside the WooCommerce section.
  const section = page.getByRole('region', { name: 'WooCommerce' });
  await section.getByLabel('Site URL').fill(woo.siteUrl);
  await section.getByLabel('Consumer key (ck_…)').fill('ck_wrong');
  await section.getByLabel('Consumer secret (cs_…)').fill(keys.consumerSecret);
  await section.getByLabel('Name in Retour (optional)').fill(name);
  await section.getByRole('button', { name: 'Connect' }).click();
  await expect(section.getByText('starts with ck_')).toBeVisible();

  await section.getByLabel('Consumer key (ck_…)').fill(keys.consumerKey);
  await section.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText(`${name} is connected.`)).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  await expect(card.getByLabel(/Webhook URL/)).toHaveValue(/\/api\/hooks\/woocommerce\/hk_/);
  await expect(card.getByLabel('Refund through the payment gateway')).toBeChecked();
  expect(woo.state.webhooks.map((w) => w.topic)).toEqual(['order.created', 'order.updated']);

  await card.getByRole('button', { name: 'Import all orders' }).click();
  await expect(card.getByText('Import finished: 130 orders read (130 new, 0 updated, 0 refused).')).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Import all orders' })).toBeEnabled();
  await checkPage(page, '50-settings-woocommerce');
});
