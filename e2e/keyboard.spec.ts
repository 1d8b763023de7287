// Keyboard only, at 200% zoom (1280×900 at 200% = a 640×450 CSS viewport at twice the pixels):
// every step is reachable with Tab, operated with Space/Enter/arrows, shows its focus, and never
// scrolls sideways.
import { expect, type Page, test } from '@playwright/test';
import { baseUrl, checkStep, expectNoHorizontalScroll, importOrder, MESSAGES, tabTo } from './support.ts';

const en = MESSAGES.en;
test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

async function expectVisibleFocus(page: Page) {
  const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
  expect(outline).not.toBe('none');
}

test('a whole return with the keyboard only, at 200% zoom', async ({ page, request }, info) => {
  await importOrder(request, '#E2E-KB1', '1011 AB');
  await page.goto(`${baseUrl()}/r/demo`);
  await expectNoHorizontalScroll(page);
  await tabTo(page, '.skip-link');
  await expectVisibleFocus(page);

  await tabTo(page, '#lookup-number');
  await page.keyboard.type('E2E-KB1');
  await tabTo(page, '#lookup-postal');
  await page.keyboard.type('1011ab');
  await page.keyboard.press('Enter');
  await checkStep(page, info, 'items', { heading: en.itemsTitle, focused: true });
  await expectNoHorizontalScroll(page);

  await tabTo(page, 'input[type="checkbox"]');
  await expectVisibleFocus(page);
  await page.keyboard.press('Space');
  await tabTo(page, 'select[id^="reason-"]');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('select[id^="reason-"]')).toHaveValue('too_small');
  await tabTo(page, '.actions button[type="submit"]');
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');

  await checkStep(page, info, 'method', { heading: en.methodTitle, focused: true });
  await expectNoHorizontalScroll(page);
  await tabTo(page, 'input[name="method"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[value="drop_off:sandbox_courier"]')).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('input[value="drop_off:sandbox"]')).toBeChecked();
  await tabTo(page, '.actions button[type="submit"]');
  await page.keyboard.press('Enter');

  await checkStep(page, info, 'resolution', { heading: en.resolutionTitle, focused: true });
  await tabTo(page, 'input[name="resolution"]');
  await page.keyboard.press('Space');
  await expect(page.locator('input[value="refund"]')).toBeChecked();
  await tabTo(page, '.actions button[type="submit"]');
  await page.keyboard.press('Enter');

  await checkStep(page, info, 'contact', { heading: en.contactTitle, focused: true });
  await tabTo(page, '#contact-email');
  await page.keyboard.type('eva@example.com');
  await page.keyboard.press('Enter');

  await checkStep(page, info, 'review', { heading: en.reviewTitle, focused: true });
  await expectNoHorizontalScroll(page);
  await tabTo(page, '.actions button[type="submit"]');
  await page.keyboard.press('Enter');

  await checkStep(page, info, 'done', { heading: en.doneTitle, focused: true });
  await expectNoHorizontalScroll(page);
  await expect(page.locator('a', { hasText: en.downloadA4 })).toBeVisible();
  await tabTo(page, '.downloads a[href*="format=a4"]');
  await expectVisibleFocus(page);

  // Browser back goes to the start for a new return, not into the finished one.
  await page.goBack();
  await expect(page.locator('h1')).toHaveText(en.startTitle);
});
