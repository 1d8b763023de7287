// The merchant's appearance settings: a brand colour too light for white text is darkened until it
// reaches 4.5:1 (nothing looks broken, axe finds no contrast problem); header and footer can be
// hidden; the background layout puts the card over the merchant's image.
import { expect, type APIRequestContext, test } from '@playwright/test';
import { baseUrl, checkStep, merchant, MESSAGES } from './support.ts';

async function portalFor(request: APIRequestContext, slug: string, brand: object, overrides: object) {
  const created = await merchant(request, 'POST', '/brands', brand);
  const portals = await merchant(request, 'GET', '/portals');
  const demo = portals.data.find((p: { slug: string }) => p.slug === 'demo');
  const { id, url, embedSnippet, warnings, deepLinks, createdAt, updatedAt, ...settings } = demo;
  await merchant(request, 'POST', '/portals', { ...settings, slug, brandId: created.id, ...overrides });
}

/** WCAG contrast of two computed CSS colours (rgb()/rgba()). */
const CONTRAST = `(a, b) => {
  const lum = (c) => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}`;

test('a light brand colour is darkened for contrast; header and footer hidden', async ({ page, request }, info) => {
  await portalFor(
    request,
    'e2e-sunny',
    { name: 'Sunny Shop', colors: { primary: '#ffd400', background: '#fff8d6' } },
    { appearance: { layout: 'standard', showHeader: false, showFooter: false } },
  );
  await page.goto(`${baseUrl()}/r/e2e-sunny`);
  await expect(page.locator('h1')).toHaveText(MESSAGES.en.startTitle);
  await expect(page.locator('header, footer')).toHaveCount(0);
  await expect(page.locator('#language-main')).toBeVisible();
  const brand = await page.evaluate<string>("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()");
  expect(brand).not.toBe('#ffd400');
  const button = page.locator('form button[type="submit"]');
  const ratio = await button.evaluate(
    new Function('el', `const c = ${CONTRAST}; const s = getComputedStyle(el); return c(s.backgroundColor, s.color);`) as (
      el: unknown,
    ) => number,
  );
  expect(ratio).toBeGreaterThanOrEqual(4.5);
  await checkStep(page, info, 'start', { heading: MESSAGES.en.startTitle });
});

test('the background layout shows the card over the merchant’s image', async ({ page, request }, info) => {
  await portalFor(
    request,
    'e2e-background',
    { name: 'Forest Shop', colors: { primary: '#2e7d32', background: '#10241a' } },
    { appearance: { layout: 'background', backgroundImageUrl: 'https://images.invalid/forest.jpg', showHeader: true, showFooter: true } },
  );
  await page.goto(`${baseUrl()}/r/e2e-background?lang=it`);
  await expect(page.locator('.page.with-background')).toHaveCSS('background-image', /forest\.jpg/);
  await expect(page.locator('header .brand-name')).toHaveText('Forest Shop');
  await expect(page.locator('footer')).toContainText('Forest Shop');
  await checkStep(page, info, 'start', { heading: MESSAGES.it.startTitle });
});
