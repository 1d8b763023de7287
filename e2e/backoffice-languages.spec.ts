// The back office in five languages: a user switches their language on the Account page to nl, fr,
// de and it in turn, and every main page (returns, a return's detail, orders, insights, every
// settings page, account) is shown in that language — the navigation, the page's heading, the
// document's `lang`, and no English sentence of the catalogue left on the page — and passes axe.
// Without a choice of their own, the back office follows the browser's language.
import { expect, type Page, test } from '@playwright/test';
import de from '../apps/backoffice/src/messages/de.ts';
import en from '../apps/backoffice/src/messages/en.ts';
import fr from '../apps/backoffice/src/messages/fr.ts';
import it from '../apps/backoffice/src/messages/it.ts';
import nl from '../apps/backoffice/src/messages/nl.ts';
import { admin, checkPage, portalReturn } from './backoffice-support.ts';
import { baseUrl, merchant } from './support.ts';

type Catalogue = Record<keyof typeof en, string>;
const CATALOGUES: Record<'nl' | 'fr' | 'de' | 'it', Catalogue> = { nl, fr, de, it };
const NAV = ['navReturns', 'navManual', 'navOrders', 'navInsights', 'navSettings', 'navAccount'] as const;
const SETTINGS: [string, keyof typeof en][] = [
  ['brands', 'brands'],
  ['addresses', 'addresses'],
  ['portals', 'portals'],
  ['shipping-rules', 'shippingRules'],
  ['email-templates', 'emailTemplates'],
  ['integrations', 'integrations'],
  ['webhooks', 'webhooks'],
  ['background-work', 'backgroundWork'],
  ['payments', 'payments'],
  ['carriers', 'carriers'],
  ['users', 'users'],
  ['api-keys', 'apiKeys'],
];

/** A message with its ICU arguments filled in the simplest way (enough for headings like "Return {reference}"). */
const fill = (text: string, values: Record<string, string> = {}) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** English sentences (three words or more, no arguments) that differ in `lang`: none may remain on a page. */
function englishSentences(lang: Catalogue): string[] {
  return Object.entries(en)
    .filter(([key, text]) => !/[{}]/.test(text) && (text.match(/\p{L}{3,}/gu) ?? []).length >= 3 && lang[key as keyof typeof en] !== text)
    .map(([, text]) => text);
}

/** A fresh owner of the demo merchant, so the demo user's own language never changes under other journeys. */
async function newOwner(request: Parameters<typeof merchant>[0]) {
  const email = `i18n-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  const created = await merchant(request, 'POST', '/users', { email, role: 'owner' });
  return { email, password: created.password as string };
}

async function signInApi(page: Page, user: { email: string; password: string }) {
  const response = await page.request.post(`${baseUrl()}/api/session`, { data: user });
  expect(response.ok(), await response.text()).toBeTruthy();
}

async function expectPage(page: Page, lang: 'nl' | 'fr' | 'de' | 'it', path: string, heading: string, shot: string) {
  const m = CATALOGUES[lang];
  await page.goto(admin(path));
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('h1')).toHaveText(heading);
  await expect(page.getByText(m.loading, { exact: true })).toHaveCount(0);
  const nav = page.getByRole('navigation', { name: m.nav });
  for (const key of NAV) await expect(nav.getByRole('link', { name: m[key], exact: true })).toBeVisible();
  const text = await page.locator('body').innerText();
  const left = englishSentences(m).filter((sentence) => text.includes(sentence));
  expect(left, `English left on ${path} in ${lang}`).toEqual([]);
  await checkPage(page, `lang-${lang}-${shot}`, heading);
}

for (const lang of ['nl', 'fr', 'de', 'it'] as const) {
  test(`a user switches the back office to ${lang}: every main page follows and passes axe`, async ({ page, request }) => {
    test.setTimeout(240_000);
    const m = CATALOGUES[lang];
    const user = await newOwner(request);
    const ret = await portalReturn(request, 'demo', `I18N-${lang}`);
    const portals = await merchant(request, 'GET', '/portals');
    const portalId = portals.data.find((p: { slug: string }) => p.slug === 'demo').id as string;
    await signInApi(page, user);

    // No choice yet and an English browser: English.
    await page.goto(admin('/account'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).toHaveText(en.accountTitle);

    await page.locator('#account-language').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('h1')).toHaveText(m.accountTitle);
    // The choice is the user's: it survives a reload (it is stored, not kept in the page).
    await page.reload();
    await expect(page.locator('h1')).toHaveText(m.accountTitle);
    await expect(page.locator('#account-language')).toHaveValue(lang);

    await expectPage(page, lang, '/returns', m.returnsTitle, 'returns');
    await expectPage(page, lang, `/returns/${ret.id}`, fill(m.returnTitle, { reference: ret.reference }), 'return');
    // The reason is shown in the user's language, never as its code.
    const tooSmall = { nl: 'Te klein', fr: 'Trop petit', de: 'Zu klein', it: 'Troppo piccolo' }[lang];
    await expect(page.getByRole('cell', { name: tooSmall, exact: true })).toBeVisible();
    await expectPage(page, lang, '/orders', m.ordersTitle, 'orders');
    await expectPage(page, lang, '/insights', m.insightsTitle, 'insights');
    for (const [section, key] of SETTINGS) {
      await expectPage(page, lang, `/settings/${section}`, fill(m.settingsSection, { section: m[key] }), `settings-${section}`);
    }
    await expectPage(page, lang, `/settings/portals/${encodeURIComponent(portalId)}`, m.portalSettings, 'portal-editor');
    await expectPage(page, lang, '/account', m.accountTitle, 'account');

    // Back to the browser's language.
    await page.locator('#account-language').selectOption('');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).toHaveText(en.accountTitle);
  });
}

test('without a choice of their own, a user gets the browser’s language (German here)', async ({ browser, request }) => {
  const user = await newOwner(request);
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(admin('/'));
  // The sign-in page already speaks German.
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByLabel(de.email).fill(user.email);
  await page.getByLabel(de.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: de.signIn }).click();
  await expect(page.locator('h1')).toHaveText(de.returnsTitle);
  await expectPage(page, 'de', '/returns', de.returnsTitle, 'browser-default');
  await page.goto(admin('/account'));
  await expect(page.locator('#account-language')).toHaveValue('');
  await context.close();
});
