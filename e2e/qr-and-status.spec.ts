// A label-less return: the QR code on screen instead of a label, then the status page the email
// links to (and what a wrong link says).
import { expect, test } from '@playwright/test';
import { baseUrl, checkStep, chooseItem, continueTo, findOrder, importOrder, MESSAGES } from './support.ts';

const en = MESSAGES.en;

test('label-less return shows a QR code, and the status page shows it again', async ({ page }, info) => {
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, '1001', '1016 GV');
  await expect(page.locator('h1')).toHaveText(en.itemsTitle);
  await chooseItem(page, 'Slim jeans', 'other', 'The fit is wrong for me');
  await continueTo(page, en.methodTitle);
  const labelless = page.locator('label.option', { has: page.locator('input[value="drop_off_labelless:sandbox"]') });
  await expect(labelless).toContainText(en.badgeNoPrinter);
  await labelless.locator('input').check();
  await continueTo(page, en.resolutionTitle);
  await page.locator('input[name="resolution"][value="refund"]').check();
  await expect(page.locator('label.option.chosen')).toContainText('Estimated refund: €86.05');
  await continueTo(page, en.contactTitle);
  await page.locator('#contact-email').fill('sanne@example.com');
  await continueTo(page, en.reviewTitle);
  await expect(page.locator('.summary-list')).toContainText('“The fit is wrong for me”');
  await continueTo(page, en.doneTitle);

  const qr = page.locator('.qr img');
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator('.documents h2')).toHaveText(en.qrTitle);
  await expect(page.locator('a', { hasText: en.downloadLabelInstead })).toBeVisible();
  await checkStep(page, info, 'done-qr', { heading: en.doneTitle, focused: true });
  const reference = (await page.locator('.lead').textContent())?.replace(/^.*: /, '') ?? '';

  await page.locator('a', { hasText: en.statusLink }).click();
  await expect(page).toHaveURL(/\/r\/demo\/returns\/ret_[a-z0-9]+\?access=/);
  await expect(page.locator('h1')).toHaveText(`Return ${reference}`);
  await expect(page.locator('.qr img')).toBeVisible();
  await expect(page.locator('.badge')).toHaveText(en.statusOpen);
  await expect(page.locator('.timeline')).toContainText(en.statusOpen);
  await checkStep(page, info, 'status-page', { heading: reference });

  await page.goto(page.url().replace(/access=[^&]+/, 'access=wrong-code'));
  await expect(page.locator('[role="alert"]')).toHaveText(en.errorReturnNotFound);
  await checkStep(page, info, 'status-wrong-link', { heading: en.statusPageTitle });
});

test('on a portal with staff approval the done page says the request is sent, without a label yet', async ({ page, request }, info) => {
  await importOrder(request, '#E2E-APPROVAL', '1013 AA');
  await page.goto(`${baseUrl()}/r/demo-approval?lang=de`);
  const de = MESSAGES.de;
  await findOrder(page, 'e2e-approval', '1013aa');
  await expect(page.locator('h1')).toHaveText(de.itemsTitle);
  await chooseItem(page, 'Linen shirt', 'too_large');
  await continueTo(page, de.methodTitle);
  await page.locator('input[value="drop_off:sandbox"]').check();
  await continueTo(page, de.resolutionTitle);
  await page.locator('input[name="resolution"][value="store_credit"]').check();
  await continueTo(page, de.contactTitle);
  await page.locator('#contact-email').fill('eva@example.com');
  await continueTo(page, de.reviewTitle);
  await continueTo(page, de.doneTitleRequested);
  await expect(page.locator('.how-list')).toContainText(de.nextApproval);
  await expect(page.locator('.how-list')).toContainText(de.nextStoreCredit);
  await expect(page.locator('.documents')).toHaveCount(0);
  await checkStep(page, info, 'done-requested', { heading: de.doneTitleRequested, focused: true });
});
