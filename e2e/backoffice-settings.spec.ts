// Back office settings, insights and roles: portal settings with field-level validation and the
// change visible in the portal, every settings page checked with axe, and owner-only pages
// refused to staff.
import { expect, test } from '@playwright/test';
import { admin, apiSignIn, checkPage, signIn } from './backoffice-support.ts';
import { baseUrl, expectNoHorizontalScroll, merchant } from './support.ts';

test('portal settings: a bad return window is explained under the field; a change shows in the portal', async ({ page, request }) => {
  // A portal of its own, so the other journeys keep the demo portals as seeded.
  const portals = await merchant(request, 'GET', '/portals');
  const demo = portals.data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `bo-e2e-${Date.now().toString(36)}`;
  const portal = await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    returnAddressId: demo.returnAddressId,
    enabled: true,
    returnWindowDays: 30,
  });
  await signIn(page);
  await page.goto(admin('/settings/portals'));
  await checkPage(page, '10-settings-portals');
  await page.getByRole('link', { name: `Edit ${slug}` }).click();
  await expect(page.getByLabel('Return window (days)')).toHaveValue('30');
  await checkPage(page, '11-settings-portal-edit', 'Portal settings');

  const window = page.getByLabel('Return window (days)');
  await window.fill('5');
  await page.getByRole('button', { name: 'Save' }).click();
  const error = page.locator('#p-window-error');
  await expect(error).toBeVisible();
  await expect(window).toHaveAttribute('aria-invalid', 'true');
  await expect(window).toHaveAttribute('aria-describedby', /p-window-error/);
  await checkPage(page, '12-settings-portal-invalid', 'Portal settings');

  await window.fill('45');
  const editor = page.getByRole('textbox', { name: 'Instructions shown in the portal' });
  await editor.click();
  await editor.fill('Print the label and ');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('tape the box');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(error).toHaveCount(0);

  const publicPortal = await (await request.get(`${baseUrl()}/api/portal/${slug}`)).json();
  expect(JSON.stringify(publicPortal)).toContain('tape the box');
  const saved = await merchant(request, 'GET', `/portals/${portal.id}`);
  expect(saved.returnWindowDays).toBe(45);
  expect(saved.instructionsHtml).toMatch(/<(b|strong)>tape the box<\/(b|strong)>/);
  await page.goto(`${baseUrl()}/r/${slug}`);
  await expect(page.getByText('tape the box')).toBeVisible();
});

test('every settings page, orders, insights and account pass axe', async ({ page }) => {
  await signIn(page);
  const pages: [string, string, string | RegExp][] = [
    ['/settings/brands', '13-settings-brands', 'Settings: Brands'],
    ['/settings/addresses', '14-settings-addresses', 'Settings: Addresses'],
    ['/settings/shipping-rules', '15-settings-shipping-rules', 'Settings: Shipping rules'],
    ['/settings/email-templates', '16-settings-email-templates', 'Settings: Email templates'],
    ['/settings/users', '17-settings-users', 'Settings: Users'],
    ['/settings/api-keys', '18-settings-api-keys', 'Settings: API keys'],
    ['/settings/background-work', '18b-settings-background-work', 'Settings: Background work'],
    ['/orders', '19-orders', 'Orders'],
    ['/insights', '20-insights', 'Insights'],
    ['/account', '21-account', 'Account'],
  ];
  for (const [path, name, heading] of pages) {
    await page.goto(admin(path));
    await expect(page.locator('h1')).toHaveText(heading);
    await checkPage(page, name, heading);
  }
  // API keys: the secret is shown once, right after creating it.
  await page.goto(admin('/settings/api-keys'));
  await page.getByLabel('Name').fill('Warehouse scanner');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('shown only once')).toBeVisible();
  await expect(page.locator('code.secret')).not.toBeEmpty();
  await expect(page.getByRole('cell', { name: 'Warehouse scanner', exact: true })).toBeVisible();
  // Email templates: an unknown placeholder is refused under the body; preview renders the draft.
  await page.goto(admin('/settings/email-templates'));
  const body = page.getByLabel('Body');
  await body.fill('Hello {{customerName}}, about {{nope}}.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#tpl-body-error')).toContainText('nope');
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await body.fill('Hello {{customerName}}, your return {{reference}} is on its way.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('your return');
  await checkPage(page, '16b-email-template-preview');
  // Background work: the demo's emails wait (the journeys run without SMTP_URL) and say why;
  // Retry now queues one to run at once.
  await page.goto(admin('/settings/background-work'));
  const waiting = page.getByRole('table', { name: 'Work waiting to run' });
  await expect(waiting).toContainText('SMTP_URL');
  await waiting
    .getByRole('button', { name: /^Retry now: Send the/ })
    .first()
    .click();
  await expect(page.getByText('queued to run now')).toBeVisible();
  await page.goto(admin('/settings/shipping-rules'));
  await page.getByRole('button', { name: 'Test' }).click();
  await expect(page.locator('.result')).toContainText(/sender address|No rule matches/);
  await page.goto(admin('/insights'));
  await expect(page.getByRole('img', { name: 'Returns per day' })).toBeVisible();
  // Narrow screens: no sideways scrolling of the page (wide tables scroll inside their box).
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow: [string, string][] = [
    ['/returns?tab=all', '23-mobile-returns'],
    ['/settings/portals', '24-mobile-portals'],
  ];
  for (const [path, name] of narrow) {
    await page.goto(admin(path));
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await checkPage(page, name);
  }
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(admin('/insights'));
  // Reasons by name in the user's language, never as codes (the demo's own returns are "too large",
  // so this holds whichever journeys ran before).
  await expect(page.locator('#reasons-table')).toContainText('Too large');
  await expect(page.locator('#reasons-table')).not.toContainText('too_large');
});

test('staff cannot open owner-only pages; they can change their own password', async ({ page, browser }) => {
  const csrf = await apiSignIn(page);
  const email = `staff-${Date.now().toString(36)}@example.com`;
  const created = await page.request.post(`${baseUrl()}/api/v1/users`, {
    headers: { 'x-csrf-token': csrf },
    data: { email, name: 'Sam Staff', role: 'staff' },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const { password } = await created.json();

  const context = await browser.newContext();
  const staff = await context.newPage();
  await signIn(staff, email, password);
  await expect(staff.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await staff.goto(admin('/settings/users'));
  await expect(staff.locator('h1')).toHaveText('Not available for your role');
  await expect(staff.getByText('only available to account owners')).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await checkPage(staff, '22-staff-refused', 'Not available for your role');
  await staff.goto(admin('/settings/api-keys'));
  await expect(staff.locator('h1')).toHaveText('Not available for your role');

  await staff.goto(admin('/account'));
  await staff.getByLabel('Current password').fill(password);
  await staff.getByLabel('New password').fill('a-much-longer-password-42');
  await staff.getByRole('button', { name: 'Change password' }).click();
  await expect(staff.getByText('Your password has been changed.')).toBeVisible();
  await staff.getByRole('button', { name: 'Sign out' }).click();
  await expect(staff.locator('h1')).toHaveText('Sign in to the back office');
  await signIn(staff, email, 'a-much-longer-password-42');
  await context.close();
});

test('a new brand with an uploaded logo', async ({ page }) => {
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await signIn(page);
  await page.goto(admin('/settings/brands'));
  await page.getByRole('button', { name: 'Add brand' }).click();
  await page.getByLabel('Name').fill('Second Label Co');
  await page.getByLabel(/Upload logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByLabel('Logo URL')).toHaveValue(/^https?:\/\//);
  await expect(page.getByRole('img', { name: 'Logo preview' })).toBeVisible();
  await checkPage(page, '25-settings-brand-new');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.locator('.cards')).toContainText('Second Label Co');
});
