// EU art. 11a: the clearly labelled withdrawal entry, the explicit confirmation step, and the
// acknowledgement with the date and time of the withdrawal and the model withdrawal form.
import { expect, test } from '@playwright/test';
import { baseUrl, checkStep, chooseItem, continueTo, findOrder, MESSAGES } from './support.ts';

const en = MESSAGES.en;

test('withdrawal from the contract with its acknowledgement (#1005)', async ({ page }, info) => {
  await page.goto(`${baseUrl()}/r/demo`);
  const entry = page.getByRole('button', { name: en.withdrawEntryButton });
  await expect(entry).toBeVisible();
  await entry.click();
  await checkStep(page, info, 'withdraw', { heading: en.withdrawTitle, focused: true });
  const form = page.locator('a', { hasText: en.modelFormLink });
  const pdf = await page.request.get(`${baseUrl()}${await form.getAttribute('href')}`);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  await findOrder(page, '1005', '8001');
  await checkStep(page, info, 'items', { heading: en.itemsTitleWithdrawal, focused: true });
  await expect(page.locator('.progress-text')).toHaveText('Step 2 of 5');
  await chooseItem(page, 'Organic T-shirt', 'changed_mind');
  await continueTo(page, en.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await continueTo(page, en.contactTitle);
  // A reload keeps the journey (sessionStorage), without anything in the URL.
  await page.reload();
  await expect(page.locator('h1')).toHaveText(en.contactTitle);
  expect(page.url()).toBe(`${baseUrl()}/r/demo`);
  await page.locator('#contact-email').fill('luca@example.com');
  await continueTo(page, en.reviewTitleWithdrawal);
  await expect(page.locator('.statement')).toHaveText(en.withdrawalStatement.replace('{orderNumber}', '#1005'));
  const confirm = page.getByRole('button', { name: en.confirmWithdrawal });
  await expect(confirm).toBeVisible();
  await checkStep(page, info, 'confirm', { heading: en.reviewTitleWithdrawal, focused: true });
  const before = new Date();
  await confirm.click();

  await expect(page.locator('h1')).toHaveText(en.doneTitleWithdrawal);
  const ack = page.locator('.acknowledgement');
  await expect(ack.locator('h2')).toHaveText(en.ackTitle);
  const day = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(
    before,
  );
  await expect(ack).toContainText(`order #1005 on ${day}`);
  await expect(ack).toContainText(/at \d{2}:\d{2}( [AP]M)? GMT[+-]\d/);
  await expect(ack).toContainText('luca@example.com');
  await expect(ack.locator('a', { hasText: en.modelFormLink })).toBeVisible();
  await expect(page.locator('a', { hasText: en.downloadA4 })).toBeVisible();
  await checkStep(page, info, 'acknowledgement', { heading: en.doneTitleWithdrawal });
});
