// Carrier journeys with Sendcloud (connected through the merchant API) against the local Sendcloud
// fake (carrier-fakes.ts): the portal offers the services chosen for NL and for every other country
// ('*'); a label-less drop-off whose QR code is Sendcloud's own image of its code, after the shopper
// picked one of Sendcloud's service points (opening hours, distance); a pickup from Germany (the '*'
// choice) with the date Sendcloud booked on the status page; the back office shows both.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { E2E_SENDCLOUD } from './carrier-fakes.ts';
import {
  BERLIN,
  barcodesOfImage,
  carrierPortal,
  chooseServices,
  confirmReturn,
  connectAccount,
  download,
  importOrderTo,
  offeredChoices,
  openStatusPage,
  runId,
  toMethodStep,
} from './carrier-support.ts';
import { checkStep, MESSAGES, merchant } from './support.ts';

const en = MESSAGES.en;
const run = runId();
const SC = `sc_${run}`;
const SLUG = `sendcloud-${run}`;
const EINDHOVEN = { street: 'Stadhuisplein', houseNumber: '10', postalCode: '5611 EM', city: 'Eindhoven', country: 'NL' };

test.describe.configure({ mode: 'serial' });

let portalUrl = '';

test.beforeAll(async ({ request }) => {
  const sc = await connectAccount(request, 'sendcloud', SC, E2E_SENDCLOUD);
  await chooseServices(request, sc, [
    { country: 'NL', method: 'drop_off_labelless', service: 'postnl:standard/return' },
    { country: '*', method: 'pickup', service: 'dhl:return/pickup' },
  ]);
  portalUrl = await carrierPortal(request, SLUG, ['drop_off', 'drop_off_labelless', 'pickup'], { NL: [SC], '*': [SC] });
});

test('label-less with Sendcloud at a chosen service point: the QR code is Sendcloud’s code', async ({ page, request }, info) => {
  const order = `SC-QR-${run}`.toUpperCase();
  await importOrderTo(request, order, EINDHOVEN);
  await toMethodStep(page, portalUrl, order, EINDHOVEN.postalCode);
  // NL: the label-less service chosen for NL, and the pickup chosen for every country.
  expect((await offeredChoices(page)).sort()).toEqual([`drop_off_labelless:${SC}`, `pickup:${SC}`]);
  await page.locator(`input[value="drop_off_labelless:${SC}"]`).check();
  await page.getByRole('button', { name: en.finderSearch }).click();
  const points = page.locator('label.point');
  await expect(points).toHaveCount(2);
  await expect(points.first()).toContainText('Primera Stadhuisplein');
  await expect(points.first()).toContainText('Stadhuisplein 3, 5611 EM Eindhoven');
  for (const point of await points.all()) {
    await expect(point).toContainText(/\d+(\.\d+)? ?k?m/);
    await expect(point).toContainText(/Open today|Closed today/);
  }
  await points.first().locator('input').check();
  await checkStep(page, info, 'method-sendcloud-points', { heading: en.methodTitle });
  const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/portal\/[^/]+\/returns$/.test(new URL(r.url()).pathname));
  await confirmReturn(page, { email: 'eva@example.com' });
  expect((await sent).postDataJSON()).toMatchObject({ method: 'drop_off_labelless', carrier: SC, servicePointId: '4101' });
  const { reference, trackingNumber, id } = await openStatusPage(page);
  const qr = page.locator('.qr img');
  await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  const image = await download(page.request, await qr.getAttribute('src'));
  expect(barcodesOfImage(image.body, 'png')).toEqual([{ type: 'QR-Code', value: trackingNumber }]);
  await checkStep(page, info, 'status-sendcloud-qr', { heading: reference });

  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('dl').getByText(SC, { exact: true })).toBeVisible();
  await expect(page.locator('dl').getByText(trackingNumber)).toBeVisible();
  const fromBackOffice = await download(page.request, await page.getByRole('link', { name: 'QR code' }).getAttribute('href'));
  expect(fromBackOffice.body.equals(image.body)).toBe(true);
  await checkPage(page, '84-return-sendcloud-qr', `Return ${reference}`);
});

test('pickup with Sendcloud from Germany (the choice for every other country): the booked date on the status page', async ({
  page,
  request,
}, info) => {
  const order = `SC-PICKUP-${run}`.toUpperCase();
  await importOrderTo(request, order, BERLIN);
  await toMethodStep(page, portalUrl, order, BERLIN.postalCode);
  expect(await offeredChoices(page)).toEqual([`pickup:${SC}`]);
  await page.locator(`input[value="pickup:${SC}"]`).check();
  const date = page.locator('#pickup-date');
  const day = (await date.locator('option').nth(3).getAttribute('value')) ?? '';
  await date.selectOption(day);
  await confirmReturn(page, { email: 'eva@example.com', phone: '+49 30 1234567' });
  const { reference, trackingNumber, id } = await openStatusPage(page);
  const { label } = await merchant(request, 'GET', `/returns/${id}`);
  expect(label.pickup?.date).toBe(day);
  const onDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  await expect(page.locator('.how-list')).toContainText(`The courier collects the parcel at your address on ${onDay}`);
  await checkStep(page, info, 'status-sendcloud-pickup', { heading: reference });

  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('dl').getByText(trackingNumber)).toBeVisible();
  await expect(page.locator('.downloads a').first()).toHaveText(/Label/);
});
