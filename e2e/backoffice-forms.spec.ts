// Back-office forms from issue #13: a user renamed in place, an address with its second line and
// region, a shipping rule's conditions edited as fields (not text lines), and a link added to the
// portal instructions through a real dialog (not prompt()). Each page state passes axe.
import { expect, test } from '@playwright/test';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { merchant } from './support.ts';

test('rename a user; an address with line 2 and region; rule conditions as fields', async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const email = `rename-${suffix}@example.com`;
  await merchant(request, 'POST', '/users', { email, name: 'Nina', role: 'staff' });
  await signIn(page);

  await page.goto(admin('/settings/users'));
  await page.getByRole('button', { name: `Rename ${email}` }).click();
  const name = page.getByLabel(`Name of ${email}`);
  await expect(name).toHaveValue('Nina');
  await name.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.error')).toHaveCount(0); // blank clears the name: allowed
  await page.getByRole('button', { name: `Rename ${email}` }).click();
  await page.getByLabel(`Name of ${email}`).fill('Nina Bakker');
  await checkPage(page, '30-settings-user-rename', 'Settings: Users');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`${email} is now called Nina Bakker.`)).toBeVisible();
  const users = await merchant(request, 'GET', '/users');
  expect(users.data.find((u: { email: string }) => u.email === email).name).toBe('Nina Bakker');

  await page.goto(admin('/settings/addresses'));
  await page.getByRole('button', { name: 'Add address' }).click();
  const address = `Depot ${suffix}`;
  await page.getByLabel('Name', { exact: true }).fill(address);
  await page.getByLabel('Street').fill('Rue de la Loi');
  await page.getByLabel('House number').fill('16');
  await page.getByLabel('Address line 2').fill('Gate B');
  await page.getByLabel('Postal code').fill('1000');
  await page.getByLabel('City').fill('Bruxelles');
  await page.getByLabel('Region or state').fill('Brussels-Capital');
  await page.getByLabel('Country (two letters)').fill('BE');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`${address} · Rue de la Loi 16`)).toBeVisible();
  const addresses = await merchant(request, 'GET', '/addresses?limit=200');
  const saved = addresses.data.find((a: { name: string }) => a.name === address);
  expect(saved).toMatchObject({ addressLine2: 'Gate B', region: 'Brussels-Capital', country: 'BE' });
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Delete ${address}` }).click();
  await expect(page.getByText(`${address} · Rue de la Loi 16`)).toHaveCount(0);

  await page.goto(admin('/settings/shipping-rules'));
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = `Benelux VIP ${suffix}`;
  await page.getByLabel('Name').fill(rule);
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('country');
  await page.getByLabel('Values of condition 1').fill('NL, BE');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 2').selectOption('tag');
  await page.getByLabel('Values of condition 2').fill('vip');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('button', { name: 'Remove condition 3' }).click();
  await checkPage(page, '31-settings-rule-conditions', 'Settings: Shipping rules');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Country in NL, BE and Tag = vip')).toBeVisible();
  const rules = await merchant(request, 'GET', '/shipping-rules?limit=200');
  const created = rules.data.find((r: { name: string }) => r.name === rule);
  expect(created.conditions).toEqual([
    { field: 'country', op: 'in', value: ['NL', 'BE'] },
    { field: 'tag', op: 'eq', value: 'vip' },
  ]);
  // Editing shows the same conditions as fields again; an empty value is refused under its field.
  await page.getByRole('button', { name: `Edit ${rule}` }).click();
  await expect(page.getByLabel('Values of condition 1')).toHaveValue('NL, BE');
  await expect(page.getByLabel('Field of condition 2')).toHaveValue('tag');
  await page.getByLabel('Values of condition 2').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Values of condition 2')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Leave the demo's rules as they were for the other journeys.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Delete ${rule}` }).click();
  await expect(page.getByText(rule)).toHaveCount(0);
});

test('a link in the portal instructions goes through a dialog', async ({ page, request }) => {
  const portals = await merchant(request, 'GET', '/portals');
  const demo = portals.data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `bo-link-${Date.now().toString(36)}`;
  const portal = await merchant(request, 'POST', '/portals', { slug, brandId: demo.brandId, returnAddressId: demo.returnAddressId });
  await signIn(page);
  await page.goto(admin(`/settings/portals/${portal.id}`));
  const editor = page.getByRole('textbox', { name: 'Instructions shown in the portal' });
  await editor.click();
  await editor.fill('Read the policy');
  await page.keyboard.press('Shift+Home');
  await page.getByRole('button', { name: 'Link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert a link' });
  await expect(dialog).toBeVisible();
  const url = dialog.getByLabel('Link address (https://…)');
  await url.fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(dialog.getByText('Enter an address that starts with https://')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, '32-settings-portal-link-dialog', 'Portal settings');
  await url.fill('https://shop.example/policy');
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const saved = await merchant(request, 'GET', `/portals/${portal.id}`);
  expect(saved.instructionsHtml).toMatch(/<a [^>]*href="https:\/\/shop\.example\/policy"[^>]*>Read the policy<\/a>/);
  // Escape closes the dialog without a link.
  await editor.click();
  await page.getByRole('button', { name: 'Link' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
