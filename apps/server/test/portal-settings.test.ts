// GET /api/portal/{slug}: the public settings a portal front end renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from './portal-helpers.ts';
import { eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const settings = (slug: string, query = '', headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url: `/api/portal/${slug}${query}`, headers });
const labels = (body: Record<string, any>) =>
  Object.fromEntries(body.reasons.map((r: { code: string; label: string }) => [r.code, r.label]));

describe('public settings', () => {
  it('shows brand, options, fee, policy and appearance, and nothing internal', async () => {
    const shop = await setupShop(h, {
      returnFee: { amount: eur('2.95'), payment: 'deduct_from_refund' },
      policyUrl: 'https://acme.example/returns',
      notificationEmail: 'returns-team@acme.example',
      allowedFrameAncestors: ['https://acme.example'],
      withdrawalFunction: true,
      appearance: { layout: 'background', backgroundImageUrl: 'https://cdn.acme.example/bg.jpg', showHeader: false, showFooter: true },
    });
    await shop.merchant.call('PATCH', `/api/v1/brands/${shop.brand.id}`, {
      logoUrl: 'https://cdn.acme.example/logo.png',
      colors: { primary: '#112233', background: '#fafafa' },
    });
    const res = await settings(shop.slug);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({
      slug: shop.slug,
      brand: { name: 'Acme', logoUrl: 'https://cdn.acme.example/logo.png', colors: { primary: '#112233', background: '#fafafa' } },
      language: 'en',
      defaultLanguage: 'en',
      methods: ['drop_off', 'drop_off_labelless', 'pickup'],
      resolutions: ['refund', 'store_credit', 'exchange'],
      fee: { amount: eur('2.95'), payment: 'deduct_from_refund' },
      lookup: { byOrderNumber: true, byTrackingNumber: true },
      returnWindowDays: 30,
      policyUrl: 'https://acme.example/returns',
      instructionsHtml: null,
      appearance: { layout: 'background', backgroundImageUrl: 'https://cdn.acme.example/bg.jpg', showHeader: false, showFooter: true },
      withdrawalFunction: true,
    });
    expect(body.languages).toEqual(expect.arrayContaining(['en', 'nl', 'fr', 'de', 'it']));
    for (const hidden of ['returns-team@acme.example', shop.returnAddress.id, shop.portal.id, 'Keizersgracht', 'carriers']) {
      expect(res.body).not.toContain(hidden);
    }
  });

  it('says when orders can be found by tracking number only, and shows no fee when there is none', async () => {
    const shop = await setupShop(h, { allowReturnsWithoutOutboundShipment: false });
    const body = json(await settings(shop.slug));
    expect(body.lookup).toEqual({
      byOrderNumber: false,
      byTrackingNumber: true,
      pairs: [['postal_code', 'tracking_number']],
      giftReturns: false,
    });
    expect(body.fee).toBeNull();
    expect(body.withdrawalFunction).toBe(false);
  });

  it('answers 404 portal_not_found for an unknown or a disabled portal', async () => {
    const shop = await setupShop(h);
    const unknown = await settings('does-not-exist');
    expectError(unknown, 404, 'portal_not_found');
    await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, { enabled: false });
    const disabled = await settings(shop.slug);
    expectError(disabled, 404, 'portal_not_found');
    expect(disabled.body).toBe(unknown.body);
    expect(expectError(await settings('does-not-exist', '?lang=fr'), 404, 'portal_not_found').message).toMatch(/portail/);
  });
});

describe('localised reasons', () => {
  it.each([
    ['?lang=fr', {}, 'fr', { too_small: 'Trop petit', too_large: 'Trop grand', damaged: 'Arrivé endommagé', other: 'Autre' }],
    ['?lang=nl', {}, 'nl', { too_small: 'Te klein', changed_mind: 'Ik heb me bedacht', other: 'Anders' }],
    ['', { 'accept-language': 'de-CH, de;q=0.9' }, 'de', { too_small: 'Zu klein', other: 'Sonstiges' }],
    ['?lang=it', { 'accept-language': 'fr' }, 'it', { too_small: 'Troppo piccolo', other: 'Altro' }],
    ['', {}, 'en', { too_small: 'Too small', not_as_described: 'Not as described', other: 'Other' }],
  ])('GET %s %j speaks %s', async (query, headers, language, expected) => {
    const shop = await setupShop(h);
    const body = json(await settings(shop.slug, query, headers));
    expect(body.language).toBe(language);
    expect(labels(body)).toMatchObject(expected);
    expect(body.reasons.map((r: { code: string }) => r.code)).toEqual([
      'too_small',
      'too_large',
      'not_as_described',
      'damaged',
      'changed_mind',
      'other',
    ]);
    expect(body.reasons.find((r: { code: string }) => r.code === 'other').commentRequired).toBe(true);
    expect(body.reasons.filter((r: { commentRequired: boolean }) => r.commentRequired)).toHaveLength(1);
  });

  it("uses the merchant's own labels, fills gaps from the catalogue, and falls back to the default language", async () => {
    const shop = await setupShop(h, {
      languages: ['nl', 'en', 'fr'],
      defaultLanguage: 'nl',
      reasons: [
        { code: 'too_small', labels: { fr: 'Trop serré' } },
        { code: 'gift_unwanted', labels: { nl: 'Ongewenst cadeau', en: 'Unwanted gift' } },
      ],
    });
    const fr = json(await settings(shop.slug, '?lang=fr'));
    expect(labels(fr)).toEqual({ too_small: 'Trop serré', gift_unwanted: 'Ongewenst cadeau', other: 'Autre' });
    const de = json(await settings(shop.slug, '?lang=de')); // not offered by this portal
    expect(de.language).toBe('nl');
    expect(labels(de)).toEqual({ too_small: 'Te klein', gift_unwanted: 'Ongewenst cadeau', other: 'Anders' });
    const en = json(await settings(shop.slug, '', { 'accept-language': 'en-GB' }));
    expect(labels(en)).toEqual({ too_small: 'Too small', gift_unwanted: 'Unwanted gift', other: 'Other' });
  });

  it('localises the reasons offered by the lookup too', async () => {
    const shop = await setupShop(h);
    const { orderPayload } = await import('./support/fixtures.ts');
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup?lang=nl`,
      payload: { orderNumber: order.orderNumber, postalCode: '1016 GV' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(labels(json(res).options)).toMatchObject({ too_small: 'Te klein', other: 'Anders' });
  });
});

describe('instructions (sanitised rich text)', () => {
  const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'p', 'br', 'a']);
  const dirty = [
    '<p onclick="steal()">Pack the items in the <b>original</b> box, <strong>unused</strong>, <i>with</i> <em>tags</em> and <u>receipt</u>.</p>',
    '<script>alert("xss")</script>',
    '<ul><li onmouseover="steal()">one</li></ul><ol><li>two</li></ol>line<br>break',
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" JaVaScRiPt:alert(2)">click2</a>',
    '<a href="java&#x09;script:alert(3)">click3</a>',
    '<a href="&#106;avascript:alert(4)">click4</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(6)">vb</a>',
    '<a href="https://acme.example/policy" onclick="steal()" style="color:red">policy</a>',
    '<a href="http://acme.example/faq">faq</a> <a href="mailto:help@acme.example">mail</a> <a href="tel:+31201234567">call</a>',
    '<img src="x" onerror="alert(7)"><iframe src="https://evil.example"></iframe><svg onload="alert(8)"></svg>',
    '<style>body{display:none}</style><h1>Heading</h1><div><span>plain</span></div>',
    '<form action="https://evil.example"><input name="card"></form><object data="x"></object><embed src="x">',
    '<a href="//evil.example/phish">protocol-relative</a> <a href="/api/v1/returns">relative</a> <a href="ftp://files.example/x">ftp</a>',
  ].join('\n');

  function assertClean(html: string) {
    expect(html).not.toMatch(/<script|<style|<img|<iframe|<svg|<form|<input|<object|<embed|<h1|<div|<span/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(html).not.toMatch(/alert\(|steal\(|style=/i);
    for (const [, tag] of html.matchAll(/<\/?\s*([a-zA-Z0-9-]+)/g))
      expect(ALLOWED_TAGS.has(tag!.toLowerCase()), `tag <${tag}> in ${html}`).toBe(true);
    for (const [, href] of html.matchAll(/href\s*=\s*"([^"]*)"/gi)) expect(href, `href in ${html}`).toMatch(/^(https?:\/\/|mailto:|tel:)/i);
    for (const [, attr] of html.matchAll(/\s([a-zA-Z-]+)\s*=/g)) expect(['href', 'title', 'rel', 'target']).toContain(attr!.toLowerCase());
  }

  it('keeps the allowed formatting and links, and drops scripts, handlers and dangerous links', async () => {
    const shop = await setupShop(h, { instructionsHtml: dirty });
    const body = json(await settings(shop.slug));
    const html: string = body.instructionsHtml;
    assertClean(html);
    for (const kept of [
      '<b>original</b>',
      '<strong>unused</strong>',
      '<i>with</i>',
      '<em>tags</em>',
      '<u>receipt</u>',
      '<li>two</li>',
      '<br />',
      'Heading',
      'plain',
    ]) {
      expect(html).toContain(kept);
    }
    expect(html).toMatch(/<p>Pack the items/);
    expect(html).toMatch(/<ul><li>one<\/li><\/ul>/);
    for (const href of ['https://acme.example/policy', 'http://acme.example/faq', 'mailto:help@acme.example', 'tel:+31201234567']) {
      expect(html).toContain(`href="${href}"`);
    }
    // links without an allowed absolute scheme keep their text but lose the href
    expect(html).toMatch(/<a[^>]*>protocol-relative<\/a>/);
    expect(html).not.toMatch(/evil\.example|\/api\/v1|ftp:/);
    // the merchant view shows what was stored: sanitised on save as well
    const stored = json(await shop.merchant.call('GET', `/api/v1/portals/${shop.portal.id}`));
    assertClean(stored.instructionsHtml);
  });

  it('sanitises on render too, even if unsafe HTML reached the database', async () => {
    const shop = await setupShop(h, { instructionsHtml: '<p>safe</p>' });
    const row = await h.ctx.db.selectFrom('portals').select('settings').where('id', '=', shop.portal.id).executeTakeFirstOrThrow();
    const raw = { ...JSON.parse(row.settings), instructionsHtml: dirty };
    await h.ctx.db
      .updateTable('portals')
      .set({ settings: JSON.stringify(raw) })
      .where('id', '=', shop.portal.id)
      .execute();
    const res = await settings(shop.slug);
    expect(res.statusCode, res.body).toBe(200);
    assertClean(json(res).instructionsHtml);
    expect(json(res).instructionsHtml).toContain('<b>original</b>');
  });
});
