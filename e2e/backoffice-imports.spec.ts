// Back office CSV import: from Orders to the import page, upload a file with one bad row, follow
// the progress bar to the end and read the refused rows by line number; the page passes axe.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';

const HEADER =
  'order_id,order_number,placed_at,currency,customer_name,customer_email,ship_name,ship_street,ship_postal_code,ship_city,ship_country,item_id,sku,item_name,quantity,unit_price';

test('CSV import: upload, progress, report with line numbers, recent runs', async ({ page }) => {
  const id = `E2E-${Date.now().toString(36)}`;
  const row = (order: string, item: string, quantity = '1') =>
    `${id}-${order},#${id}-${order},2026-06-01T10:00:00Z,EUR,Eva Smit,eva@example.com,Eva Smit,Main Street 1,1012 AB,Amsterdam,NL,${item},SKU-${item},Shirt,${quantity},19.95`;
  const file = [HEADER, row('1', 'a'), row('2', 'a', 'lots'), row('1', 'b'), row('2', 'b')].join('\n');

  await signIn(page);
  await page.goto(admin('/orders'));
  await page.getByRole('link', { name: 'Import orders from a CSV file' }).click();
  await expect(page.locator('h1')).toHaveText('Import orders');
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page.getByText('4 of 4 rows processed')).toBeVisible();
  await expect(page.locator('progress')).toHaveAttribute('value', '4');
  await expect(page.getByText('1 order created, 0 updated, 2 rows refused').first()).toBeVisible();
  const report = page.getByRole('table', { name: 'Refused rows (the header is line 1)' });
  await expect(report.getByRole('row')).toHaveCount(3);
  await expect(report.getByRole('row').nth(1)).toContainText('3');
  await expect(report.getByRole('row').nth(1)).toContainText('quantity');
  await expect(report.getByRole('row').nth(2)).toContainText('Not stored: the same order has a problem on line 3');
  await expect(page.getByRole('cell', { name: 'csv · orders.csv' }).first()).toBeVisible();
  await checkPage(page, '40-orders-import', 'Import orders');
});
