// The cases a returns portal must explain instead of failing: an ended return window, a border
// crossing without customs data, a carrier that needs a phone number, and the lookup rate limit.
import { expect, test } from '@playwright/test';
import { baseUrl, checkStep, chooseItem, continueTo, findOrder, merchant, MESSAGES, submitStep, text } from './support.ts';

const en = MESSAGES.en;

test('order not found and an ended return window (#1002) are explained next to the fields', async ({ page }, info) => {
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, '#999999', '1016 GV');
  const number = page.locator('#lookup-number');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAttribute('aria-describedby', /error-number/);
  await expect(page.locator('#error-number')).toHaveText(en.errorOrderNotFound);
  await expect(page.locator('#lookup-postal')).toHaveAttribute('aria-describedby', /error-postalCode/);
  await expect(page.locator('[role="alert"]')).toContainText(en.errorOrderNotFound);
  await expect(number).toBeFocused();
  await checkStep(page, info, 'order-not-found', { heading: en.startTitle });

  await findOrder(page, '1002', '1016GV');
  const alert = page.locator('[role="alert"]');
  await expect(alert).toContainText(text('en', 'errorWindowExpiredOn'));
  await expect(alert).toContainText(/\d{4}/);
  await expect(page.locator('h1')).toHaveText(en.startTitle);
  await checkStep(page, info, 'window-ended', { heading: en.startTitle });
});

test('a border crossing without customs data (#1004) names the item and lets the rest go back', async ({ page }, info) => {
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, '1004', 'nw1 6xe');
  await chooseItem(page, 'Organic T-shirt', 'too_large');
  await chooseItem(page, 'Wool scarf', 'damaged');
  await continueTo(page, en.methodTitle);
  await expect(page.locator('.notice')).toHaveText(en.customsNotice);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await continueTo(page, en.resolutionTitle);
  await page.locator('input[name="resolution"][value="refund"]').check();
  await continueTo(page, en.contactTitle);
  await page.locator('#contact-email').fill('oliver@example.com');
  await continueTo(page, en.reviewTitle);
  await continueTo(page, en.itemsTitle);

  await checkStep(page, info, 'customs-missing', { heading: en.itemsTitle, focused: true });
  await expect(page.locator('.error-summary')).toContainText(en.errorCustomsSummary);
  const scarf = page.locator('li.item', { hasText: 'Wool scarf' });
  await expect(scarf.locator('.field-error p')).toHaveText(en.errorCustomsItem);
  await expect(scarf.locator('input[type="checkbox"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('li.item', { hasText: 'Organic T-shirt' }).locator('.field-error')).toHaveCount(0);

  await scarf.locator('input[type="checkbox"]').uncheck();
  for (const heading of [en.methodTitle, en.resolutionTitle, en.contactTitle, en.reviewTitle, en.doneTitle])
    await continueTo(page, heading);
  await expect(page.locator('a', { hasText: en.downloadCustoms })).toBeVisible();
  await checkStep(page, info, 'done-with-cn23', { heading: en.doneTitle });
});

test('a carrier that needs a phone number (#1008, Sandbox Courier in NL) asks for it', async ({ page }, info) => {
  await page.goto(`${baseUrl()}/r/demo`);
  await findOrder(page, '1008', '1016 GV');
  await chooseItem(page, 'Slim jeans', 'not_as_described');
  await continueTo(page, en.methodTitle);
  const courier = page.locator('label.option', { has: page.locator('input[value="drop_off:sandbox_courier"]') });
  await expect(courier).toContainText(en.needsPhone);
  await courier.locator('input').check();
  await continueTo(page, en.resolutionTitle);
  await page.locator('input[name="resolution"][value="refund"]').check();
  await continueTo(page, en.contactTitle);

  const phone = page.locator('#contact-phone');
  await expect(phone).toHaveAttribute('required', '');
  await expect(page.locator('#contact-phone-hint')).toHaveText(en.phoneHintRequired.replace('{carrier}', 'Sandbox Courier'));
  await page.locator('#contact-email').fill('sanne@example.com');
  await submitStep(page);
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAttribute('aria-describedby', /error-phone/);
  await expect(page.locator('[role="alert"]')).toContainText(en.errorPhoneMissing);
  await checkStep(page, info, 'phone-missing', { heading: en.contactTitle });

  // The server's own refusal (422 phone_required) lands on the same field.
  await phone.fill('+31 20 123 4567');
  await continueTo(page, en.reviewTitle);
  await page.route('**/api/portal/demo/returns?**', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    delete body.contact.phone;
    await route.continue({ postData: JSON.stringify(body) });
  });
  await continueTo(page, en.contactTitle);
  await expect(page.locator('#error-phone')).toHaveText(en.errorPhoneRequiredByCarrier);
  await checkStep(page, info, 'phone-required-by-server', { heading: en.contactTitle, focused: true });
  await page.unrouteAll();
  await continueTo(page, en.reviewTitle);
  await continueTo(page, en.doneTitle);
  await checkStep(page, info, 'done', { heading: en.doneTitle });
});

test('after 10 failed lookups the portal says when to try again', async ({ page, request }, info) => {
  // A portal of its own, so this test's failures do not limit the other journeys.
  const portals = await merchant(request, 'GET', '/portals');
  const demo = portals.data.find((p: { slug: string }) => p.slug === 'demo');
  const { id, slug, url, embedSnippet, warnings, deepLinks, createdAt, updatedAt, ...settings } = demo;
  await merchant(request, 'POST', '/portals', { ...settings, slug: 'e2e-limits' });

  await page.goto(`${baseUrl()}/r/e2e-limits?lang=nl`);
  const nl = MESSAGES.nl;
  for (let attempt = 1; attempt <= 10; attempt++) {
    await findOrder(page, `#${5000 + attempt}`, '1016 GV');
    await expect(page.locator('#error-number')).toHaveText(nl.errorOrderNotFound);
  }
  await findOrder(page, '#5011', '1016 GV');
  const alert = page.locator('[role="alert"]');
  await expect(alert).toContainText(text('nl', 'errorTooManyAttempts'));
  await expect(alert).toContainText(/over 1[45] minuten opnieuw proberen \(om \d{2}:\d{2}\)/);
  await checkStep(page, info, 'rate-limited', { heading: nl.startTitle });
});
