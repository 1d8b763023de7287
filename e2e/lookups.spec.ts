// Other ways to find an order (issue #15 item 4): a signed deep link from the shop's email opens
// the order at once (and a tampered one says so), and a portal that takes order number + email
// with gift returns shows the recipient no prices and only credit or exchange.
import { expect, test } from '@playwright/test';
import { baseUrl, checkStep, chooseItem, continueTo, importOrder, MESSAGES, merchant } from './support.ts';

const en = MESSAGES.en;

test('a signed deep link opens the order; a tampered one sends the shopper to the form', async ({ page, request }, info) => {
  await importOrder(request, 'DL-2001', '1011 AB');
  const portals = await merchant(request, 'GET', '/portals');
  const demo = portals.data.find((p: { slug: string }) => p.slug === 'demo');
  await merchant(request, 'POST', `/portals/${demo.id}/link-secret`);
  const link = await merchant(request, 'POST', `/portals/${demo.id}/deep-links`, { orderNumber: 'DL-2001', email: 'eva@example.com' });
  expect(link.qrPng).toMatch(/^data:image\/png;base64,/);
  const query = new URL(link.url).search;

  await page.goto(`${baseUrl()}/r/demo${query}`);
  await expect(page.locator('h1')).toHaveText(en.itemsTitle);
  await expect(page.locator('li.item')).toContainText('Linen shirt, red');
  // The signed parameters leave the address bar once used.
  expect(new URL(page.url()).search).toBe('');
  await checkStep(page, info, 'deep-link-items', { heading: en.itemsTitle });

  const tampered = query.replace('DL-2001', 'DL-2002');
  await page.evaluate('sessionStorage.clear()');
  await page.goto(`${baseUrl()}/r/demo${tampered}`);
  await expect(page.locator('.error-summary')).toContainText(en.errorLinkInvalid);
  await expect(page.locator('h1')).toHaveText(en.startTitle);
  await checkStep(page, info, 'deep-link-invalid', { heading: en.startTitle });
});

test('a gift recipient finds the order by order number and email, sees no prices, gets credit or exchange', async ({
  page,
  request,
}, info) => {
  await importOrder(request, 'GF-3001', '1011 AB');
  const brands = await merchant(request, 'GET', '/brands');
  const addresses = await merchant(request, 'GET', '/addresses');
  const returnAddress = addresses.data.find((a: { kind: string }) => a.kind === 'return');
  const slug = `gift-${Date.now().toString(36)}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: brands.data[0].id,
    enabled: true,
    returnAddressId: returnAddress.id,
    resolutions: ['refund', 'store_credit', 'exchange'],
    lookupFields: ['order_number', 'email', 'postal_code'],
    giftReturns: true,
  });

  await page.goto(`${baseUrl()}/r/${slug}`);
  await page.getByLabel('Order number and Email address').check();
  await page.locator('#lookup-order_number').fill('GF-3001');
  await page.locator('#lookup-email').fill('EVA@example.com');
  await page.getByLabel(en.giftCheckbox).check();
  await checkStep(page, info, 'gift-lookup', { heading: en.startTitle });
  await page.locator('form button[type="submit"]').first().click();
  await expect(page.locator('h1')).toHaveText(en.itemsTitle);
  await expect(page.locator('main')).not.toContainText('49.50');
  await chooseItem(page, 'Linen shirt, red', 'too_small');
  await continueTo(page, en.methodTitle);
  await page.locator('input[name="method"]').first().check();
  await continueTo(page, en.resolutionTitle);
  await expect(page.locator('input[name="resolution"]')).toHaveCount(2);
  await expect(page.locator('input[name="resolution"][value="refund"]')).toHaveCount(0);
  await checkStep(page, info, 'gift-resolutions', { heading: en.resolutionTitle });
});
