// Shared by the back office journeys: signing in (through the form or the API), making returns
// through the real portal API, and the per-page check — one h1, no axe violations, a screenshot
// in e2e/screenshots/backoffice/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { AXE_TAGS, baseUrl, importOrder, SCREENSHOTS } from './support.ts';

export const DEMO = { email: 'demo@retour.local', password: 'demo-retour' };
export const BO_SCREENSHOTS = join(SCREENSHOTS, 'backoffice');

export const admin = (path = '') => `${baseUrl()}/admin${path}`;

/** Signs in through the form and waits for the returns overview. */
export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto(admin('/'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('h1')).toHaveText('Returns');
}

/** The page's checks: exactly one h1, no axe violations (WCAG 2.2 AA), a full-page screenshot. */
export async function checkPage(page: Page, name: string, heading?: string | RegExp) {
  const h1 = page.locator('h1');
  await expect(h1).toHaveCount(1);
  if (heading) await expect(h1).toHaveText(heading);
  await expect(page.getByText('Loading…')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on "${name}"`).toEqual([]);
  mkdirSync(BO_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(BO_SCREENSHOTS, `${name}.png`), fullPage: true });
}

let counter = 0;
/** A fresh order number and postal code per call, so journeys never share data. */
export function uniqueOrder(prefix: string) {
  counter += 1;
  const n = `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  return { orderNumber: n, postalCode: '1012 AB' };
}

/** Imports an order and requests a return for its shirt through the portal API; returns its id. */
export async function portalReturn(request: APIRequestContext, slug: 'demo' | 'demo-approval', prefix: string) {
  const { orderNumber, postalCode } = uniqueOrder(prefix);
  await importOrder(request, orderNumber, postalCode);
  const lookup = await request.post(`${baseUrl()}/api/portal/${slug}/lookup`, { data: { orderNumber, postalCode } });
  expect(lookup.ok(), await lookup.text()).toBeTruthy();
  const found = await lookup.json();
  const item = found.order.items[0];
  const created = await request.post(`${baseUrl()}/api/portal/${slug}/returns`, {
    headers: { authorization: `Bearer ${found.token}` },
    data: {
      items: [{ orderItemId: item.id, quantity: 1, reason: 'too_small', comment: 'Sleeves are short' }],
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      contact: { email: 'eva@example.com' },
      language: 'en',
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const body = await created.json();
  return { id: body.id as string, reference: body.reference as string, orderNumber };
}

/** Signs in through the API in the page's context (shares its cookie); returns the CSRF token. */
export async function apiSignIn(page: Page, email = DEMO.email, password = DEMO.password): Promise<string> {
  const response = await page.request.post(`${baseUrl()}/api/session`, { data: { email, password } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()).csrfToken as string;
}
