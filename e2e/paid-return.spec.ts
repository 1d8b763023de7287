// A return with a fee paid up front, through Mollie's test-mode checkout (the local Mollie started by
// global-setup.ts): the shopper pays, comes back and gets the label; or the payment fails, they try
// again, pay and get the label. The demo merchant connects Mollie and opens a fee portal over the API.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { apiKey, baseUrl, checkStep, chooseItem, findOrder, importOrder, merchant, MESSAGES, submitStep } from './support.ts';

const m = MESSAGES.en;

async function connectMollie(request: APIRequestContext) {
  const key = process.env.RETOUR_E2E_MOLLIE_KEY;
  expect(key, 'global-setup starts a local Mollie and names its key').toBeTruthy();
  const res = await request.fetch(`${baseUrl()}/api/v1/payment-accounts/mollie`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: { apiKey: key },
  });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ provider: 'mollie', mode: 'test', configured: true });
}

/** A portal of the demo brand whose drop-offs cost €2.95, paid up front. */
async function feePortal(request: APIRequestContext): Promise<string> {
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `paid-${Math.random().toString(36).slice(2, 10)}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    enabled: true,
    returnAddressId: demo.returnAddressId,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions: ['refund'],
    returnFee: { amount: { value: '2.95', currency: 'EUR' }, payment: 'upfront' },
  });
  return slug;
}

/** From the start page to the done page of a drop-off return that waits for its fee. */
async function createReturn(page: Page, request: APIRequestContext, info: Parameters<typeof checkStep>[1]) {
  await connectMollie(request);
  const slug = await feePortal(request);
  const orderNumber = `PAY-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await importOrder(request, orderNumber, '1012 JS');
  await page.goto(`${baseUrl()}/r/${slug}`);
  await findOrder(page, orderNumber, '1012 JS');
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  await chooseItem(page, 'Linen shirt, red', 'too_small');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill('shopper@example.com');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
  await page.locator('main form .actions button[type="submit"]').click();

  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  await expect(page.locator('#pay-heading')).toHaveText(m.payTitle);
  await expect(page.locator('main')).toContainText(m.payText.replace('{amount}', '€2.95'));
  await expect(page.locator('a', { hasText: m.downloadA4 })).toHaveCount(0);
  await checkStep(page, info, 'awaiting-payment', { heading: m.doneTitle });
}

/** Mollie's test checkout: choose the outcome; Mollie calls the webhook, then sends the shopper back. */
async function checkout(page: Page, outcome: 'Paid' | 'Failed') {
  await expect(page.locator('h1')).toHaveText('Test payment');
  await expect(page.locator('main')).toContainText('EUR 2.95');
  await page.getByRole('button', { name: outcome, exact: true }).click();
  await expect(page).toHaveURL(/\/r\/paid-[a-z0-9]+\/returns\/ret_\w+\?access=s1\.[\w-]+&payment=pay_\w+$/);
}

async function expectLabel(page: Page, info: Parameters<typeof checkStep>[1]) {
  const a4 = page.locator('a', { hasText: m.downloadA4 });
  await expect(a4).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.badge')).toHaveText(m.statusOpen);
  await expect(page.locator('#pay-heading')).toHaveCount(0);
  const pdf = await page.request.get(`${baseUrl()}${await a4.getAttribute('href')}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await checkStep(page, info, 'paid-with-label');
}

test('pays the return fee at Mollie and gets the label', async ({ page, request }, info) => {
  await createReturn(page, request, info);
  await page.getByRole('button', { name: m.payButton.replace('{amount}', '€2.95') }).click();
  await checkout(page, 'Paid');
  await expectLabel(page, info);
});

test('a failed payment can be tried again, then the label comes', async ({ page, request }, info) => {
  await createReturn(page, request, info);
  await page.getByRole('button', { name: m.payButton.replace('{amount}', '€2.95') }).click();
  await checkout(page, 'Failed');
  await expect(page.locator('.notice[role="alert"]')).toHaveText(m.paymentFailed);
  await expect(page.locator('.badge')).toHaveText(m.statusPaymentFailed);
  await checkStep(page, info, 'payment-failed');
  await page.getByRole('button', { name: m.payRetry }).click();
  await checkout(page, 'Paid');
  await expectLabel(page, info);
});

test('back office: Settings → Payments connects Mollie and shows the mode, never the key', async ({ page }) => {
  await signIn(page);
  await page.goto(admin('/settings/payments'));
  await expect(page.locator('h1')).toHaveText('Settings: Payments');
  const key = page.getByLabel('Mollie API key');
  await key.fill('test_refusedRefusedRefusedRefused00');
  await page.getByRole('button', { name: /^(Connect|Save key)$/ }).click();
  await expect(page.getByRole('alert')).toContainText('Mollie refused this API key');
  await key.fill(process.env.RETOUR_E2E_MOLLIE_KEY ?? '');
  await page.getByRole('button', { name: /^(Connect|Save key)$/ }).click();
  await expect(page.getByRole('status').first()).toContainText('Mollie is connected in test mode.');
  await expect(page.locator('main')).toContainText('Test mode');
  await expect(key).toHaveValue('');
  await expect(page.locator('main')).not.toContainText(process.env.RETOUR_E2E_MOLLIE_KEY ?? 'no key');
  await checkPage(page, '40-settings-payments', 'Settings: Payments');
});
