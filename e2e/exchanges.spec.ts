// Exchanges in the portal (issue #14): the shopper swaps a size (an out-of-stock size is shown but
// cannot be chosen), and exchanges for a dearer product whose difference is paid at the local
// Mollie before the label. The catalogue comes in through PUT /api/v1/products.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { apiKey, baseUrl, checkStep, chooseItem, findOrder, importOrder, merchant, MESSAGES, submitStep } from './support.ts';
import { admin, signIn } from './backoffice-support.ts';
import { LINEN } from './exchange-catalogue.ts';

const m = MESSAGES.en;
const eur = (value: string) => ({ value, currency: 'EUR' });

async function putProducts(request: APIRequestContext, products: unknown[]) {
  const res = await request.fetch(`${baseUrl()}/api/v1/products`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: { products },
  });
  expect(res.status(), await res.text()).toBe(200);
}

async function exchangePortal(
  request: APIRequestContext,
  exchanges: Record<string, unknown>,
  resolutions: string[] = ['refund', 'exchange'],
): Promise<string> {
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `swap-${Math.random().toString(36).slice(2, 10)}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    enabled: true,
    returnAddressId: demo.returnAddressId,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions,
    exchanges: {
      offered: true,
      reasons: [],
      priceBand: { lowerPercent: 100, upperPercent: 100 },
      otherProducts: false,
      bonusCredit: null,
      ...exchanges,
    },
  });
  return slug;
}

/** Lookup, the linen shirt (too small), drop-off, then the resolution step with "Exchange" chosen. */
async function toExchange(page: Page, request: APIRequestContext, slug: string) {
  const orderNumber = `SWAP-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await importOrder(request, orderNumber, '1012 JS');
  await page.goto(`${baseUrl()}/r/${slug}`);
  await findOrder(page, orderNumber, '1012 JS');
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  await chooseItem(page, 'Linen shirt, red', 'too_small');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.resolutionTitle);
  await page.locator('input[name="resolution"][value="exchange"]').check();
  await expect(page.locator('fieldset.exchange legend')).toHaveText(m.exchangeFor.replace('{item}', 'Linen shirt, red'));
}

/** The demo merchant's Mollie account: the local Mollie global-setup starts (idempotent). */
async function connectMollie(request: APIRequestContext) {
  const key = process.env.RETOUR_E2E_MOLLIE_KEY;
  expect(key, 'global-setup starts a local Mollie and names its key').toBeTruthy();
  const connected = await request.fetch(`${baseUrl()}/api/v1/payment-accounts/mollie`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: { apiKey: key },
  });
  expect(connected.status(), await connected.text()).toBe(200);
}

async function finish(page: Page) {
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill('shopper@example.com');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
}

test('a shopper exchanges a size; an out-of-stock size is shown but cannot be chosen', async ({ page, request }, info) => {
  await putProducts(request, [LINEN]);
  const slug = await exchangePortal(request, {});
  await toExchange(page, request, slug);
  const size = (title: string) => page.locator('fieldset.exchange label.option', { hasText: new RegExp(`^${title}`) });
  await expect(size('M')).toContainText(m.exchangeOutOfStock);
  await expect(size('M').locator('input')).toBeDisabled();
  await expect(size('L').locator('input')).toBeEnabled();
  await expect(size('L')).toContainText(m.exchangeSamePrice);
  await size('L').locator('input').check();
  await expect(page.locator('.exchange-quote')).toHaveText(m.exchangeQuoteFree);
  // No free-text note is asked once a size is chosen.
  await expect(page.locator('#exchange-note')).toHaveCount(0);
  await checkStep(page, info, 'exchange-size', { heading: m.resolutionTitle });
  await finish(page);
  await expect(page.locator('main')).toContainText(m.exchangeQuoteFree);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  await expect(page.locator('#pay-heading')).toHaveCount(0);
  await checkStep(page, info, 'exchange-done');
});

test('an instant exchange: the review says a reservation; the shopper reserves the value at Mollie and the status page names the deadline', async ({
  page,
  request,
}, info) => {
  await connectMollie(request);
  await putProducts(request, [LINEN]);
  const slug = await exchangePortal(request, { instant: true, instantHoldDays: 10 });
  await toExchange(page, request, slug);
  await page.locator('fieldset.exchange label.option', { hasText: /^L/ }).locator('input').check();
  await finish(page);
  await expect(page.getByTestId('instant-exchange-review')).toContainText('10 days');
  await checkStep(page, info, 'instant-review', { heading: m.reviewTitle });
  await submitStep(page);

  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  await expect(page.locator('#pay-heading')).toHaveText(m.holdTitle);
  await page.getByRole('button', { name: m.holdButton.replace('{amount}', '€49.50') }).click();
  await expect(page.locator('h1')).toHaveText('Test payment');
  await expect(page.locator('main')).toContainText('EUR 49.50');
  await page.getByRole('button', { name: 'Paid', exact: true }).click();
  await expect(page).toHaveURL(/\/r\/swap-[a-z0-9]+\/returns\/ret_\w+\?access=s1\.[\w-]+&payment=pay_\w+$/);
  // Authorised, not charged: the label comes and the note names the amount and the last day.
  await expect(page.locator('a', { hasText: m.downloadA4 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#pay-heading')).toHaveCount(0);
  const note = page.getByTestId('instant-exchange');
  await expect(note).toContainText('€49.50');
  await expect(note).toContainText(m.instantHoldHeld.split('{amount}')[0] as string);
  await checkStep(page, info, 'instant-held');
});

test('an instant exchange for a dearer product scanned in time: the status page says what was captured and what released', async ({
  page,
  request,
}, info) => {
  await connectMollie(request);
  const coat = `Rain coat ${Math.random().toString(36).slice(2, 8)}`;
  await putProducts(request, [
    LINEN,
    {
      id: `e2e-${coat}`,
      title: coat,
      variants: [
        {
          id: 'rain-m',
          sku: null,
          options: [{ name: 'Size', value: 'M' }],
          price: eur('79.50'),
          stock: [{ locationId: 'wh', available: 1 }],
        },
      ],
    },
  ]);
  const slug = await exchangePortal(request, { otherProducts: true, instant: true, instantHoldDays: 10 });
  await toExchange(page, request, slug);
  await page.getByLabel(m.exchangeSearch).fill(coat);
  await page.getByRole('button', { name: m.exchangeSearchButton }).click();
  await page.locator('fieldset.exchange .exchange-product', { hasText: coat }).locator('label.option input').check();
  await finish(page);
  await submitStep(page);
  await page.getByRole('button', { name: m.holdButton.replace('{amount}', '€79.50') }).click();
  await page.getByRole('button', { name: 'Paid', exact: true }).click();
  await expect(page.locator('a', { hasText: m.downloadA4 })).toBeVisible({ timeout: 20_000 });
  const id = /\/returns\/(ret_\w+)/.exec(page.url())?.[1] as string;
  // The carrier scans the parcel: the €30.00 difference is captured, the rest of the hold released.
  await merchant(request, 'POST', `/returns/${id}/events`, { at: new Date().toISOString(), status: 'in_transit' });
  await expect
    .poll(async () => (await merchant(request, 'GET', `/returns/${id}`)).instantExchange?.state, { timeout: 20_000 })
    .toBe('released');
  await page.reload();
  const partly = (text: string) => text.replace('{captured}', '€30.00').replace('{released}', '€49.50');
  await expect(page.getByTestId('instant-exchange')).toHaveText(partly(m.instantHoldPartlyCaptured));
  await expect(page.locator('main')).toContainText(partly(m.timelineHoldPartlyCaptured));
  await expect(page.locator('main')).not.toContainText(m.instantHoldReleased.split('{amount}')[0] as string);
  await checkStep(page, info, 'instant-partly-captured');
  // Staff see the same in the back office: the hold's facts and its timeline entry.
  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  const staffText = '€30.00 captured for what the return owes, the rest (€49.50) released';
  await expect(page.getByTestId('instant-exchange-hold')).toHaveText(staffText);
  await expect(page.locator('.timeline li.tl-hold_released')).toContainText(`Instant exchange hold released — ${staffText}`);
});

test('an exchange for a dearer product: the difference is paid at Mollie, then the label comes', async ({ page, request }, info) => {
  await connectMollie(request);
  const coat = `Wool coat ${Math.random().toString(36).slice(2, 8)}`;
  await putProducts(request, [
    LINEN,
    {
      id: `e2e-${coat}`,
      title: coat,
      variants: [
        {
          id: 'coat-m',
          sku: null,
          options: [{ name: 'Size', value: 'M' }],
          price: eur('79.50'),
          stock: [{ locationId: 'wh', available: 1 }],
        },
      ],
    },
  ]);
  const slug = await exchangePortal(request, { otherProducts: true });
  await toExchange(page, request, slug);
  await page.getByLabel(m.exchangeSearch).fill(coat);
  await page.getByRole('button', { name: m.exchangeSearchButton }).click();
  const option = page.locator('fieldset.exchange .exchange-product', { hasText: coat }).locator('label.option');
  await expect(option).toContainText(m.exchangeYouPay.replace('{amount}', '€30.00'));
  await option.locator('input').check();
  await expect(page.locator('.exchange-quote')).toHaveText(m.exchangeQuotePay.replace('{amount}', '€30.00'));
  await checkStep(page, info, 'exchange-product', { heading: m.resolutionTitle });
  await finish(page);
  await submitStep(page);

  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  await expect(page.locator('#pay-heading')).toHaveText(m.payTitle);
  await expect(page.locator('main')).toContainText(m.payText.replace('{amount}', '€30.00'));
  await page.getByRole('button', { name: m.payButton.replace('{amount}', '€30.00') }).click();
  await expect(page.locator('h1')).toHaveText('Test payment');
  await expect(page.locator('main')).toContainText('EUR 30.00');
  await page.getByRole('button', { name: 'Paid', exact: true }).click();
  await expect(page).toHaveURL(/\/r\/swap-[a-z0-9]+\/returns\/ret_\w+\?access=s1\.[\w-]+&payment=pay_\w+$/);
  await expect(page.locator('a', { hasText: m.downloadA4 })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#pay-heading')).toHaveCount(0);
  await checkStep(page, info, 'exchange-paid');
});

test.describe('the money side of exchanges (issue #14)', () => {
  test('a same-size exchange earns bonus credit; on resolve it reaches the status page as store credit', async ({
    page,
    request,
  }, info) => {
    await putProducts(request, [LINEN]);
    const slug = await exchangePortal(request, { bonusCredit: { kind: 'percent', percent: 10 } });
    await toExchange(page, request, slug);
    const size = (title: string) => page.locator('fieldset.exchange label.option', { hasText: new RegExp(`^${title}`) });
    await size('L').locator('input').check();
    // 10% of €49.50, rounded down to the cent.
    await expect(page.locator('.exchange-quote')).toContainText(m.exchangeQuoteBonus.replace('{amount}', '€4.95'));
    await finish(page);
    await submitStep(page);
    await expect(page.locator('h1')).toHaveText(m.doneTitle);
    await page.locator('a', { hasText: m.statusLink }).click();
    await expect(page).toHaveURL(/\/returns\/ret_[a-z0-9]+\?access=/);
    const id = /\/returns\/(ret_[a-z0-9]+)/.exec(page.url())?.[1] as string;
    const ret = await merchant(request, 'GET', `/returns/${id}`);
    expect(ret.bonusCredit).toEqual(eur('4.95'));
    await merchant(request, 'POST', `/returns/${id}/receive`, {
      items: ret.items.map((i: { orderItemId: string; quantity: number }) => ({
        orderItemId: i.orderItemId,
        quantity: i.quantity,
        condition: 'as_new',
        restocked: true,
      })),
    });
    await merchant(request, 'POST', `/returns/${id}/resolve`, {});
    const resolved = await merchant(request, 'GET', `/returns/${id}`);
    expect(resolved.status).toBe('completed');
    expect(resolved.storeCredits).toHaveLength(1);
    const code = resolved.storeCredits[0].code as string;
    await page.reload();
    await expect(page.locator('#credit-heading')).toHaveText(m.creditTitle);
    await expect(page.locator('main')).toContainText(m.creditAmount.replace('{amount}', '€4.95'));
    await expect(page.locator('.credit-code')).toHaveText(code);
    await checkStep(page, info, 'exchange-bonus-credit');
  });

  test('store credit shows the bonus the shopper gets for choosing it', async ({ page, request }, info) => {
    await putProducts(request, [LINEN]);
    const slug = await exchangePortal(request, { bonusCredit: { kind: 'percent', percent: 10 } }, ['refund', 'store_credit', 'exchange']);
    await toExchange(page, request, slug);
    await expect(page.locator('.store-credit-bonus')).toHaveText(m.storeCreditBonus.replace('{amount}', '€4.95'));
    await page.locator('input[name="resolution"][value="store_credit"]').check();
    await checkStep(page, info, 'store-credit-bonus', { heading: m.resolutionTitle });
  });
});
