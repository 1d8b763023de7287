// Back office journeys for a support agent's day: sign in, approve requests, receive, refund,
// replace, resend labels and create a return by hand — each page checked with axe and captured.
import { expect, test } from '@playwright/test';
import { admin, checkPage, portalReturn, signIn, uniqueOrder } from './backoffice-support.ts';
import { importOrder, merchant } from './support.ts';

test('sign in, see the requests tab and approve a requested return', async ({ page, request }) => {
  const ret = await portalReturn(request, 'demo-approval', 'APPR');
  await page.goto(admin('/'));
  await checkPage(page, '01-sign-in', 'Sign in to the back office');
  await page.getByLabel('Email').fill('demo@retour.local');
  await page.getByLabel('Password', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('not correct');
  // Signing in works from the keyboard alone.
  await page.getByLabel('Password', { exact: true }).fill('');
  await page.getByLabel('Email').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('demo-retour');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('Returns');
  await expect(page.locator('h1')).toBeFocused();
  const requests = page.getByRole('link', { name: /Requests to approve/ });
  await expect(requests).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: ret.reference })).toBeVisible();
  await checkPage(page, '02-returns-requests', 'Returns');

  await page.getByRole('link', { name: ret.reference }).click();
  await expect(page.locator('h1')).toHaveText(`Return ${ret.reference}`);
  await expect(page.getByText('Sleeves are short')).toBeVisible();
  await checkPage(page, '03-return-requested');
  await page.getByRole('region', { name: 'Approve' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Return approved.' })).toBeVisible();
  await expect(page.locator('.title-row .badge')).not.toHaveText('Requested');
  await expect(page.getByRole('region', { name: 'Approve' })).toHaveCount(0);
  await expect(page.locator('.timeline')).toContainText('approve');
});

test('receive with conditions, refund part, add a replacement and resend the label', async ({ page, request }) => {
  const ret = await portalReturn(request, 'demo', 'RCV');
  await signIn(page);
  await page.goto(admin(`/returns/${ret.id}`));
  await expect(page.locator('h1')).toHaveText(`Return ${ret.reference}`);
  await expect(page.getByRole('link', { name: /Label \(A4\)/ })).toBeVisible();

  const resend = page.getByRole('region', { name: 'Resend label email' });
  await resend.getByRole('button', { name: 'Resend label email' }).click();
  await expect(page.getByText('The label email has been sent again.')).toBeVisible();

  const receive = page.getByRole('region', { name: 'Receive items' });
  await receive.getByLabel('Condition: Linen shirt, red').selectOption('used');
  await receive.getByLabel('Restock: Linen shirt, red').uncheck();
  await receive.getByLabel('Note').fill('Small stain on the collar');
  await receive.getByRole('button', { name: 'Receive items' }).click();
  await expect(page.locator('.title-row .badge')).toHaveText('Received');
  await checkPage(page, '04-return-received');

  const refund = page.getByRole('region', { name: 'Refund' });
  const amount = refund.getByLabel(/Amount/);
  await expect(amount).not.toHaveValue('');
  await amount.fill('10.00');
  await refund.getByLabel('Note').fill('Partial: stain');
  await refund.getByRole('button', { name: 'Issue refund' }).click();
  await expect(page.locator('dl.facts')).toContainText('Partial: stain');
  await expect(page.locator('dl.facts')).toContainText('€10.00');
  // A second partial refund, prefilled with at most what is still refundable.
  await expect(refund.getByText(/can still be refunded/)).toBeVisible();
  await refund.getByLabel(/Amount/).fill('5.00');
  await refund.getByRole('button', { name: 'Issue refund' }).click();
  // A partial amount needs a reason: the server's rule is shown under the note field.
  await expect(page.locator('#refund-note-error')).toContainText('Add a note');
  await refund.getByLabel('Note').fill('Goodwill for the delay');
  await refund.getByRole('button', { name: 'Issue refund' }).click();
  await expect(page.getByText('Refund issued.')).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('€15.00');

  const replacement = page.getByRole('region', { name: 'Replacement shipment' });
  if ((await replacement.count()) > 0) {
    await replacement.getByLabel('Carrier').fill('PostNL');
    await replacement.getByLabel('Tracking number').fill('3SREPL12345');
    await replacement.getByRole('button', { name: 'Add replacement' }).click();
    await expect(page.locator('dl.facts')).toContainText('3SREPL12345');
  }
  const note = page.getByRole('region', { name: 'Add note' });
  await note.getByLabel('Note for the team').fill('Customer called about the refund.');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('.timeline')).toContainText('Customer called about the refund.');
  await checkPage(page, '05-return-refunded');
});

test('the overview filters, searches and bulk-approves', async ({ page, request }) => {
  const a = await portalReturn(request, 'demo-approval', 'BULK');
  const b = await portalReturn(request, 'demo-approval', 'BULK');
  await signIn(page);
  await page.getByLabel('Search', { exact: true }).fill(a.orderNumber);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('link', { name: a.reference })).toBeVisible();
  await expect(page.getByRole('link', { name: b.reference })).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('link', { name: b.reference })).toBeVisible();
  await page.getByLabel(`Select return ${a.reference}`).check();
  await page.getByLabel(`Select return ${b.reference}`).check();
  await page.getByRole('button', { name: 'Approve selected' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'updated' })).toContainText('2 updated');
  await page.getByRole('link', { name: /^Open/ }).click();
  await expect(page.getByRole('link', { name: a.reference })).toBeVisible();
  await page.getByLabel('Method').selectOption('drop_off');
  await page.getByLabel('Sort').selectOption('createdAt');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=createdAt/);
  await checkPage(page, '06-returns-open-filtered', 'Returns');
  const csv = await page.request.get(`${admin('').replace('/admin', '')}/api/v1/returns/export.csv?status=open`);
  expect(csv.ok()).toBeTruthy();
  expect(await csv.text()).toContain(a.reference);
});

test('create a manual return for an order', async ({ page, request }) => {
  const { orderNumber, postalCode } = uniqueOrder('MAN');
  await importOrder(request, orderNumber, postalCode);
  await signIn(page);
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.getByLabel('Order number').fill(orderNumber);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: orderNumber }).click();
  await expect(page.locator('h1')).toHaveText(`Order ${orderNumber}`);
  await checkPage(page, '07-order');
  await page.locator('main').getByRole('link', { name: 'New return' }).click();
  await expect(page.locator('h1')).toHaveText('New return');
  await expect(page.getByRole('heading', { level: 2 })).toContainText(orderNumber);
  await page.getByLabel(/Linen shirt, red/).check();
  await page.getByLabel('Reason').selectOption('damaged');
  await page.getByLabel('Comment').fill('Seam ripped, reported by phone');
  await page.getByLabel('Override the return window').check();
  await page.getByLabel('Reason for the override').fill('Goodwill: loyal customer');
  await checkPage(page, '08-manual-return', 'New return');
  await page.getByRole('button', { name: 'Create return and issue label' }).click();
  await expect(page.locator('h1')).toHaveText(/^Return /);
  await expect(page.getByText('Seam ripped, reported by phone')).toBeVisible();
  await expect(page.locator('.timeline')).toBeVisible();
});

test("a raced action shows the server's 409 clearly and the page catches up", async ({ page, request }) => {
  const ret = await portalReturn(request, 'demo-approval', 'RACE');
  await signIn(page);
  await page.goto(admin(`/returns/${ret.id}`));
  await expect(page.getByRole('region', { name: 'Reject' })).toBeVisible();
  // Someone else approves it meanwhile (another tab or an integration).
  await merchant(request, 'POST', `/returns/${ret.id}/approve`, {});
  const reject = page.getByRole('region', { name: 'Reject' });
  await reject.getByLabel('Reason for rejection').fill('Outside policy');
  await reject.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('alert')).toContainText('no longer possible');
  await expect(page.getByRole('region', { name: 'Reject' })).toHaveCount(0);
  await checkPage(page, '09-return-conflict');
});
