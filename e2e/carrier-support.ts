// Shared by the carrier journeys (carriers-*.spec.ts): connecting carrier accounts of the demo
// merchant through the merchant API, choosing their services, a portal of their own whose carriers
// are those accounts, orders from a given country, and reading the carriers' barcodes the way a
// counter scanner does (pdftoppm + zbarimg, packages/documents/test/scan.ts).
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { decodeTyped, rasterise, writeTemp } from '../packages/documents/test/scan.ts';
import { baseUrl, chooseItem, continueTo, findOrder, MESSAGES, merchant, submitStep, text } from './support.ts';

type Request = APIRequestContext;
export type ServiceChoice = { country: string; method: string; service: string };

/** A suffix that keeps this run's carrier codes, slugs and orders apart from every other run's. */
export const runId = () => `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;

/** Connects an account through the merchant API (the carrier fake checks the credentials); returns its id. */
export async function connectAccount(request: Request, provider: string, code: string, credentials: Record<string, string>) {
  const account = await merchant(request, 'POST', '/carrier-accounts', { provider, code, credentials });
  expect(account.status).toBe('active');
  return account.id as string;
}

/** Chooses the account's services per country and method (the server checks them against the carrier's list). */
export async function chooseServices(request: Request, id: string, services: ServiceChoice[]) {
  const account = await merchant(request, 'PATCH', `/carrier-accounts/${id}`, { settings: { services } });
  expect(account.settings.services.map((s: ServiceChoice) => [s.country, s.method, s.service])).toEqual(
    services.map((s) => [s.country, s.method, s.service]),
  );
}

/** The services of the merchant's account with this code, as the API lists them now. */
export async function servicesOf(request: Request, code: string): Promise<ServiceChoice[]> {
  const accounts = (await merchant(request, 'GET', '/carrier-accounts')).data as {
    code: string;
    settings: { services: ServiceChoice[] };
  }[];
  return (
    accounts.find((a) => a.code === code)?.settings.services.map(({ country, method, service }) => ({ country, method, service })) ?? []
  );
}

/**
 * A portal of its own (so the demo portals the other journeys use keep their sandbox carriers):
 * the demo brand and return address, enabled, with these methods and `carriers` per country.
 */
export async function carrierPortal(request: Request, slug: string, methods: string[], carriers: Record<string, string[]>) {
  const portals = (await merchant(request, 'GET', '/portals')).data as { slug: string; brandId: string; returnAddressId: string }[];
  const demo = portals.find((p) => p.slug === 'demo');
  if (!demo) throw new Error('the demo portal is missing');
  // The demo return address, with the phone number and email carriers need on an international
  // label (UPS refuses a Ship To without a phone when the countries differ).
  const { id, kind, brandId, createdAt, updatedAt, ...fields } = await merchant(request, 'GET', `/addresses/${demo.returnAddressId}`);
  void [id, createdAt, updatedAt];
  const address = await merchant(request, 'POST', '/addresses', {
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)),
    kind,
    brandId,
    phone: '+31 20 123 4567',
    email: 'returns@example.com',
  });
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    returnAddressId: address.id,
    enabled: true,
    approval: 'automatic',
    methods,
    carriers,
    resolutions: ['refund'],
  });
  return `${baseUrl()}/r/${slug}`;
}

export type Address = { street: string; houseNumber: string; postalCode: string; city: string; country: string };
export const AMSTERDAM: Address = { street: 'Damrak', houseNumber: '1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' };
export const UTRECHT: Address = { street: 'Reactorweg', houseNumber: '30', postalCode: '3542 AB', city: 'Utrecht', country: 'NL' };
export const BERLIN: Address = { street: 'Friedrichstraße', houseNumber: '43', postalCode: '10117', city: 'Berlin', country: 'DE' };

/** Imports one demo-brand order shipped to `address`, delivered yesterday, with one shirt. */
export async function importOrderTo(request: Request, orderNumber: string, address: Address) {
  const brands = await merchant(request, 'GET', '/brands');
  const now = Date.now();
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      {
        integration: 'e2e',
        externalId: orderNumber,
        orderNumber,
        placedAt: new Date(now - 3 * 86_400_000).toISOString(),
        currency: 'EUR',
        brandId: brands.data[0].id,
        customer: { name: 'Eva Jansen', email: 'eva@example.com' },
        shippingAddress: { name: 'Eva Jansen', ...address },
        items: [
          {
            externalId: `${orderNumber}-1`,
            sku: 'SK-RED-S',
            name: 'Linen shirt, red',
            variant: 'S',
            quantity: 1,
            unitPrice: { value: '49.50', currency: 'EUR' },
            weightGrams: 400,
          },
        ],
        shipments: [
          {
            carrier: 'sandbox',
            trackingNumber: `E2E${orderNumber.replace(/\W/g, '')}`,
            shippedAt: new Date(now - 2 * 86_400_000).toISOString(),
            deliveredAt: new Date(now - 86_400_000).toISOString(),
          },
        ],
      },
    ],
  });
  expect(imported.failed, 'order import').toEqual([]);
}

/** Downloads a link's target in the page's session (the portal's and back office's own links). */
export async function download(request: Request, href: string | null) {
  if (!href) throw new Error('the link has no href');
  const response = await request.get(new URL(href, baseUrl()).toString());
  expect(response.status(), href).toBe(200);
  return { type: response.headers()['content-type'] ?? '', body: await response.body() };
}

/** The barcodes on the first page of a PDF (rasterised at 300 dpi), as zbarimg reads them. */
export function barcodesOfPdf(pdf: Buffer) {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return decodeTyped(rasterise(pdf, 300));
}

/** The barcodes in a PNG/GIF image. */
export function barcodesOfImage(bytes: Buffer, extension: 'png' | 'gif') {
  return decodeTyped(writeTemp(bytes, extension));
}

const en = MESSAGES.en;

/** The shopper finds the order in the portal and chooses the shirt; ends on the method step. */
export async function toMethodStep(page: Page, portalUrl: string, orderNumber: string, postalCode: string) {
  await page.goto(portalUrl);
  await findOrder(page, orderNumber, postalCode);
  await expect(page.locator('h1')).toHaveText(en.itemsTitle);
  await chooseItem(page, 'Linen shirt', 'too_small');
  await continueTo(page, en.methodTitle);
}

/** The method step's choices as `method:carrier` values, in the order shown. */
export async function offeredChoices(page: Page): Promise<string[]> {
  return page.locator('input[name="method"]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
}

/** From the method step (choice made) through contact and review; `phone` when the carrier needs one. */
export async function confirmReturn(page: Page, contact: { email: string; phone?: string }) {
  await continueTo(page, en.contactTitle);
  await page.locator('#contact-email').fill(contact.email);
  if (contact.phone) await page.locator('#contact-phone').fill(contact.phone);
  await continueTo(page, en.reviewTitle);
  await submitStep(page);
}

/** On the done page: opens the status page and returns the reference and tracking number it shows. */
export async function openStatusPage(page: Page) {
  await expect(page.locator('h1')).toHaveText(en.doneTitle);
  const reference = ((await page.locator('.lead').textContent()) ?? '').replace(/^.*: /, '').trim();
  await page.locator('a', { hasText: en.statusLink }).click();
  await expect(page.locator('h1')).toHaveText(`Return ${reference}`);
  const tracking = page.locator('.documents p', { hasText: text('en', 'trackingNumberIs') });
  await expect(tracking).toBeVisible();
  const trackingNumber = ((await tracking.textContent()) ?? '').replace(text('en', 'trackingNumberIs'), '').trim();
  expect(trackingNumber).not.toBe('');
  const id = /\/returns\/(ret_[a-z0-9]+)/.exec(page.url())?.[1] ?? '';
  return { reference, trackingNumber, id };
}
