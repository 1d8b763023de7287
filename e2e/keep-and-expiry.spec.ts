// Keep-the-item for some items and the drop-off countdown (issue #15 items 1 and 5): a return rule
// lets the shopper keep one of two items; the shopper states the other's condition, gets a label,
// and the status page says which item to send back and counts down to the last drop-off day of a
// portal that lets unused labels expire. The rule names SKUs made for this run only and the portal
// is this spec's own, so the other journeys on the demo shop are untouched.
import { expect, test } from '@playwright/test';
import { uniqueOrder } from './backoffice-support.ts';
import { baseUrl, checkStep, continueTo, findOrder, MESSAGES, merchant } from './support.ts';

const en = MESSAGES.en;
const run = Date.now().toString(36).toUpperCase();
const KEEP_SKU = `KP-SOCK-${run}`;
const SEND_SKU = `KP-BOOT-${run}`;
const EXPIRY_DAYS = 30;

test.describe.configure({ mode: 'serial' });

let slug = '';
test.beforeAll(async ({ request }) => {
  const current = await merchant(request, 'GET', '/return-rules');
  const rules = [
    ...current.rules,
    {
      name: `Keep socks ${run}`,
      active: true,
      scope: 'item',
      criteria: { match: 'all', conditions: [{ property: 'sku', operator: 'eq', value: KEEP_SKU }] },
      actions: [{ identifier: 'keep_item', value: null }],
    },
  ];
  const res = await request.fetch(`${baseUrl()}/api/v1/return-rules`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${process.env.RETOUR_E2E_API_KEY ?? ''}` },
    data: { rules, baseVersion: current.version },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const brands = await merchant(request, 'GET', '/brands');
  const addresses = await merchant(request, 'GET', '/addresses');
  const returnAddress = addresses.data.find((a: { kind: string }) => a.kind === 'return');
  slug = `keep-${run.toLowerCase()}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: brands.data[0].id,
    enabled: true,
    returnAddressId: returnAddress.id,
    resolutions: ['refund'],
    timezone: 'Europe/Amsterdam',
    expiryDays: EXPIRY_DAYS,
  });
});

/** The shop's local date `days` after today, as the page writes it ("January 3, 2027"). */
function lastDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d + days, 12)));
}

test('a rule keeps one of two items: the shopper sends back the other and sees the countdown', async ({ page, request }, info) => {
  const { orderNumber, postalCode } = uniqueOrder('KP');
  const brands = await merchant(request, 'GET', '/brands');
  const now = Date.now();
  const item = (n: number, sku: string, name: string, price: string) => ({
    externalId: `${orderNumber}-${n}`,
    sku,
    name,
    quantity: 1,
    unitPrice: { value: price, currency: 'EUR' },
  });
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
        items: [item(1, KEEP_SKU, 'Wool socks, grey', '9.00'), item(2, SEND_SKU, 'Hiking boots, brown', '139.00')],
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

  await page.goto(`${baseUrl()}/r/${slug}`);
  await findOrder(page, orderNumber, postalCode);
  await expect(page.locator('h1')).toHaveText(en.itemsTitle);
  for (const name of ['Wool socks, grey', 'Hiking boots, brown']) {
    const row = page.locator('li.item', { hasText: name });
    await row.locator('input[type="checkbox"]').check();
    await row.locator('select[id^="reason-"]').selectOption('too_small');
  }
  const boots = page.locator('li.item', { hasText: 'Hiking boots, brown' });
  await boots.getByLabel(en.itemCondition).selectOption('used');
  await checkStep(page, info, 'keep-items', { heading: en.itemsTitle });
  await continueTo(page, en.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await continueTo(page, en.contactTitle); // one resolution (refund): no step for it
  await page.locator('#contact-email').fill('eva@example.com');
  await continueTo(page, en.reviewTitle);
  await continueTo(page, en.doneTitle);

  await page.locator('a', { hasText: en.statusLink }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${slug}/returns/ret_[a-z0-9]+\\?access=`));
  await expect(page.locator('.badge')).toHaveText(en.statusOpen);
  const items = page.locator('.summary-list li');
  await expect(items.filter({ hasText: 'Wool socks, grey' })).toContainText(en.itemKept);
  await expect(items.filter({ hasText: 'Hiking boots, brown' })).toContainText(en.itemSendBack);
  await expect(page.locator('.timeline')).toContainText(en.timelineKept);
  await expect(page.locator('.timeline')).not.toContainText('Keep socks');
  await expect(page.getByTestId('drop-off-countdown')).toHaveText(`Drop off by ${lastDay(EXPIRY_DAYS)} (${EXPIRY_DAYS} days left)`);
  await checkStep(page, info, 'keep-status-countdown', { heading: en.statusTitle.replace('{reference}', '') });

  // Staff see the kept item and the stated condition.
  const found = await merchant(request, 'GET', `/returns?q=${encodeURIComponent(orderNumber)}`);
  const ret = await merchant(request, 'GET', `/returns/${found.data[0].id}`);
  expect(ret.items.map((i: { sku: string; kept: boolean; condition: string | null }) => [i.sku, i.kept, i.condition])).toEqual([
    [KEEP_SKU, true, null],
    [SEND_SKU, false, 'used'],
  ]);
});
