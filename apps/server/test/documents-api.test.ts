// Return documents over HTTP, read back the way a counter clerk's scanner would: the PDF is
// rasterised (pdftoppm) and its barcodes decoded (zbarimg).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalReturn, eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'retour-docs-'));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every barcode zbarimg finds on page 1 of a PDF (or in a PNG), as "TYPE:value". */
function scan(body: Buffer, kind: 'pdf' | 'png', dpi = 300): string[] {
  const name = join(dir, `doc-${Math.random().toString(36).slice(2)}`);
  writeFileSync(`${name}.${kind}`, body);
  let image = `${name}.png`;
  if (kind === 'pdf') {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', '1', '-l', '1', `${name}.pdf`, `${name}-page`]);
    image = `${name}-page.png`;
  }
  try {
    return execFileSync('zbarimg', ['-q', image], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    return [];
  }
}

function text(body: Buffer): string {
  const name = join(dir, `text-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(name, body);
  return execFileSync('pdftotext', ['-layout', name, '-'], { encoding: 'utf8' });
}

async function returnFor(portal: Record<string, unknown>, order: Record<string, unknown>, body: Record<string, unknown> = {}) {
  const shop = await setupShop(h, portal);
  const o = orderPayload(h, order);
  await shop.importOrders(o);
  const res = await createPortalReturn(h, shop.slug, o, body);
  expect(res.statusCode, res.body).toBe(201);
  return { shop, ret: json(res) };
}

const shopper = (slug: string, ret: Record<string, any>, path: string, query = '') =>
  h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${ret.id}/${path}?access=${ret.accessCode}${query}` });

describe('return labels', () => {
  it.each(['a6', 'a4', '4x6'])('the %s PDF carries the tracking number as a Code128 that scans at 300 and 203 dpi', async (format) => {
    const { shop, ret } = await returnFor({}, {});
    expect(ret.label).toMatchObject({ status: 'ready', formats: ['a6', 'a4', '4x6', 'zpl'], customsDeclaration: false });
    const res = await shopper(shop.slug, ret, 'label', `&format=${format}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="return-${ret.reference}-${format}.pdf"`);
    for (const dpi of [300, 203]) expect(scan(res.rawPayload, 'pdf', dpi)).toContain(`CODE-128:${ret.label.trackingNumber}`);
    const words = text(res.rawPayload);
    expect(words).toContain(ret.reference);
    expect(words).toContain('Sanne de Vries');
  });

  it('staff download the same label and the ZPL', async () => {
    const { shop, ret } = await returnFor({}, {});
    const pdf = await shop.merchant.call('GET', `/api/v1/returns/${ret.id}/label?format=a6`);
    expect(pdf.statusCode).toBe(200);
    expect(scan(pdf.rawPayload, 'pdf')).toContain(`CODE-128:${ret.label.trackingNumber}`);
    const zpl = await shop.merchant.call('GET', `/api/v1/returns/${ret.id}/label?format=zpl`);
    expect(zpl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(zpl.body).toMatch(/^\^XA/);
    expect(zpl.body).toContain(`^FD${ret.label.trackingNumber}^FS`);
    expect(zpl.body.trim()).toMatch(/\^XZ$/);
  });

  it('has no label before the return is approved, and says why', async () => {
    const { shop, ret } = await returnFor({ approval: 'manual' }, {});
    expect(ret.label).toMatchObject({ status: 'none', formats: [] });
    const res = await shopper(shop.slug, ret, 'label', '&format=a6');
    expect(res.statusCode).toBe(404);
    expect(json(res).error).toMatchObject({ code: 'document_not_found', details: { labelStatus: 'none', formats: [] } });
  });

  it('refuses a wrong access code with the same answer as an unknown return', async () => {
    const { shop, ret } = await returnFor({}, {});
    const wrong = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/returns/${ret.id}/label?access=nope&format=a6` });
    const unknown = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${shop.slug}/returns/ret_unknown/label?access=${ret.accessCode}&format=a6`,
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
  });

  it('rejects an unknown format with a validation error', async () => {
    const { shop, ret } = await returnFor({}, {});
    const res = await shopper(shop.slug, ret, 'label', '&format=letter');
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.issues[0].path).toEqual(['format']);
  });
});

describe('label-less returns', () => {
  it('give a QR code carrying the return reference, as PNG and on the A4 sheet, and no A6 label', async () => {
    const { shop, ret } = await returnFor({}, {}, { method: 'drop_off_labelless' });
    expect(ret.label.formats).toEqual(['qr', 'a4']);
    const png = await shopper(shop.slug, ret, 'qr');
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(scan(png.rawPayload, 'png')).toEqual([`QR-Code:${ret.reference}`]);
    const sheet = await shopper(shop.slug, ret, 'label', '&format=a4');
    expect(scan(sheet.rawPayload, 'pdf')).toContain(`QR-Code:${ret.reference}`);
    expect((await shopper(shop.slug, ret, 'label', '&format=a6')).statusCode).toBe(404);
  });

  it('a printed-label return has no QR code', async () => {
    const { shop, ret } = await returnFor({}, {});
    expect((await shopper(shop.slug, ret, 'qr')).statusCode).toBe(404);
  });
});

describe('CN23 customs declaration', () => {
  const swiss = {
    shippingAddress: { name: 'Luca Rossi', street: 'Bahnhofstrasse', houseNumber: '10', postalCode: '8001', city: 'Zürich', country: 'CH' },
  };

  it('comes with a return from Switzerland, with the item customs data', async () => {
    const { shop, ret } = await returnFor({}, swiss);
    expect(ret.label.customsDeclaration).toBe(true);
    const res = await shopper(shop.slug, ret, 'customs');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`return-${ret.reference}-cn23.pdf`);
    const words = text(res.rawPayload);
    for (const expected of ['610910', 'PT', 'Luca Rossi', 'Zürich', 'Acme Returns', ret.reference, '29.95', 'EUR'])
      expect(words).toContain(expected);
    expect(words.toLowerCase()).toContain('returned goods');
    const staff = await shop.merchant.call('GET', `/api/v1/returns/${ret.id}/customs`);
    expect(staff.statusCode).toBe(200);
  });

  it('is not made for a return inside the EU', async () => {
    const { shop, ret } = await returnFor({}, {});
    expect(ret.label.customsDeclaration).toBe(false);
    const res = await shopper(shop.slug, ret, 'customs');
    expect(res.statusCode).toBe(404);
    expect(json(res).error.code).toBe('document_not_found');
  });
});

describe('the EU model withdrawal form', () => {
  it.each(['en', 'nl', 'fr', 'de', 'it'])('is downloadable in %s with the shop filled in', async (lang) => {
    const shop = await setupShop(h);
    const res = await h.app.inject({ method: 'GET', url: `/api/portal/${shop.slug}/withdrawal-form?lang=${lang}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`withdrawal-form-${lang}.pdf`);
    expect(text(res.rawPayload)).toContain('Acme');
  });
});

describe('label cost', () => {
  it('is recorded from the carrier price list and totalled per carrier and month', async () => {
    const shop = await setupShop(h);
    for (const country of ['NL', 'NL', 'DE']) {
      const address = { name: 'X', street: 'Y', houseNumber: '1', postalCode: country === 'NL' ? '1016 GV' : '10119', city: 'Z', country };
      const o = orderPayload(h, { shippingAddress: address });
      await shop.importOrders(o);
      expect((await createPortalReturn(h, shop.slug, o)).statusCode).toBe(201);
    }
    const month = h.clock.now.toISOString().slice(0, 7);
    const res = await shop.merchant.call('GET', `/api/v1/reports/label-costs?from=${month}&to=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    // Sandbox Post: NL 4.95, DE 5.95.
    expect(json(res).data).toEqual([{ month, carrier: 'sandbox', labels: 3, total: eur('15.85') }]);
    const earlier = await shop.merchant.call('GET', '/api/v1/reports/label-costs?from=2020-01&to=2020-12');
    expect(json(earlier).data).toEqual([]);
  });

  it.each([
    ['from=2026-13&to=2026-12', 'from'],
    ['from=2026-05&to=2026-04', 'from'],
    ['from=2020-01&to=2026-01', 'to'],
    ['to=2026-01', 'from'],
  ])('refuses %s', async (query, field) => {
    const shop = await setupShop(h);
    const res = await shop.merchant.call('GET', `/api/v1/reports/label-costs?${query}`);
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.issues.map((i: { path: string[] }) => i.path[0])).toContain(field);
  });
});
