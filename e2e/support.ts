// Shared by the journeys: the server's address, the catalogues (so tests find localised labels),
// and the per-step check — one h1 that has focus, no axe violations, and a screenshot.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import de from '../apps/portal/src/messages/de.ts';
import en from '../apps/portal/src/messages/en.ts';
import fr from '../apps/portal/src/messages/fr.ts';
import it from '../apps/portal/src/messages/it.ts';
import nl from '../apps/portal/src/messages/nl.ts';

export type Lang = 'en' | 'nl' | 'fr' | 'de' | 'it';
export const MESSAGES = { en, nl, fr, de, it };
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function baseUrl(): string {
  const url = process.env.RETOUR_E2E_URL;
  if (!url) throw new Error('RETOUR_E2E_URL is not set: run through e2e/playwright.config.ts (global-setup starts the server).');
  return url;
}

export function apiKey(): string {
  return process.env.RETOUR_E2E_API_KEY ?? '';
}

/** A message without ICU arguments, or the literal text before its first argument. */
export function text(lang: Lang, key: keyof typeof en): string {
  return MESSAGES[lang][key].split('{')[0] ?? '';
}

const counters = new Map<string, number>();

/**
 * Checks the page as a step: exactly one h1 (with `heading` in it), focus on it after a step
 * change, no axe violations for WCAG 2.2 AA, and a full-page screenshot named after the test.
 */
export async function checkStep(page: Page, info: TestInfo, name: string, options: { heading?: string; focused?: boolean } = {}) {
  const h1 = page.locator('h1');
  await expect(h1).toHaveCount(1);
  if (options.heading) await expect(h1).toContainText(options.heading);
  if (options.focused) await expect(page.locator('#step-heading')).toBeFocused();
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on "${name}"`).toEqual([]);
  const folder = join(SCREENSHOTS, info.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
  mkdirSync(folder, { recursive: true });
  const index = (counters.get(folder) ?? 0) + 1;
  counters.set(folder, index);
  await page.screenshot({ path: join(folder, `${String(index).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Fills the lookup form and submits it. */
export async function findOrder(page: Page, number: string, postalCode: string, by: 'order' | 'tracking' = 'order') {
  if (by === 'tracking') await page.locator('input[name="lookup-by"][value="tracking"]').check();
  await page.locator('#lookup-number').fill(number);
  await page.locator('#lookup-postal').fill(postalCode);
  await page.locator('form button[type="submit"]').first().click();
}

/** Presses the step's main button (Continue / Confirm). */
export async function submitStep(page: Page) {
  await page.locator('main form .actions button[type="submit"]').click();
}

/** Selects an item by its visible name, with a reason (and a comment when the reason needs one). */
export async function chooseItem(page: Page, name: string, reason: string, comment?: string) {
  const row = page.locator('li.item', { hasText: name });
  await row.locator('input[type="checkbox"]').check();
  await row.locator('select[id^="reason-"]').selectOption(reason);
  if (comment !== undefined) await row.locator('textarea').fill(comment);
}

/** The page has no horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page | import('@playwright/test').Frame) {
  const widths = await page.evaluate<{ scroll: number; client: number }>(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

type Request = import('@playwright/test').APIRequestContext;

/** Calls the merchant API with the demo API key. */
export async function merchant(request: Request, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) {
  const response = await request.fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey()}` },
    ...(data === undefined ? {} : { data }),
  });
  const body = await response.json();
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${JSON.stringify(body)}`);
  return body;
}

/** Imports one more demo-brand order (NL, delivered yesterday) so a journey has items of its own. */
type OrderItem = {
  externalId: string;
  sku: string;
  name: string;
  variant?: string;
  quantity: number;
  unitPrice: { value: string; currency: string };
};

/** An order of Eva Jansen in Amsterdam, placed three days ago and delivered yesterday, as POST /api/v1/orders takes it. */
export function deliveredOrder(o: {
  integration: string;
  externalId: string;
  orderNumber: string;
  items: OrderItem[];
  trackingNumber: string;
  postalCode?: string;
  brandId?: string;
}) {
  const now = Date.now();
  return {
    integration: o.integration,
    externalId: o.externalId,
    orderNumber: o.orderNumber,
    placedAt: new Date(now - 3 * 86_400_000).toISOString(),
    currency: 'EUR',
    ...(o.brandId ? { brandId: o.brandId } : {}),
    customer: { name: 'Eva Jansen', email: 'eva@example.com' },
    shippingAddress: {
      name: 'Eva Jansen',
      street: 'Damrak',
      houseNumber: '1',
      postalCode: o.postalCode ?? '1012 JS',
      city: 'Amsterdam',
      country: 'NL',
    },
    items: o.items,
    shipments: [
      {
        carrier: 'sandbox',
        trackingNumber: o.trackingNumber,
        shippedAt: new Date(now - 2 * 86_400_000).toISOString(),
        deliveredAt: new Date(now - 86_400_000).toISOString(),
      },
    ],
  };
}

export async function importOrder(request: Request, orderNumber: string, postalCode: string) {
  const brands = await merchant(request, 'GET', '/brands');
  const brandId = brands.data[0].id as string;
  const item = { externalId: `${orderNumber}-1`, sku: 'SK-RED-S', name: 'Linen shirt, red', variant: 'S', quantity: 1 };
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      deliveredOrder({
        integration: 'e2e',
        externalId: orderNumber,
        orderNumber,
        postalCode,
        brandId,
        items: [{ ...item, unitPrice: { value: '49.50', currency: 'EUR' } }],
        trackingNumber: `E2E${orderNumber.replace(/\W/g, '')}`,
      }),
    ],
  });
  expect(imported.failed, 'order import').toEqual([]);
}

/** Presses Tab until `selector` has focus: proves the element is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`${selector} was not reached with Tab`);
}

/** Presses the step's main button and waits for the next step's heading. */
export async function continueTo(page: Page, heading: string) {
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(heading);
}
