// Back office Settings → Carriers: the page passes axe, the connect form shows each provider's
// credential fields, and bad input is explained under the fields before any carrier is asked
// (so this journey never reaches a carrier, with or without the adapters merged).
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { merchant } from './support.ts';

test('carriers: the connect form per provider, with field-level errors and nothing stored', async ({ page, request }) => {
  await signIn(page);
  await page.goto(admin('/settings/carriers'));
  await expect(page.locator('h1')).toHaveText('Settings: Carriers');
  await checkPage(page, '30-settings-carriers', 'Settings: Carriers');
  await page.getByLabel('Carrier', { exact: true }).selectOption('postnl');
  await expect(page.getByLabel('Customer code')).toBeVisible();
  await page.getByLabel('Carrier', { exact: true }).selectOption('sendcloud');
  await page.getByLabel('Code', { exact: true }).fill('Bad Code');
  await page.getByLabel('Public key').fill('e2e-public');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.locator('#carrier-code-error')).toBeVisible();
  await expect(page.locator('#new-secretKey-error')).toBeVisible();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  const accounts = await merchant(request, 'GET', '/carrier-accounts');
  expect(accounts.data).toEqual([]);
});
