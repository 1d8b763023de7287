// Return rules (issue #15): a blocked item shows the shop's message in the portal; a needs-review
// return goes into the approval path and staff approve it in the back office, where they see which
// rules fired; Settings → Return rules lists the rules and simulates a draft.
// The rules name SKUs made for this run only, so the other journeys on the demo shop are untouched.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn, uniqueOrder } from './backoffice-support.ts';
import { baseUrl, checkStep, findOrder, MESSAGES, merchant, submitStep } from './support.ts';

const run = Date.now().toString(36).toUpperCase();
const BLOCKED_SKU = `RR-SWIM-${run}`;
const REVIEW_SKU = `RR-COAT-${run}`;
const BLOCK_MESSAGE = 'Swimwear cannot be returned for hygiene reasons.';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  const current = await merchant(request, 'GET', '/return-rules');
  const rules = [
    ...current.rules,
    {
      name: `Hygiene ${run}`,
      active: true,
      scope: 'item',
      criteria: { match: 'all', conditions: [{ property: 'sku', operator: 'eq', value: BLOCKED_SKU }] },
      actions: [{ identifier: 'block', value: BLOCK_MESSAGE }],
    },
    {
      name: `Coats checked ${run}`,
      active: true,
      scope: 'item',
      criteria: { match: 'all', conditions: [{ property: 'sku', operator: 'eq', value: REVIEW_SKU }] },
      actions: [
        { identifier: 'needs_review', value: null },
        { identifier: 'add_tag', value: 'coat-check' },
      ],
    },
  ];
  const res = await request.fetch(`${baseUrl()}/api/v1/return-rules`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${process.env.RETOUR_E2E_API_KEY ?? ''}` },
    data: { rules, baseVersion: current.version },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
});

async function importRuleOrder(request: import('@playwright/test').APIRequestContext) {
  const { orderNumber, postalCode } = uniqueOrder('RR');
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
        items: [item(1, BLOCKED_SKU, 'Swimsuit, navy', '39.00'), item(2, REVIEW_SKU, 'Wool coat, grey', '189.00')],
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

test('a blocked item shows the shop’s message; a needs-review return is approved by staff', async ({ browser, request }, info) => {
  const m = MESSAGES.en;
  const { orderNumber, postalCode } = await importRuleOrder(request);
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, orderNumber, postalCode);
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  const swim = page.locator('li.item', { hasText: 'Swimsuit, navy' });
  await expect(swim.locator('.ineligible-reason')).toHaveText(BLOCK_MESSAGE);
  await expect(swim.locator('input[type="checkbox"]')).toHaveCount(0);
  await checkStep(page, info, 'items-blocked', { heading: m.itemsTitle });

  const coat = page.locator('li.item', { hasText: 'Wool coat, grey' });
  await coat.locator('input[type="checkbox"]').check();
  await coat.locator('select[id^="reason-"]').selectOption('too_small');
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
  await page.locator('main form .actions button[type="submit"]').click();
  await expect(page.locator('h1')).toHaveText(m.doneTitleRequested);
  await context.close();

  // Staff: the request waits for approval, shows the rule that sent it there, and is approved.
  const found = await merchant(request, 'GET', `/returns?q=${encodeURIComponent(orderNumber)}`);
  const ret = found.data[0];
  expect(ret.status).toBe('requested');
  const staffContext = await browser.newContext({ locale: 'en-US' });
  const staff = await staffContext.newPage();
  await signIn(staff);
  await staff.goto(admin(`/returns/${ret.id}`));
  await expect(staff.locator('h1')).toHaveText(`Return ${ret.reference}`);
  const rules = staff.getByTestId('return-rules');
  await expect(rules).toContainText(`Coats checked ${run}`);
  await expect(rules).toContainText('coat-check');
  await checkPage(staff, 'rules-01-return-needs-review');
  await staff.getByRole('region', { name: 'Approve' }).getByRole('button', { name: 'Approve' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Return approved.' })).toBeVisible();
  await expect(staff.locator('.title-row .badge')).not.toHaveText('Requested');
  await staffContext.close();
});

test('Settings → Return rules lists the rules and simulates the draft', async ({ page }) => {
  await signIn(page);
  await page.goto(admin('/settings/return-rules'));
  await expect(page.locator('h1')).toContainText('Return rules');
  await expect(page.locator('ol.cards')).toContainText(`Hygiene ${run}`);
  await page.getByRole('button', { name: 'Simulate on past returns' }).click();
  await expect(page.getByRole('heading', { name: 'What would have changed' })).toBeVisible();
  await expect(page.getByTestId('sim-blocked')).toHaveText(/\d+/);
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('group', { name: /Rule \d+/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await expect(page.getByRole('button', { name: 'Publish' })).toBeEnabled();
  await checkPage(page, 'rules-02-settings', /Return rules/);
});
