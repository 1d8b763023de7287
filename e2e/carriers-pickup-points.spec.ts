// Carrier journeys with UPS (pickup) and DHL Parcel (drop-off at a chosen ParcelShop), both
// connected through the merchant API, against the local carrier fakes (carrier-fakes.ts): a DE
// order is offered exactly UPS's pickup (the one service chosen for DE) and the status page shows
// the date and window UPS booked; an NL order lists DHL Parcel's own points with opening hours and
// distance, the shopper picks one and the return is booked there; the back office shows the carrier,
// the tracking number and the carrier's label.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { E2E_DHL_PARCEL, E2E_UPS } from './carrier-fakes.ts';
import {
  BERLIN,
  barcodesOfImage,
  barcodesOfPdf,
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
  UTRECHT,
} from './carrier-support.ts';
import { checkStep, MESSAGES, merchant } from './support.ts';

const en = MESSAGES.en;
const run = runId();
const UPS = `ups_${run}`;
const DHL = `dhlp_${run}`;
const SLUG = `pickup-${run}`;

test.describe.configure({ mode: 'serial' });

let portalUrl = '';

test.beforeAll(async ({ request }) => {
  const ups = await connectAccount(request, 'ups', UPS, E2E_UPS);
  await chooseServices(request, ups, [{ country: 'DE', method: 'pickup', service: '11' }]);
  const dhl = await connectAccount(request, 'dhl_parcel', DHL, E2E_DHL_PARCEL);
  await chooseServices(request, dhl, [{ country: 'NL', method: 'drop_off', service: 'MEDIUM' }]);
  portalUrl = await carrierPortal(request, SLUG, ['drop_off', 'drop_off_labelless', 'pickup'], { NL: [DHL, UPS], DE: [UPS, DHL] });
});

test('pickup with UPS from Germany: only UPS’s pickup is offered; the status page shows the booked date and window', async ({
  page,
  request,
}, info) => {
  const order = `UPS-PICKUP-${run}`.toUpperCase();
  await importOrderTo(request, order, BERLIN);
  await toMethodStep(page, portalUrl, order, BERLIN.postalCode);
  expect(await offeredChoices(page)).toEqual([`pickup:${UPS}`]);
  await page.locator(`input[value="pickup:${UPS}"]`).check();
  const date = page.locator('#pickup-date');
  const day = (await date.locator('option').nth(2).getAttribute('value')) ?? '';
  await date.selectOption(day);
  await checkStep(page, info, 'method-ups-pickup', { heading: en.methodTitle });
  await confirmReturn(page, { email: 'eva@example.com', phone: '+49 30 1234567' });
  const { reference, trackingNumber, id } = await openStatusPage(page);
  expect(trackingNumber).toMatch(/^1Z/);
  // UPS makes its label as a GIF image: offered as an image (not as an A6 PDF) and served as UPS made it.
  const gif = await download(page.request, await page.locator('a', { hasText: 'Download label – image (GIF)' }).getAttribute('href'));
  expect(gif.type).toBe('image/gif');
  expect(barcodesOfImage(gif.body, 'gif').map((c) => c.value)).toContain(trackingNumber);
  await expect(page.locator('a', { hasText: en.downloadA6 })).toHaveCount(0);
  // The date and window UPS booked (the merchant API says what UPS answered), in the shopper's words.
  const { label } = await merchant(request, 'GET', `/returns/${id}`);
  expect(label.pickup).toMatchObject({
    date: day,
    from: expect.stringMatching(/^\d{2}:\d{2}$/),
    to: expect.stringMatching(/^\d{2}:\d{2}$/),
  });
  const onDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  await expect(page.locator('.how-list')).toContainText(
    `The courier collects the parcel at your address on ${onDay} between ${label.pickup.from} and ${label.pickup.to}.`,
  );
  await checkStep(page, info, 'status-ups-pickup', { heading: reference });

  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('dl').getByText(UPS, { exact: true })).toBeVisible();
  await expect(page.locator('dl').getByText(trackingNumber)).toBeVisible();
  const labelLink = page.locator('.downloads a').first();
  const upsLabel = await download(page.request, await labelLink.getAttribute('href'));
  expect(upsLabel.body.equals(gif.body)).toBe(true);
  await checkPage(page, '82-return-ups-pickup', `Return ${reference}`);
});

test('service point with DHL Parcel: the shopper picks one of DHL’s ParcelShops and the return is booked there', async ({
  page,
  request,
}, info) => {
  const order = `DHL-POINT-${run}`.toUpperCase();
  await importOrderTo(request, order, UTRECHT);
  await toMethodStep(page, portalUrl, order, UTRECHT.postalCode);
  // NL: DHL Parcel's drop-off only (UPS is listed for NL, but its account has no NL service).
  expect(await offeredChoices(page)).toEqual([`drop_off:${DHL}`]);
  await page.locator(`input[value="drop_off:${DHL}"]`).check();
  await page.locator('#finder-postal').fill('3542AB');
  await page.getByRole('button', { name: en.finderSearch }).click();
  const points = page.locator('label.point');
  await expect(points.first()).toBeVisible();
  await expect(points.filter({ hasText: 'DHL Parcel Utrecht' })).toContainText('Rutherfordweg 1');
  await expect(points.filter({ hasText: 'on holiday' })).toHaveCount(0);
  for (const point of await points.all()) {
    await expect(point).toContainText(/\d+(\.\d+)? ?k?m/);
    await expect(point).toContainText(/Open today|Closed today/);
  }
  const chosen = points.filter({ hasText: 'DHL Parcel Utrecht' });
  // Today's hours as DHL lists them (two ranges on weekdays, a morning on Saturday, closed on Sunday).
  const weekday = await page.evaluate(() => new Date().getDay());
  const today = weekday === 0 ? 'Closed today' : weekday === 6 ? 'Open today 09:00–13:00' : 'Open today 08:00–12:30, 13:30–19:00';
  await expect(chosen).toContainText(today);
  await expect(chosen).toContainText(/ · \d\.\d km/);
  await chosen.locator('input').check();
  await checkStep(page, info, 'method-dhl-points', { heading: en.methodTitle });
  const pointId = await chosen.locator('input').getAttribute('value');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/portal\/[^/]+\/returns$/.test(new URL(r.url()).pathname));
  await confirmReturn(page, { email: 'eva@example.com' });
  expect((await sent).postDataJSON()).toMatchObject({ method: 'drop_off', carrier: DHL, servicePointId: pointId });
  const { reference, trackingNumber, id } = await openStatusPage(page);
  const label = await download(page.request, await page.locator('.documents a').first().getAttribute('href'));
  expect(barcodesOfPdf(label.body).map((c) => c.value)).toContain(trackingNumber);
  await checkStep(page, info, 'status-dhl-point', { heading: reference });

  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('dl').getByText(DHL, { exact: true })).toBeVisible();
  await expect(page.locator('dl').getByText(trackingNumber)).toBeVisible();
  await expect(page.locator('.downloads a').first()).toHaveText(/Label/);
  await checkPage(page, '83-return-dhl-point', `Return ${reference}`);
});
