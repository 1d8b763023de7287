// Back office Shopify: connect a shop (a local server that answers like Shopify's Admin API, started
// before `retour serve` by global-setup.ts), see its webhook URL, import all of its orders through
// a bulk operation with the progress to the end; the page passes axe.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';

const clientId = () => process.env.RETOUR_E2E_SHOPIFY_CLIENT_ID as string;
const clientSecret = () => process.env.RETOUR_E2E_SHOPIFY_CLIENT_SECRET as string;

test('Shopify: connect with the app credentials, webhook URL, import all orders with progress', async ({ page }) => {
  await signIn(page);
  await page.goto(admin('/settings/integrations'));
  const name = `Shopify E2E ${Date.now().toString(36)}`;
  // The WooCommerce form on the same page has fields of the same names: work inside the Shopify section.
  const section = page.getByRole('region', { name: 'Shopify' });
  await section.getByLabel('Shop domain').fill('e2e-shop.myshopify.com');
  await section.getByLabel('Client ID').fill(clientId());
  await section.getByLabel('Client secret').fill('not-the-secret');
  await section.getByLabel('Name in Retour (optional)').fill(name);
  await section.getByRole('button', { name: 'Connect' }).click();
  // Shopify refused the credentials: the form says so and keeps what was typed.
  await expect(section.getByRole('alert')).toBeVisible();
  await expect(section.getByLabel('Shop domain')).toHaveValue('e2e-shop.myshopify.com');

  await section.getByLabel('Client secret').fill(clientSecret());
  await section.getByRole('button', { name: 'Connect' }).click();
  await expect(section.getByText(`${name} is connected.`)).toBeVisible();
  const card = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  await expect(card.getByText('e2e-shop.myshopify.com · active · never imported')).toBeVisible();
  await expect(card.getByLabel(/Webhook URL/)).toHaveValue(/\/api\/hooks\/shopify\/hk_/);

  await card.getByRole('button', { name: 'Import all orders' }).click();
  await expect(card.getByText('Import finished: 120 orders read (120 new, 0 updated, 0 refused).')).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Import all orders' })).toBeEnabled();
  await expect(card.getByText(/last sync/)).toBeVisible();
  await checkPage(page, '51-settings-shopify');
});
