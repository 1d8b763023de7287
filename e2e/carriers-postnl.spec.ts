// Carrier journeys with PostNL (connected in the back office) and DHL Parcel (through the API),
// against the local carrier fakes (carrier-fakes.ts): the portal offers exactly the connected
// accounts' services for an NL order; a print-at-home PostNL label whose Code 128 barcode (read by
// zbarimg) is the tracking number the status page shows; a label-less PostNL Smart Return whose QR
// code is PostNL's code; PostNL refusing the shopper's address (the clear message, nothing booked);
// and the merchant seeing the carrier, the tracking number and PostNL's own label in the back office.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { E2E_DHL_PARCEL, E2E_POSTNL } from './carrier-fakes.ts';
import {
  AMSTERDAM,
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
  servicesOf,
  toMethodStep,
} from './carrier-support.ts';
import { checkStep, findOrder, MESSAGES, merchant, submitStep } from './support.ts';

const en = MESSAGES.en;
const run = runId();
const POSTNL = `postnl_${run}`;
const DHL = `dhl_${run}`;
const SLUG = `postnl-${run}`;

test.describe.configure({ mode: 'serial' });

let portalUrl = '';

test('the merchant connects PostNL in the back office and DHL Parcel through the API; the portal offers exactly their NL services', async ({
  page,
  request,
}, info) => {
  await signIn(page);
  await page.goto(admin('/settings/carriers'));
  const connect = page.getByRole('form', { name: 'Connect a carrier account' });
  await connect.getByLabel('Carrier', { exact: true }).selectOption('postnl');
  await connect.getByLabel('Carrier code').fill(POSTNL);
  await connect.getByLabel('API key').fill(E2E_POSTNL.apiKey);
  await connect.getByLabel('Customer code').fill(E2E_POSTNL.customerCode);
  await connect.getByLabel('Customer number').fill(E2E_POSTNL.customerNumber);
  await connect.getByRole('button', { name: 'Connect PostNL' }).click();
  await expect(page.getByText(`PostNL (${POSTNL}) is connected.`)).toBeVisible();
  const services = page.getByRole('form', { name: `Services of PostNL (${POSTNL})` });
  const nl = services.getByRole('group', { name: 'Returns from Netherlands (NL)' });
  await nl.getByLabel('Drop-off with label').selectOption('3250');
  await nl.getByLabel('Drop-off without label (QR)').selectOption('3285');
  await services.getByRole('button', { name: 'Save services' }).click();
  await expect(page.getByText(`Services of PostNL (${POSTNL}) saved.`)).toBeVisible();
  await checkPage(page, '80-carriers-journey-postnl', 'Settings: Carriers');
  expect(await servicesOf(request, POSTNL)).toEqual([
    { country: 'NL', method: 'drop_off', service: '3250' },
    { country: 'NL', method: 'drop_off_labelless', service: '3285' },
  ]);

  const dhl = await connectAccount(request, 'dhl_parcel', DHL, E2E_DHL_PARCEL);
  await chooseServices(request, dhl, [{ country: 'NL', method: 'drop_off', service: 'MEDIUM' }]);
  portalUrl = await carrierPortal(request, SLUG, ['drop_off', 'drop_off_labelless', 'pickup'], { NL: [POSTNL, DHL], DE: [DHL] });

  // An NL order: PostNL's label and Smart Returns, DHL Parcel's drop-off; no pickup (nobody chose one).
  const order = `PNL-OFFER-${run}`.toUpperCase();
  await importOrderTo(request, order, AMSTERDAM);
  await toMethodStep(page, portalUrl, order, AMSTERDAM.postalCode);
  expect((await offeredChoices(page)).sort()).toEqual([`drop_off:${DHL}`, `drop_off:${POSTNL}`, `drop_off_labelless:${POSTNL}`].sort());
  await expect(page.locator('label.option', { has: page.locator(`input[value="drop_off_labelless:${POSTNL}"]`) })).toContainText('PostNL');
  await checkStep(page, info, 'method-postnl-dhl', { heading: en.methodTitle });

  // A DE order: the portal lists DHL Parcel for DE, but its account has no service for DE: nothing to offer.
  const de = `PNL-DE-${run}`.toUpperCase();
  await importOrderTo(request, de, { street: 'Friedrichstraße', houseNumber: '43', postalCode: '10117', city: 'Berlin', country: 'DE' });
  const tab = await page.context().newPage();
  await tab.goto(portalUrl);
  await findOrder(tab, de, '10117');
  await expect(tab.getByText(en.errorNoMethodForCountry)).toBeVisible();
  await tab.close();
});

test('print at home with PostNL: the label barcode is the tracking number; the back office serves PostNL’s label', async ({
  page,
  request,
}, info) => {
  const order = `PNL-LABEL-${run}`.toUpperCase();
  await importOrderTo(request, order, AMSTERDAM);
  await toMethodStep(page, portalUrl, order, AMSTERDAM.postalCode);
  await page.locator(`input[value="drop_off:${POSTNL}"]`).check();
  await confirmReturn(page, { email: 'eva@example.com' });
  await expect(page.locator('h1')).toHaveText(en.doneTitle);
  await expect(page.locator('.documents h2')).toHaveText(en.labelTitle);
  await checkStep(page, info, 'done-postnl-label', { heading: en.doneTitle, focused: true });
  const { reference, trackingNumber, id } = await openStatusPage(page);
  expect(trackingNumber).toMatch(/^3S[A-Z]{4}\d+$/);

  const label = await download(page.request, await page.locator('a', { hasText: en.downloadA6 }).getAttribute('href'));
  expect(label.type).toBe('application/pdf');
  const codes = barcodesOfPdf(label.body);
  expect(codes).toContainEqual({ type: 'CODE-128', value: trackingNumber });
  await checkStep(page, info, 'status-postnl-label', { heading: reference });

  // The merchant opens the return: PostNL's account, its tracking number, PostNL's label byte for byte.
  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('h1')).toHaveText(`Return ${reference}`);
  const facts = page.locator('dl');
  await expect(facts.getByText(POSTNL, { exact: true })).toBeVisible();
  await expect(facts.getByText(trackingNumber)).toBeVisible();
  const link = page.getByRole('link', { name: 'Label (A6)' });
  const fromBackOffice = await download(page.request, await link.getAttribute('href'));
  expect(fromBackOffice.body.equals(label.body)).toBe(true);
  await checkPage(page, '81-return-postnl-label', `Return ${reference}`);
  void request;
});

test('label-less with PostNL Smart Returns: the QR code on the status page is PostNL’s code', async ({ page, request }, info) => {
  const order = `PNL-QR-${run}`.toUpperCase();
  await importOrderTo(request, order, AMSTERDAM);
  await toMethodStep(page, portalUrl, order, AMSTERDAM.postalCode);
  const labelless = page.locator('label.option', { has: page.locator(`input[value="drop_off_labelless:${POSTNL}"]`) });
  await expect(labelless).toContainText(en.badgeNoPrinter);
  await labelless.locator('input').check();
  await confirmReturn(page, { email: 'eva@example.com' });
  await expect(page.locator('.documents h2')).toHaveText(en.qrTitle);
  const { reference, trackingNumber, id } = await openStatusPage(page);
  const qr = page.locator('.qr img');
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  const image = await download(page.request, await qr.getAttribute('src'));
  expect(image.type).toBe('image/png');
  expect(barcodesOfImage(image.body, 'png')).toEqual([{ type: 'QR-Code', value: trackingNumber }]);
  // PostNL's own Smart Returns page (its PDF with the same code) is offered too, as PostNL made it.
  const pdf = await download(page.request, await page.locator('a', { hasText: en.downloadA6 }).getAttribute('href'));
  expect(barcodesOfPdf(pdf.body)).toContainEqual({ type: 'QR-Code', value: trackingNumber });
  await checkStep(page, info, 'status-postnl-qr', { heading: reference });

  await signIn(page);
  await page.goto(admin(`/returns/${id}`));
  await expect(page.locator('dl').getByText(trackingNumber)).toBeVisible();
  await expect(page.getByRole('link', { name: 'QR code' })).toBeVisible();
});

test('PostNL refuses the shopper’s address: a clear message, nothing is booked', async ({ page, request }, info) => {
  // PostNL takes Dutch postal codes as 1234AB only; this (old, imported) one it refuses.
  const order = `PNL-ADDR-${run}`.toUpperCase();
  const address = { ...AMSTERDAM, postalCode: '1012' };
  await importOrderTo(request, order, address);
  await toMethodStep(page, portalUrl, order, address.postalCode);
  await page.locator(`input[value="drop_off:${POSTNL}"]`).check();
  await confirmReturn(page, { email: 'eva@example.com' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('PostNL cannot deliver from or to this address');
  await expect(alert).toContainText('Check the address with the shop');
  await expect(page.locator('h1')).toHaveText(en.reviewTitle);
  await checkStep(page, info, 'review-postnl-address-refused', { heading: en.reviewTitle });

  // In Dutch the shop's sentence is translated and PostNL's own message is still shown with it.
  await page.getByLabel('Language').selectOption('nl');
  await expect(page.locator('h1')).toHaveText(MESSAGES.nl.reviewTitle);
  await submitStep(page);
  const nl = page.getByRole('alert');
  await expect(nl).toContainText('De vervoerder kan dit adres niet gebruiken');
  await expect(nl).toContainText('Zipcode is invalid');
  await checkStep(page, info, 'review-postnl-address-refused-nl', { heading: MESSAGES.nl.reviewTitle });

  // Nothing was booked or written: the order has no return.
  const returns = await merchant(request, 'GET', `/returns?q=${encodeURIComponent(order)}`);
  expect(returns.data).toEqual([]);
  const labelOrder = await merchant(request, 'GET', `/returns?q=${encodeURIComponent(`PNL-LABEL-${run}`.toUpperCase())}`);
  expect(labelOrder.data).toHaveLength(1);
});
