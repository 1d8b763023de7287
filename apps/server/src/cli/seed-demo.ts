// Demo data for an empty database: a merchant, a brand, addresses, two portals and orders that
// show the interesting cases. Dates are relative to now, so the demo always behaves the same.
import type { OrderImport } from '@retour/contracts/orders';
import { normaliseOrderNumber } from '@retour/domain/normalise';
import { getRow } from '@retour/db/repos/config';
import { getOrder, listOrders } from '@retour/db/repos/orders';
import { getReturnRow } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { createReturn } from '../use-cases/shared/create-return.ts';
import { portalSettingsOf } from '../use-cases/shared/load-portal.ts';
import { createMerchant } from '../use-cases/merchants/create-merchant.ts';
import { importOrders } from '../use-cases/orders/import-orders.ts';
import { createAddress } from '../use-cases/settings/save-address.ts';
import { createBrand } from '../use-cases/settings/save-brand.ts';
import { createPortal } from '../use-cases/settings/save-portal.ts';

export const DEMO_LOGIN = { email: 'demo@retour.local', password: 'demo-retour' };

const eur = (value: string) => ({ value, currency: 'EUR' });
const CUSTOMER = { name: 'Sanne de Vries', email: 'sanne@example.com' };
const NL = { name: 'Sanne de Vries', street: 'Prinsengracht', houseNumber: '263', postalCode: '1016 GV', city: 'Amsterdam', country: 'NL' };

function orders(now: Date): OrderImport[] {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const shirt = (n: string) => ({
    externalId: `${n}-1`,
    sku: 'TS-BLUE-M',
    name: 'Organic T-shirt, blue',
    variant: 'M',
    quantity: 2,
    unitPrice: eur('29.95'),
    hsCode: '610910',
    originCountry: 'PT',
    weightGrams: 180,
  });
  const jeans = (n: string) => ({
    externalId: `${n}-2`,
    sku: 'JN-SLIM-32',
    name: 'Slim jeans',
    variant: '32/32',
    quantity: 1,
    unitPrice: eur('89.00'),
    hsCode: '620342',
    originCountry: 'TR',
    weightGrams: 650,
  });
  const sale = (n: string) => ({
    externalId: `${n}-3`,
    sku: 'SC-SALE',
    name: 'Wool scarf (final sale)',
    quantity: 1,
    unitPrice: eur('15.00'),
    returnable: false,
    weightGrams: 120,
  });
  const base = (n: string, days: number) => ({
    integration: 'Webshop NL',
    externalId: `demo-${n}`,
    orderNumber: `#${n}`,
    placedAt: ago(days + 2),
    currency: 'EUR',
    customer: CUSTOMER,
    shipments: [],
  });
  return [
    {
      ...base('1001', 5),
      shippingAddress: NL,
      items: [shirt('1001'), jeans('1001'), sale('1001')],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1001NL', shippedAt: ago(6), deliveredAt: ago(5), deliveredTo: 'home' }],
    },
    {
      ...base('1002', 90),
      shippingAddress: NL,
      items: [shirt('1002')],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1002NL', shippedAt: ago(91), deliveredAt: ago(90) }],
    },
    {
      ...base('1003', 3),
      customer: { ...CUSTOMER, name: 'Lena Schmidt', email: 'lena@example.com' },
      shippingAddress: { name: 'Lena Schmidt', street: 'Torstraße', houseNumber: '1', postalCode: '10119', city: 'Berlin', country: 'DE' },
      items: [jeans('1003')],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1003DE', shippedAt: ago(3) }],
    },
    {
      ...base('1004', 4),
      customer: { name: 'Oliver Brown', email: 'oliver@example.com' },
      shippingAddress: {
        name: 'Oliver Brown',
        street: 'Baker Street',
        houseNumber: '221B',
        postalCode: 'NW1 6XE',
        city: 'London',
        country: 'GB',
      },
      items: [shirt('1004'), { ...sale('1004'), returnable: true, hsCode: null, originCountry: null }],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1004GB', shippedAt: ago(6), deliveredAt: ago(4) }],
    },
    {
      ...base('1005', 4),
      customer: { name: 'Luca Rossi', email: 'luca@example.com', phone: '+41 44 123 45 67' },
      shippingAddress: {
        name: 'Luca Rossi',
        street: 'Bahnhofstrasse',
        houseNumber: '10',
        postalCode: '8001',
        city: 'Zürich',
        country: 'CH',
      },
      items: [shirt('1005'), jeans('1005')],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1005CH', shippedAt: ago(6), deliveredAt: ago(4) }],
    },
    {
      ...base('1006', 2),
      customer: { name: 'Camille Martin', email: 'camille@example.com' },
      shippingAddress: {
        name: 'Camille Martin',
        street: 'Rue Neuve',
        houseNumber: '5',
        postalCode: '1000',
        city: 'Bruxelles',
        country: 'BE',
      },
      items: [shirt('1006')],
      shipments: [
        { carrier: 'sandbox', trackingNumber: 'DEMO1006BE', shippedAt: ago(4), deliveredAt: ago(2), deliveredTo: 'service_point' },
      ],
    },
    {
      ...base('1007', 1),
      customer: { name: 'Ana García', email: 'ana@example.com' },
      shippingAddress: {
        name: 'Ana García',
        street: 'Calle Mayor',
        houseNumber: '3',
        postalCode: '35001',
        city: 'Las Palmas de Gran Canaria',
        country: 'ES',
      },
      items: [{ ...jeans('1007'), hsCode: null }],
      shipments: [{ carrier: 'sandbox', trackingNumber: 'DEMO1007ES', shippedAt: ago(3), deliveredAt: ago(1) }],
    },
    { ...base('1008', 0), shippingAddress: NL, items: [jeans('1008')], shipments: [] },
  ];
}

export async function seedDemo(ctx: Ctx): Promise<{ apiKey: string; merchantId: string; returns: DemoReturn[] }> {
  const created = await createMerchant(ctx, { name: 'Demo Shop', ...DEMO_LOGIN });
  const m = created.merchant.id;
  const brand = await createBrand(ctx, m, {
    name: 'Demo Shop',
    colors: { primary: '#1f4fd1', background: '#ffffff' },
    defaultLanguage: 'en',
  });
  const ret = await createAddress(ctx, m, {
    kind: 'return',
    brandId: brand.id,
    name: 'Demo Shop Returns',
    street: 'Keizersgracht',
    houseNumber: '100',
    postalCode: '1015 CV',
    city: 'Amsterdam',
    country: 'NL',
    email: 'returns@demo.example',
  });
  await createAddress(ctx, m, {
    kind: 'sender',
    brandId: brand.id,
    name: 'Demo Shop',
    street: 'Keizersgracht',
    houseNumber: '100',
    postalCode: '1015 CV',
    city: 'Amsterdam',
    country: 'NL',
  });
  await createAddress(ctx, m, {
    kind: 'store',
    brandId: brand.id,
    name: 'Demo Shop Amsterdam Centrum',
    street: 'Kalverstraat',
    houseNumber: '1',
    postalCode: '1012 NX',
    city: 'Amsterdam',
    country: 'NL',
  });
  const common = {
    brandId: brand.id,
    enabled: true,
    returnAddressId: ret.id,
    returnWindowDays: 30,
    methods: ['drop_off', 'drop_off_labelless', 'pickup', 'in_store'] as const,
    carriers: { NL: ['sandbox', 'sandbox_courier'], '*': ['sandbox'] },
    resolutions: ['refund', 'store_credit', 'exchange'] as const,
    reasons: ['too_small', 'too_large', 'not_as_described', 'damaged', 'changed_mind'].map((code) => ({ code, labels: {} })),
    notificationEmail: 'returns@demo.example',
    policyUrl: 'https://demo.example/returns-policy',
    instructionsHtml: '<p>Pack the items in their <b>original packaging</b> where you can.</p>',
    withdrawalFunction: true,
  };
  const demo = await createPortal(ctx, m, {
    ...common,
    slug: 'demo',
    methods: [...common.methods],
    resolutions: [...common.resolutions],
    returnFee: { amount: eur('2.95'), payment: 'deduct_from_refund' },
  });
  await createPortal(ctx, m, {
    ...common,
    slug: 'demo-approval',
    methods: ['drop_off'],
    resolutions: [...common.resolutions],
    approval: 'manual',
  });
  await importOrders(ctx, m, orders(ctx.now()));
  const returns = await demoReturns(ctx, m, demo.id);
  return { apiKey: created.apiKey, merchantId: m, returns };
}

export type DemoReturn = { label: string; id: string; reference: string; accessCode: string; downloads: string[] };

/** Three returns made through the real path, so every document can be downloaded at once. */
async function demoReturns(ctx: Ctx, merchantId: string, portalId: string): Promise<DemoReturn[]> {
  const portal = await getRow(ctx.db, 'portals', merchantId, portalId);
  if (!portal) return [];
  const settings = portalSettingsOf(portal);
  const cases = [
    {
      label: 'printed label (#1005, Switzerland, with CN23)',
      orderNumber: '#1005',
      method: 'drop_off' as const,
      downloads: ['label?format=a6', 'label?format=a4', 'label?format=4x6', 'label?format=zpl', 'customs'],
    },
    {
      label: 'label-less QR (#1006, Belgium)',
      orderNumber: '#1006',
      method: 'drop_off_labelless' as const,
      downloads: ['qr', 'label?format=a4'],
    },
  ];
  const made: DemoReturn[] = [];
  for (const c of cases) {
    const [order] = await listOrders(ctx.db, merchantId, { limit: 1, orderNumberNorm: normaliseOrderNumber(c.orderNumber) });
    const agg = order ? await getOrder(ctx.db, merchantId, order.id) : null;
    const item = agg?.items[0];
    if (!agg || !item) continue;
    const { returnId, accessCode } = await createReturn(ctx, {
      merchantId,
      portal,
      settings,
      orderId: agg.order.id,
      choice: {
        items: [{ orderItemId: item.id, quantity: 1, reason: 'too_large', comment: null }],
        method: c.method,
        carrier: 'sandbox',
        resolution: 'refund',
      },
      contact: { email: agg.order.customerEmail, phone: null },
      language: 'en',
      actor: 'demo',
      overrideWindow: false,
      overrideNote: null,
    });
    const row = await getReturnRow(ctx.db, merchantId, returnId);
    made.push({ label: c.label, id: returnId, reference: row?.reference ?? '', accessCode, downloads: c.downloads });
  }
  return made;
}

export function demoInstructions(publicUrl: string, apiKey: string, returns: DemoReturn[] = []): string {
  return [
    '',
    'Retour demo data is ready:',
    `  Portal:      ${publicUrl}/r/demo  (order #1001, postal code 1016 GV)`,
    `  Portal API:  curl -s -X POST ${publicUrl}/api/portal/demo/lookup -H 'content-type: application/json' -d '{"orderNumber":"1001","postalCode":"1016 GV"}'`,
    `  Back office: ${publicUrl}/admin  (${DEMO_LOGIN.email} / ${DEMO_LOGIN.password})`,
    `  API key:     ${apiKey}`,
    `  API docs:    ${publicUrl}/api/docs`,
    ...returns.flatMap((r) => [
      `  Demo return ${r.reference}, ${r.label}:`,
      ...r.downloads.map(
        (d) => `    ${publicUrl}/api/portal/demo/returns/${r.id}/${d}${d.includes('?') ? '&' : '?'}access=${r.accessCode}`,
      ),
    ]),
    `  Withdrawal form: ${publicUrl}/api/portal/demo/withdrawal-form?lang=nl`,
    '  Other demo orders: #1002 (window ended), #1003 (DE, not delivered; tracking DEMO1003DE + 10119),',
    '  #1004 (GB, customs data missing), #1005 (CH, customs ok), #1006 (BE, service point), #1007 (Canary Islands), #1008 (not shipped yet).',
    '',
  ].join('\n');
}
