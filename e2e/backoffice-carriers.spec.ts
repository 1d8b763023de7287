// Back office → Settings → Carriers against the local PostNL and DHL Parcel (carrier-fakes.ts):
// a PostNL account refused field by field and by PostNL, then connected; its services chosen for
// NL drop-off with and without a label; the connection tested; PostNL refusing the stored key later
// (the card says which account and what to do) and the account reconnected; a DHL Parcel account
// with its NL drop-off service; one account disconnected after the inline confirmation. Axe on
// every state. Staff are refused the page and the API.
import { expect, type Page, test } from '@playwright/test';
import { E2E_DHL_PARCEL, E2E_POSTNL } from './carrier-fakes.ts';
import { admin, apiSignIn, checkPage, signIn } from './backoffice-support.ts';
import { baseUrl, merchant } from './support.ts';

const HEADING = 'Settings: Carriers';
const run = Date.now().toString(36).slice(-5);
const POSTNL_CODE = `postnl_${run}`;
const DHL_CODE = `dhl_${run}`;

/** Scripts the next answer of a carrier fake (global-setup.ts passes the control server's address). */
async function carrierFailsNext(page: Page, carrier: 'postnl' | 'dhl_parcel', prefix: string, status: number, body: unknown) {
  const control = process.env.RETOUR_E2E_CARRIER_CONTROL;
  if (!control) throw new Error('RETOUR_E2E_CARRIER_CONTROL is not set (run through e2e/global-setup.ts).');
  const response = await page.request.post(`${control}/${carrier}/fail-next`, { data: { prefix, reply: { status, body } } });
  expect(response.status()).toBe(204);
}

const card = (page: Page, code: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`\\(${code}\\)$`) }) });

test('carriers: connect PostNL and DHL Parcel, choose services, test, reconnect, disconnect', async ({ page, request }) => {
  await signIn(page);
  await page.goto(admin('/settings/carriers'));
  await checkPage(page, '60-carriers', HEADING);

  // PostNL: a malformed customer code is explained under its field (nothing is sent to PostNL).
  const connect = page.getByRole('form', { name: 'Connect a carrier account' });
  await expect(connect.getByLabel('Carrier', { exact: true })).toHaveValue('postnl');
  await connect.getByLabel('Carrier code').fill(POSTNL_CODE);
  await connect.getByLabel('API key').fill('not-the-right-key');
  await connect.getByLabel('Customer code').fill('de');
  await connect.getByLabel('Customer number').fill(E2E_POSTNL.customerNumber);
  await connect.getByRole('button', { name: 'Connect PostNL' }).click();
  const customerCode = connect.getByLabel('Customer code');
  await expect(page.locator('#carrier-connect-customerCode-error')).toContainText('four-letter PostNL customer code');
  await expect(customerCode).toHaveAttribute('aria-invalid', 'true');
  await expect(customerCode).toHaveAttribute('aria-describedby', /carrier-connect-customerCode-error/);
  await checkPage(page, '61-carriers-invalid', HEADING);

  // PostNL refuses the key: its answer is shown, nothing is stored.
  await customerCode.fill(E2E_POSTNL.customerCode);
  await connect.getByRole('button', { name: 'Connect PostNL' }).click();
  await expect(connect.getByRole('alert')).toContainText('PostNL refused these credentials');
  await expect(page.locator('#carrier-connect-customerCode-error')).toHaveCount(0);
  await checkPage(page, '62-carriers-refused', HEADING);
  // (The carrier journeys connect accounts of their own in parallel: only this test's codes count.)
  const ours = (list: { code: string }[]) => list.filter((a) => a.code === POSTNL_CODE || a.code === DHL_CODE);
  expect(ours((await merchant(request, 'GET', '/carrier-accounts')).data)).toEqual([]);

  // The right key: connected, and its services open at once.
  await connect.getByLabel('API key').fill(E2E_POSTNL.apiKey);
  await connect.getByRole('button', { name: 'Connect PostNL' }).click();
  await expect(page.getByText(`PostNL (${POSTNL_CODE}) is connected.`)).toBeVisible();
  const services = page.getByRole('form', { name: `Services of PostNL (${POSTNL_CODE})` });
  await expect(services.getByRole('heading', { name: `Services of PostNL (${POSTNL_CODE})` })).toBeFocused();
  const nl = services.getByRole('group', { name: 'Returns from Netherlands (NL)' });
  await nl.getByLabel('Drop-off with label').selectOption('3250');
  await nl.getByLabel('Drop-off without label (QR)').selectOption('3285');
  await checkPage(page, '63-carriers-postnl-services', HEADING);
  await services.getByRole('button', { name: 'Save services' }).click();
  await expect(page.getByText(`Services of PostNL (${POSTNL_CODE}) saved.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `PostNL (${POSTNL_CODE})`, exact: true })).toBeFocused();
  const postnl = card(page, POSTNL_CODE);
  await expect(postnl).toContainText('NL · Drop-off with label: PostNL return label (drop off at a PostNL point) (3250)');
  await expect(postnl).toContainText('NL · Drop-off without label (QR): PostNL Smart Returns (label-less, code at a PostNL point) (3285)');

  // Test connection with the stored credentials.
  await postnl.getByRole('button', { name: 'Test connection' }).click();
  await expect(postnl.getByText('The connection works')).toBeVisible();
  await expect(postnl.getByText('Connected', { exact: true })).toBeVisible();
  await checkPage(page, '64-carriers-tested', HEADING);

  // Later PostNL refuses the stored key (revoked): the card names the account, PostNL's answer and what to do.
  await carrierFailsNext(page, 'postnl', '/shipment/v1_1/barcode', 401, { message: 'Invalid ApiKey', http_status_code: 401 });
  await postnl.getByRole('button', { name: 'Test connection' }).click();
  await expect(postnl.getByText('Credentials refused', { exact: true })).toBeVisible();
  const refused = postnl.getByRole('alert').filter({ hasText: 'What to do' });
  await expect(refused).toContainText(`PostNL (${POSTNL_CODE}) can no longer book returns: PostNL refused its credentials`);
  await expect(refused).toContainText('Invalid ApiKey');
  await expect(refused).toContainText('Reconnect');
  await expect(postnl.getByText('The connection failed')).toHaveCount(0);
  await checkPage(page, '65-carriers-auth-failed', HEADING);
  await postnl.getByRole('button', { name: 'Reconnect' }).click();
  const reconnect = page.getByRole('form', { name: `Replace the credentials of PostNL (${POSTNL_CODE})` });
  await reconnect.getByLabel('API key').fill(E2E_POSTNL.apiKey);
  await reconnect.getByLabel('Customer code').fill(E2E_POSTNL.customerCode);
  await reconnect.getByLabel('Customer number').fill(E2E_POSTNL.customerNumber);
  await checkPage(page, '66-carriers-reconnect', HEADING);
  await reconnect.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByText(`PostNL (${POSTNL_CODE}) is reconnected with the new credentials.`)).toBeVisible();
  await expect(postnl.getByText('Connected', { exact: true })).toBeVisible();
  await expect(postnl.getByText('What to do')).toHaveCount(0);

  // DHL Parcel: its own credentials, its NL drop-off service from DHL's capabilities. The PostNL
  // account's code is taken: said under the code field.
  await connect.getByLabel('Carrier', { exact: true }).selectOption('dhl_parcel');
  const code = connect.getByLabel('Carrier code');
  await code.fill(POSTNL_CODE);
  await connect.getByLabel('User id').fill(E2E_DHL_PARCEL.userId);
  await connect.getByLabel('API key').fill(E2E_DHL_PARCEL.key);
  await connect.getByLabel('Account number').fill(E2E_DHL_PARCEL.accountId);
  await connect.getByRole('button', { name: 'Connect DHL Parcel' }).click();
  await expect(page.locator('#carrier-code-error')).toContainText(`You have a carrier account with the code "${POSTNL_CODE}" already`);
  await expect(code).toHaveAttribute('aria-describedby', /carrier-code-error/);
  await checkPage(page, '67-carriers-dhl-code-taken', HEADING);
  await code.fill(DHL_CODE);
  await connect.getByRole('button', { name: 'Connect DHL Parcel' }).click();
  await expect(page.getByText(`DHL Parcel (${DHL_CODE}) is connected.`)).toBeVisible();
  const dhlServices = page.getByRole('form', { name: `Services of DHL Parcel (${DHL_CODE})` });
  const dhlNl = dhlServices.getByRole('group', { name: 'Returns from Netherlands (NL)' });
  const dhlDropOff = dhlNl.getByLabel('Drop-off with label');
  await expect(dhlNl.getByLabel('Drop-off without label (QR)')).toHaveCount(0);
  // A choice DHL no longer lists (the request altered on its way, as after DHL withdrew a parcel
  // type): the server's refusal is shown under that select.
  await dhlDropOff.selectOption('MEDIUM');
  await page.route('**/api/v1/carrier-accounts/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    await route.continue({
      postData: JSON.stringify({ settings: { services: [{ country: 'NL', method: 'drop_off', service: 'PALLET' }] } }),
    });
  });
  await dhlServices.getByRole('button', { name: 'Save services' }).click();
  const dropOffError = dhlServices.locator(`#${await dhlDropOff.getAttribute('id')}-error`);
  await expect(dropOffError).toContainText('The account has no service "PALLET"');
  await expect(dhlDropOff).toHaveAttribute('aria-invalid', 'true');
  await expect(dhlDropOff).toBeFocused();
  await expect(dhlDropOff).toHaveAttribute('aria-describedby', /-error$/);
  await checkPage(page, '68-carriers-dhl-service-refused', HEADING);
  await page.unroute('**/api/v1/carrier-accounts/*');
  await dhlServices.getByRole('button', { name: 'Save services' }).click();
  await expect(page.getByText(`Services of DHL Parcel (${DHL_CODE}) saved.`)).toBeVisible();
  const dhl = card(page, DHL_CODE);
  await expect(dhl).toContainText('NL · Drop-off with label: DHL Parcel Return MEDIUM (max 10 kg) (MEDIUM)');
  await checkPage(page, '69-carriers-two-accounts', HEADING);

  // Disconnect DHL Parcel: an inline confirmation first (focus on its question), then the card is gone.
  await dhl.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = dhl.getByRole('group', { name: `Disconnect DHL Parcel (${DHL_CODE})?`, exact: false });
  await expect(confirm).toBeVisible();
  await expect(page.locator(':focus')).toContainText(`Disconnect DHL Parcel (${DHL_CODE})?`);
  await checkPage(page, '70-carriers-confirm-disconnect', HEADING);
  await confirm.getByRole('button', { name: `Yes, disconnect DHL Parcel (${DHL_CODE})` }).click();
  await expect(page.getByText(`DHL Parcel (${DHL_CODE}) is disconnected.`)).toBeVisible();
  await expect(dhl).toHaveCount(0);
  await checkPage(page, '71-carriers-after-disconnect', HEADING);

  // What the API holds now: PostNL with the two chosen services, active; no DHL Parcel account.
  const accounts = ours((await merchant(request, 'GET', '/carrier-accounts')).data) as {
    code: string;
    status: string;
    settings: { services: { country: string; method: string; service: string }[] };
  }[];
  expect(accounts.map((a) => a.code)).toEqual([POSTNL_CODE]);
  expect(accounts[0]?.status).toBe('active');
  expect(accounts[0]?.settings.services.map((s) => [s.country, s.method, s.service])).toEqual([
    ['NL', 'drop_off', '3250'],
    ['NL', 'drop_off_labelless', '3285'],
  ]);
});

test('carriers are for owners: staff see the refusal and the API refuses them', async ({ page, browser }) => {
  const csrf = await apiSignIn(page);
  const email = `staff-carriers-${run}@example.com`;
  const created = await page.request.post(`${baseUrl()}/api/v1/users`, {
    headers: { 'x-csrf-token': csrf },
    data: { email, name: 'Sam Staff', role: 'staff' },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const { password } = await created.json();
  const context = await browser.newContext();
  const staff = await context.newPage();
  await signIn(staff, email, password);
  await staff.goto(admin('/settings/carriers'));
  await expect(staff.locator('h1')).toHaveText('Not available for your role');
  await expect(staff.getByText('only available to account owners')).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Carriers' })).toHaveCount(0);
  await checkPage(staff, '72-carriers-staff-refused', 'Not available for your role');
  const refused = await staff.request.get(`${baseUrl()}/api/v1/carrier-accounts`);
  expect(refused.status()).toBe(403);
  await context.close();
});
