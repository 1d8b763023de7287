// What the shopper's browser sends and keeps: only requests to the portal's own origin, no web
// fonts, no cookies, and no personal data in any URL (the lookup goes in a POST body).
import { expect, test } from '@playwright/test';
import { baseUrl, chooseItem, continueTo, findOrder, importOrder, MESSAGES } from './support.ts';

test('no third-party requests, no fonts, no cookies, no personal data in URLs', async ({ page, context, request }) => {
  await importOrder(request, '#E2E-PRIV', '1012 AB');
  const requests: { url: string; type: string }[] = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, '#E2E-PRIV', '1012 AB');
  await expect(page.locator('h1')).toHaveText(MESSAGES.en.itemsTitle);
  await chooseItem(page, 'Linen shirt', 'too_small');
  await continueTo(page, MESSAGES.en.methodTitle);
  await page.locator('input[value="drop_off:sandbox"]').check();
  await page.locator('.finder button').click();
  await expect(page.locator('input[name="service-point"]').first()).toBeVisible();

  const origin = new URL(baseUrl()).origin;
  const foreign = requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.filter((r) => r.type === 'font')).toEqual([]);
  // The drop-off finder sends a postal code to find points: the only personal data in a URL besides
  // a return's access code, and it stays on the portal's own origin.
  for (const r of requests.filter((x) => !x.url.includes('/service-points'))) expect(r.url).not.toMatch(/1012|E2E-PRIV|eva@|token/i);
  expect(page.url()).toBe(`${baseUrl()}/r/demo`);
  expect(await context.cookies()).toEqual([]);
  const lookup = requests.find((r) => r.url.includes('/lookup'));
  expect(lookup?.url).toBe(`${baseUrl()}/api/portal/demo/lookup?lang=en`);
});
