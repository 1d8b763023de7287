// A full return in each language, each language chosen a different way (browser, ?lang=, the
// selector), each through a different way of sending back — axe-checked and screenshotted per step.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { baseUrl, checkStep, chooseItem, findOrder, type Lang, MESSAGES, submitStep, text } from './support.ts';

type Journey = {
  lang: Lang;
  /** How the language is chosen: the browser's language, ?lang=, or the selector on the page. */
  how: 'browser' | 'query' | 'selector';
  locale?: string;
  order: string;
  by?: 'order' | 'tracking';
  postal: string;
  item: string;
  option: string;
  resolution: 'refund' | 'store_credit' | 'exchange';
  finder?: boolean;
  expects: 'label' | 'customs' | 'store';
};

const JOURNEYS: Journey[] = [
  {
    lang: 'en',
    how: 'browser',
    order: '#1001',
    postal: '1016 gv',
    item: 'Organic T-shirt',
    option: 'drop_off:sandbox',
    resolution: 'refund',
    expects: 'label',
  },
  {
    lang: 'nl',
    how: 'query',
    order: 'demo1001nl',
    by: 'tracking',
    postal: '1016GV',
    item: 'Organic T-shirt',
    option: 'pickup:sandbox',
    resolution: 'store_credit',
    expects: 'label',
  },
  {
    lang: 'fr',
    how: 'browser',
    locale: 'fr-BE',
    order: '1006',
    postal: '1000',
    item: 'Organic T-shirt',
    option: 'drop_off:sandbox',
    resolution: 'exchange',
    finder: true,
    expects: 'label',
  },
  {
    lang: 'de',
    how: 'selector',
    order: 'DEMO1003DE',
    by: 'tracking',
    postal: '10119',
    item: 'Slim jeans',
    option: 'in_store',
    resolution: 'refund',
    expects: 'store',
  },
  {
    lang: 'it',
    how: 'query',
    order: '#1005',
    postal: '8001',
    item: 'Slim jeans',
    option: 'drop_off:sandbox',
    resolution: 'refund',
    expects: 'customs',
  },
];

async function openPortal(browser: Browser, j: Journey): Promise<Page> {
  const context = await browser.newContext({ locale: j.locale ?? 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/r/demo${j.how === 'query' ? `?lang=${j.lang}` : ''}`);
  if (j.how === 'selector') {
    await expect(page.locator('h1')).toHaveText(MESSAGES.en.startTitle);
    await page.locator('#language-header').selectOption(j.lang);
    await expect(page).toHaveURL(new RegExp(`lang=${j.lang}`));
  }
  return page;
}

for (const j of JOURNEYS) {
  test(`${j.lang}: full return of ${j.order} (${j.option}, ${j.resolution})`, async ({ browser }, info) => {
    const m = MESSAGES[j.lang];
    const page = await openPortal(browser, j);
    await expect(page.locator('html')).toHaveAttribute('lang', j.lang);
    await checkStep(page, info, 'start', { heading: m.startTitle });
    await expect(page.locator('.instructions')).toContainText('original packaging');

    await findOrder(page, j.order, j.postal, j.by);
    await checkStep(page, info, 'items', { heading: m.itemsTitle, focused: true });
    await expect(page.locator('.deadline')).toContainText(text(j.lang, 'deadline'));
    await chooseItem(page, j.item, 'too_small');
    await submitStep(page);

    await checkStep(page, info, 'method', { heading: m.methodTitle, focused: true });
    if (j.expects === 'customs') await expect(page.locator('.notice')).toHaveText(m.customsNotice);
    await page.locator(`input[name="method"][value="${j.option}"]`).check();
    if (j.option.startsWith('pickup')) await page.locator('#pickup-date').selectOption({ index: 2 });
    if (j.finder) {
      await page.locator('.finder button').click();
      await page.locator('input[name="service-point"]').first().check();
      await checkStep(page, info, 'method-drop-off-point');
    }
    await submitStep(page);

    await checkStep(page, info, 'resolution', { heading: m.resolutionTitle, focused: true });
    await page.locator(`input[name="resolution"][value="${j.resolution}"]`).check();
    if (j.resolution === 'exchange') await page.locator('#exchange-note').fill('Taille L, même couleur');
    await submitStep(page);

    await checkStep(page, info, 'contact', { heading: m.contactTitle, focused: true });
    await expect(page.locator('#contact-email-hint')).toContainText('***@example.com');
    await expect(page.locator('#contact-email')).toHaveValue('');
    await page.locator('#contact-email').fill('shopper@example.com');
    await submitStep(page);

    await checkStep(page, info, 'review', { heading: m.reviewTitle, focused: true });
    await expect(page.locator('.summary-list')).toContainText(j.item);
    if (j.finder) await expect(page.locator('main')).toContainText(text(j.lang, 'dropOffAt'));
    await page.locator('main form .actions button[type="submit"]').click();

    await expect(page.locator('h1')).toHaveText(m.doneTitle);
    await expect(page.locator('main')).toContainText(m.emailSent.replace('{email}', 'shopper@example.com'));
    if (j.expects === 'store') {
      await expect(page.locator('.how-list')).toContainText(text(j.lang, 'nextStore'));
    } else {
      const a4 = page.locator('a', { hasText: m.downloadA4 });
      await expect(a4).toBeVisible();
      await expect(page.locator('a', { hasText: m.downloadA6 })).toBeVisible();
      const pdf = await page.request.get(`${baseUrl()}${await a4.getAttribute('href')}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      // Every format is on the page: 4×6 in and ZPL for thermal label printers.
      const fourBySix = await page.request.get(`${baseUrl()}${await page.locator('a', { hasText: '4×6 in (PDF)' }).getAttribute('href')}`);
      expect(fourBySix.headers()['content-type']).toContain('application/pdf');
      const zpl = await page.request.get(`${baseUrl()}${await page.locator('a', { hasText: 'ZPL' }).getAttribute('href')}`);
      expect(zpl.status()).toBe(200);
      expect(await zpl.text()).toMatch(/^\^XA/);
    }
    if (j.expects === 'customs') await expect(page.locator('a', { hasText: m.downloadCustoms })).toBeVisible();
    await checkStep(page, info, 'done', { heading: m.doneTitle, focused: true });
    await page.context().close();
  });
}
