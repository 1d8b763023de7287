// Photo evidence (issue #15 item 3): a return rule asks for two photos of an item and for review.
// The shopper adds photos in the portal (JPEGs made here, with EXIF), cannot continue with too
// few, submits, and the return waits for approval; staff see the photos on the return and approve.
// The rule names a SKU made for this run only, so the other journeys on the demo shop are untouched.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { admin, checkPage, signIn, uniqueOrder } from './backoffice-support.ts';
import { baseUrl, checkStep, findOrder, MESSAGES, merchant, submitStep } from './support.ts';

const run = Date.now().toString(36).toUpperCase();
const PHOTO_SKU = `PH-VASE-${run}`;
const RULE = `Vases need photos ${run}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  // Other journeys change the rules too: retry on a stale base version.
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await merchant(request, 'GET', '/return-rules');
    const rule = {
      name: RULE,
      active: true,
      scope: 'item',
      criteria: { match: 'all', conditions: [{ property: 'sku', operator: 'eq', value: PHOTO_SKU }] },
      actions: [
        { identifier: 'require_photos', value: 2 },
        { identifier: 'needs_review', value: null },
      ],
    };
    const res = await request.fetch(`${baseUrl()}/api/v1/return-rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${process.env.RETOUR_E2E_API_KEY ?? ''}` },
      data: { rules: [...current.rules, rule], baseVersion: current.version },
    });
    if (res.ok()) return;
    expect(res.status(), await res.text()).toBe(409);
  }
  throw new Error('could not save the photo rule');
});

async function importOrder(request: import('@playwright/test').APIRequestContext) {
  const { orderNumber, postalCode } = uniqueOrder('PH');
  const brands = await merchant(request, 'GET', '/brands');
  const now = Date.now();
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      {
        integration: 'e2e',
        externalId: orderNumber,
        orderNumber,
        placedAt: new Date(now - 3 * 86_400_000).toISOString(),
        currency: 'EUR',
        brandId: brands.data[0].id,
        customer: { name: 'Eva Jansen', email: 'eva@example.com' },
        shippingAddress: { name: 'Eva Jansen', street: 'Damrak', houseNumber: '1', postalCode, city: 'Amsterdam', country: 'NL' },
        items: [
          {
            externalId: `${orderNumber}-1`,
            sku: PHOTO_SKU,
            name: 'Glass vase, blue',
            quantity: 1,
            unitPrice: { value: '49.00', currency: 'EUR' },
          },
        ],
        shipments: [
          {
            carrier: 'sandbox',
            trackingNumber: `E2E${orderNumber.replace(/\W/g, '')}`,
            shippedAt: new Date(now - 2 * 86_400_000).toISOString(),
            deliveredAt: new Date(now - 86_400_000).toISOString(),
          },
        ],
      },
    ],
  });
  expect(imported.failed).toEqual([]);
  return { orderNumber, postalCode };
}

const photo = async (name: string, color: string) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
    .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1' } })
    .jpeg()
    .toBuffer(),
});

/** The natural widths of loaded images (0 for one the page could not show). */
const loadedWidths = (images: import('@playwright/test').Locator) =>
  images.evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth));

test('a rule asks for photos and review: the shopper adds them, staff see them and approve', async ({ browser, request }, info) => {
  const m = MESSAGES.en;
  const { orderNumber, postalCode } = await importOrder(request);
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, orderNumber, postalCode);
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  const vase = page.locator('li.item', { hasText: 'Glass vase, blue' });
  await vase.locator('input[type="checkbox"]').check();
  await vase.locator('select[id^="reason-"]').selectOption('damaged');
  const input = vase.locator('input[type="file"]');
  await expect(input).toHaveAttribute('accept', /image\/\*/);
  await expect(vase.locator('.photos .hint').first()).toContainText('Add at least 2 photos of the item.');

  // Too few photos: the step says so next to the control.
  await input.setInputFiles([await photo('vase-1.jpg', '#3355aa')]);
  await expect(vase.locator('.photo-list img')).toHaveCount(1);
  await submitStep(page);
  await expect(vase.locator('.field-error')).toContainText('Add at least 2 photos of this item.');
  await input.setInputFiles([await photo('vase-2.jpg', '#aa5533')]);
  await expect(vase.locator('.photo-list img')).toHaveCount(2);
  await expect.poll(() => loadedWidths(vase.locator('.photo-list img'))).toEqual([800, 800]);
  await checkStep(page, info, 'items-photos', { heading: m.itemsTitle });
  await submitStep(page);

  await expect(page.locator('h1')).toHaveText(m.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.resolutionTitle);
  await page.locator('input[name="resolution"][value="refund"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill('eva@example.com');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
  // The review shows the photos with the item; after sending, so does the status page.
  const reviewed = page.locator('.summary-list .photo-list img');
  await expect(reviewed).toHaveCount(2);
  await expect(page.getByRole('img', { name: 'Photo 2 of Glass vase, blue' })).toBeVisible();
  await page.locator('main form .actions button[type="submit"]').click();
  await expect(page.locator('h1')).toHaveText(m.doneTitleRequested);
  await page.getByRole('link', { name: m.statusLink }).click();
  const sent = page.locator('.summary-list .photo-list img');
  await expect(sent).toHaveCount(2);
  await expect.poll(() => loadedWidths(sent)).toEqual([800, 800]);
  await checkStep(page, info, 'status-photos');
  await context.close();

  // Staff: the return waits for approval with its two photos, shown from the merchant API.
  const found = await merchant(request, 'GET', `/returns?q=${encodeURIComponent(orderNumber)}`);
  const ret = found.data[0];
  expect(ret.status).toBe('requested');
  expect(ret.photos).toHaveLength(2);
  const staffContext = await browser.newContext({ locale: 'en-US' });
  const staff = await staffContext.newPage();
  await signIn(staff);
  await staff.goto(admin(`/returns/${ret.id}`));
  await expect(staff.locator('h1')).toHaveText(`Return ${ret.reference}`);
  const photos = staff.getByTestId('return-photos');
  await expect(photos.locator('img')).toHaveCount(2);
  await expect(photos.getByRole('img', { name: 'Photo 1: Glass vase, blue' })).toBeVisible();
  await expect
    .poll(() => photos.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth)))
    .toEqual([800, 800]);
  await checkPage(staff, 'photos-01-return-with-photos');
  await staff.getByRole('region', { name: 'Approve' }).getByRole('button', { name: 'Approve' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Return approved.' })).toBeVisible();
  await expect(staff.locator('.title-row .badge')).not.toHaveText('Requested');

  // The returns list filters on photos.
  await staff.goto(admin(`/returns?tab=all&hasPhotos=true&q=${encodeURIComponent(orderNumber)}`));
  await expect(staff.locator('main')).toContainText(ret.reference);
  await staffContext.close();
});
