// Exchange settings made in the back office (issue #14 item 2): staff switch exchanges on for one
// reason with a price band, a percentage bonus and a replacement timing on Settings → Portal (axe on
// the page, a wrong band explained at its fields), the settings survive a reload, and the portal then
// offers the exchange for that reason with the bonus, and the returns overview finds the return by
// its resolution (issue #14 item 6). The portal is this spec's own (made through
// the API, like the other settings journeys), so the journeys on the demo portals stay as seeded.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { apiKey, baseUrl, chooseItem, findOrder, importOrder, MESSAGES, merchant, submitStep } from './support.ts';
import { LINEN } from './exchange-catalogue.ts';

const m = MESSAGES.en;

test('exchanges set on the portal settings page are offered in the portal for the chosen reason', async ({ page, request }) => {
  const put = await request.fetch(`${baseUrl()}/api/v1/products`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: { products: [LINEN] },
  });
  expect(put.status(), await put.text()).toBe(200);
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `bo-swap-${Date.now().toString(36)}`;
  const portal = await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    returnAddressId: demo.returnAddressId,
    enabled: true,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions: ['refund', 'exchange'],
  });
  expect(portal.exchanges.offered).toBe(false);

  await signIn(page);
  await page.goto(admin(`/settings/portals/${portal.id}`));
  await expect(page.getByRole('group', { name: 'Exchanges', exact: true })).toBeVisible();
  await page.getByLabel('Offer exchanges for another size or colour in the portal').check();
  await page.getByRole('group', { name: 'Reasons that allow an exchange' }).getByLabel('Too small').check();
  // A band that leaves out the same price is explained under the band, and nothing is saved.
  const lower = page.getByLabel('From (% of the returned price, at most 100)');
  const upper = page.getByLabel('To (% of the returned price, at least 100)');
  await lower.fill('120');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#p-exch-band-error')).toBeVisible();
  await checkPage(page, '13-settings-portal-exchanges-invalid', 'Portal settings');
  expect((await merchant(request, 'GET', `/portals/${portal.id}`)).exchanges.offered).toBe(false);

  await lower.fill('90');
  await upper.fill('110');
  await page.getByLabel('A percentage of the returned value').check();
  await page.getByLabel('Bonus (% of the returned value)').fill('10');
  await page.getByLabel('When the parcel is handed in').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.locator('#p-exch-band-error')).toHaveCount(0);

  // A reload shows what was saved; the API holds exactly that.
  await page.reload();
  await expect(page.getByLabel('Offer exchanges for another size or colour in the portal')).toBeChecked();
  const reasons = page.getByRole('group', { name: 'Reasons that allow an exchange' });
  await expect(reasons.getByLabel('Too small')).toBeChecked();
  await expect(reasons.getByLabel('Too large')).not.toBeChecked();
  await expect(lower).toHaveValue('90');
  await expect(upper).toHaveValue('110');
  await expect(page.getByLabel('Bonus (% of the returned value)')).toHaveValue('10');
  await expect(page.getByLabel('When the parcel is handed in')).toBeChecked();
  await checkPage(page, '14-settings-portal-exchanges', 'Portal settings');
  expect((await merchant(request, 'GET', `/portals/${portal.id}`)).exchanges).toEqual({
    offered: true,
    reasons: ['too_small'],
    priceBand: { lowerPercent: 90, upperPercent: 110 },
    otherProducts: false,
    bonusCredit: { kind: 'percent', percent: 10 },
    replacementTiming: 'on_drop_off',
  });

  // Instant exchange: the hold's days are checked at their field (at most 21), then saved; switched
  // off again before the shopper's visit (this portal's merchant has no Mollie account for the hold).
  await page.getByLabel('Instant exchange: ship the new item before the return arrives').check();
  const holdDays = page.getByLabel('Days the shopper has to hand in the parcel');
  await expect(holdDays).toHaveValue('14');
  await holdDays.fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#p-exch-instant-days-error')).toBeVisible();
  await holdDays.fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.locator('#p-exch-instant-days-error')).toHaveCount(0);
  await checkPage(page, '14b-settings-portal-exchanges-instant', 'Portal settings');
  expect((await merchant(request, 'GET', `/portals/${portal.id}`)).exchanges).toMatchObject({ instant: true, instantHoldDays: 10 });
  await page.getByLabel('Instant exchange: ship the new item before the return arrives').uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await merchant(request, 'GET', `/portals/${portal.id}`)).exchanges.instant).toBe(false);

  // The portal offers the exchange for "too small", with the bonus.
  const orderNumber = `BOSWAP-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
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
  const size = page.locator('fieldset.exchange label.option', { hasText: /^L/ });
  await size.locator('input').check();
  await expect(page.locator('.exchange-quote')).toContainText(m.exchangeQuoteBonus.replace('{amount}', '€4.95'));

  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill('shopper@example.com');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  const reference = /Return reference: (\S+)/.exec(await page.locator('main').innerText())?.[1] as string;
  expect(reference).toBeTruthy();

  // The returns overview: the resolution filter finds it among exchanges, not among refunds.
  await page.goto(admin(`/returns?tab=all&portal=${slug}`));
  await page.getByLabel('Resolution').selectOption('exchange');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/resolution=exchange/);
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.getByLabel('Resolution').selectOption('refund');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No returns match.')).toBeVisible();
  await expect(page.getByRole('link', { name: reference })).toHaveCount(0);
});
