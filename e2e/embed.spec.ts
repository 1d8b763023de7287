// The portal inside an iframe on another origin (a tiny host page served from a second local
// port), allowed through the merchant API's allowedFrameAncestors; at 350×800 and 660×1000 it
// never scrolls sideways. A site that is not allowed gets nothing.
import { createServer, type Server } from 'node:http';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Frame, test } from '@playwright/test';
import { freePort } from './global-setup.ts';
import { join } from 'node:path';
import { AXE_TAGS, baseUrl, expectNoHorizontalScroll, merchant, MESSAGES, SCREENSHOTS } from './support.ts';

const en = MESSAGES.en;
// One host page and one allowedFrameAncestors setting for the whole file: run it in one worker.
test.describe.configure({ mode: 'serial' });
let allowed: { server: Server; origin: string };
let other: { server: Server; origin: string };

async function hostPage(): Promise<{ server: Server; origin: string }> {
  const port = await freePort();
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>` +
        `<style>html,body{margin:0;height:100%}iframe{display:block;width:100%;height:100%;border:0}</style></head>` +
        `<body><iframe title="Returns" src="${baseUrl()}/r/demo?embed=1"></iframe></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  // localhost vs 127.0.0.1: another origin than the portal's.
  return { server, origin: `http://localhost:${port}` };
}

test.beforeAll(async ({ request }) => {
  allowed = await hostPage();
  other = await hostPage();
  await merchant(request, 'PATCH', `/portals/${await demoId(request)}`, { allowedFrameAncestors: [allowed.origin] });
});

test.afterAll(async () => {
  allowed.server.close();
  other.server.close();
});

async function demoId(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const portals = await merchant(request, 'GET', '/portals');
  return portals.data.find((p: { slug: string }) => p.slug === 'demo').id;
}

async function portalFrame(page: import('@playwright/test').Page): Promise<Frame> {
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames()[1];
  if (!frame) throw new Error('no iframe');
  return frame;
}

for (const size of [
  { width: 350, height: 800 },
  { width: 660, height: 1000 },
]) {
  test(`embedded cross-origin at ${size.width}×${size.height}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    const response = page.waitForResponse((r) => r.url().startsWith(`${baseUrl()}/r/demo`));
    await page.goto(allowed.origin);
    const csp = (await response).headers()['content-security-policy'] ?? '';
    expect(csp).toContain(`frame-ancestors 'self' ${allowed.origin}`);
    expect((await response).headers()['x-frame-options']).toBeUndefined();

    const frame = await portalFrame(page);
    await expect(frame.locator('h1')).toHaveText(en.startTitle);
    await expect(frame.locator('header, footer')).toHaveCount(0);
    await expect(frame.locator('#language-main')).toBeVisible();
    await expectNoHorizontalScroll(frame);
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `embed-${size.width}x${size.height}`, '01-start.png'), fullPage: true });

    await frame.locator('#lookup-number').fill('1001');
    await frame.locator('#lookup-postal').fill('1016 GV');
    await frame.locator('form button[type="submit"]').click();
    await expect(frame.locator('h1')).toHaveText(en.itemsTitle);
    await frame.locator('li.item', { hasText: 'Organic T-shirt' }).locator('input[type="checkbox"]').check();
    await expectNoHorizontalScroll(frame);
    await frame.locator('select[id^="reason-"]').selectOption('too_small');
    await frame.locator('.actions button[type="submit"]').click();
    await expect(frame.locator('h1')).toHaveText(en.methodTitle);
    await frame.locator('input[value="drop_off:sandbox"]').check();
    await frame.locator('.finder button').click();
    await expect(frame.locator('input[name="service-point"]').first()).toBeVisible();
    await expectNoHorizontalScroll(frame);
    expect((await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `embed-${size.width}x${size.height}`, '02-method.png'), fullPage: true });
    await context.close();
  });
}

test('a site that is not allowed cannot frame the portal', async ({ page }) => {
  await page.goto(other.origin);
  const frame = await portalFrame(page);
  await expect.poll(() => frame.url()).toContain('chrome-error://');
  await expect(frame.locator('#lookup-number')).toHaveCount(0);
});
