// Portal settings through the merchant API: the rules of domain.md "Portal settings" and the
// portal payload of api.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const addressBody = (kind: string, brandId: string) => ({
  kind,
  brandId,
  name: `Acme ${kind}`,
  street: 'Keizersgracht',
  houseNumber: '100',
  postalCode: '1015 CV',
  city: 'Amsterdam',
  country: 'NL',
});

async function base(): Promise<{
  m: Merchant;
  brandId: string;
  returnId: string;
  senderId: string;
  body: (extra?: Record<string, unknown>) => Record<string, unknown>;
}> {
  const m = await newMerchant(h);
  const brand = json(await m.call('POST', '/api/v1/brands', { name: 'Acme' }));
  const ret = json(await m.call('POST', '/api/v1/addresses', addressBody('return', brand.id)));
  const sender = json(await m.call('POST', '/api/v1/addresses', addressBody('sender', brand.id)));
  const body = (extra: Record<string, unknown> = {}) => ({
    slug: `shop-${Math.random().toString(36).slice(2, 10)}`,
    brandId: brand.id,
    returnAddressId: ret.id,
    ...extra,
  });
  return { m, brandId: brand.id, returnId: ret.id, senderId: sender.id, body };
}

const reasons = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `reason_${i}`, labels: { en: `Reason ${i}` } }));

describe('portal settings validation', () => {
  it.each([
    [{ returnWindowDays: 13 }, ['returnWindowDays']],
    [{ returnWindowDays: 366 }, ['returnWindowDays']],
    [{ returnWindowDays: 0 }, ['returnWindowDays']],
    [{ returnWindowDays: 30.5 }, ['returnWindowDays']],
    [{ returnWindowDays: '30' }, ['returnWindowDays']],
    [{ transitAllowanceDays: -1 }, ['transitAllowanceDays']],
    [{ transitAllowanceDays: 31 }, ['transitAllowanceDays']],
    [{ timezone: 'Mars/Olympus' }, ['timezone']],
    [{ timezone: '' }, ['timezone']],
    [{ methods: ['drop_off', 'teleport'] }, ['methods', 1]],
    [{ methods: [] }, ['methods']],
    [{ carriers: { NL: ['no_such_carrier'] } }, ['carriers', 'NL', 0]],
    [{ carriers: { NL: ['sandbox'], '*': ['sandbox', 'nope'] } }, ['carriers', '*', 1]],
    [{ carriers: { nl: ['sandbox'] } }, ['carriers']],
    [{ languages: ['en', 'nl'], defaultLanguage: 'de' }, ['defaultLanguage']],
    [{ languages: ['en', 'xx'] }, ['languages', 1]],
    [{ resolutions: ['refund', 'cash'] }, ['resolutions', 1]],
    [{ approval: 'sometimes' }, ['approval']],
    [{ returnFee: { amount: { value: '2.999', currency: 'EUR' }, payment: 'upfront' } }, ['returnFee', 'amount', 'value']],
    [{ appearance: { layout: 'background', showHeader: true, showFooter: true } }, ['appearance', 'backgroundImageUrl']],
    [{ allowedFrameAncestors: ['http://shop.example'] }, ['allowedFrameAncestors', 0]],
    [{ slug: 'Has Spaces' }, ['slug']],
    [{ brandId: 'brd_unknown' }, ['brandId']],
  ])('refuses %j with a 400 naming %j', async (extra, path) => {
    const { m, body } = await base();
    const res = await m.call('POST', '/api/v1/portals', body(extra));
    expectIssue(res, path);
    expect(json(await m.call('GET', '/api/v1/portals')).data).toEqual([]);
  });

  it.each([
    { returnWindowDays: 14 },
    { returnWindowDays: 365 },
    { transitAllowanceDays: 0 },
    { transitAllowanceDays: 30 },
    { timezone: 'America/New_York' },
    { methods: ['drop_off', 'drop_off_labelless', 'pickup', 'in_store'] },
    { carriers: { NL: ['sandbox', 'sandbox_courier'], '*': ['sandbox'] } },
    { languages: ['nl', 'fr'], defaultLanguage: 'fr' },
    { returnFee: { amount: { value: '4.95', currency: 'EUR' }, payment: 'deduct_from_refund' } },
  ])('accepts %j and stores it', async (extra) => {
    const { m, body } = await base();
    const res = await m.call('POST', '/api/v1/portals', body(extra));
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject(extra);
    expect(json(await m.call('GET', `/api/v1/portals/${json(res).id}`))).toMatchObject(extra);
  });

  it('fills the documented defaults', async () => {
    const { m, body } = await base();
    const portal = json(await m.call('POST', '/api/v1/portals', body()));
    expect(portal).toMatchObject({
      enabled: false,
      transitAllowanceDays: 7,
      timezone: 'Europe/Amsterdam',
      approval: 'automatic',
      returnFee: null,
      warnings: [],
      url: `http://retour.test/r/${portal.slug}`,
    });
    expect(portal.languages).toEqual(expect.arrayContaining(['en', 'nl', 'fr', 'de', 'it']));
  });

  it('needs a return address before enabling (422 return_address_required), on create and on PATCH', async () => {
    const { m, body, returnId } = await base();
    expectError(await m.call('POST', '/api/v1/portals', body({ returnAddressId: null, enabled: true })), 422, 'return_address_required');
    const portal = json(await m.call('POST', '/api/v1/portals', body({ returnAddressId: null })));
    expect(portal.warnings.map((w: any) => w.code)).toContain('no_return_address');
    expectError(await m.call('PATCH', `/api/v1/portals/${portal.id}`, { enabled: true }), 422, 'return_address_required');
    expect(json(await m.call('GET', `/api/v1/portals/${portal.id}`)).enabled).toBe(false);
    const ok = await m.call('PATCH', `/api/v1/portals/${portal.id}`, { enabled: true, returnAddressId: returnId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ enabled: true, returnAddressId: returnId, warnings: [] });
  });

  it('accepts only an address of kind "return" as return address', async () => {
    const { m, body, senderId } = await base();
    expectIssue(await m.call('POST', '/api/v1/portals', body({ returnAddressId: senderId })), ['returnAddressId']);
    expectIssue(await m.call('POST', '/api/v1/portals', body({ returnAddressId: 'adr_unknown' })), ['returnAddressId']);
    const portal = json(await m.call('POST', '/api/v1/portals', body()));
    expectIssue(await m.call('PATCH', `/api/v1/portals/${portal.id}`, { returnAddressId: senderId }), ['returnAddressId']);
  });

  it('refuses a slug that is taken (409 slug_taken), also by another merchant', async () => {
    const a = await base();
    const first = json(await a.m.call('POST', '/api/v1/portals', a.body()));
    expectError(await a.m.call('POST', '/api/v1/portals', a.body({ slug: first.slug })), 409, 'slug_taken');
    const other = json(await a.m.call('POST', '/api/v1/portals', a.body()));
    expectError(await a.m.call('PATCH', `/api/v1/portals/${other.id}`, { slug: first.slug }), 409, 'slug_taken');
    const b = await base();
    expectError(await b.m.call('POST', '/api/v1/portals', b.body({ slug: first.slug })), 409, 'slug_taken');
    // keeping one's own slug in a PATCH is fine
    const same = await a.m.call('PATCH', `/api/v1/portals/${first.id}`, { slug: first.slug, returnWindowDays: 20 });
    expect(same.statusCode, same.body).toBe(200);
  });
});

describe('changing a portal', () => {
  it('PATCH changes only the given fields and answers the whole portal', async () => {
    const { m, body } = await base();
    const created = json(
      await m.call(
        'POST',
        '/api/v1/portals',
        body({
          enabled: true,
          returnWindowDays: 45,
          timezone: 'Europe/Brussels',
          approval: 'manual',
          methods: ['drop_off', 'pickup'],
          carriers: { BE: ['sandbox'], '*': ['sandbox', 'sandbox_courier'] },
          resolutions: ['refund', 'exchange'],
          reasons: reasons(3),
          notificationEmail: 'returns@acme.example',
          policyUrl: 'https://acme.example/returns',
          languages: ['en', 'nl'],
          defaultLanguage: 'nl',
          withdrawalFunction: true,
          allowedFrameAncestors: ['https://acme.example'],
        }),
      ),
    );
    h.clock.advance(1000);
    const res = await m.call('PATCH', `/api/v1/portals/${created.id}`, { returnWindowDays: 90 });
    expect(res.statusCode, res.body).toBe(200);
    const { updatedAt, ...after } = json(res);
    const { updatedAt: _u, ...before } = created;
    expect(after).toEqual({ ...before, returnWindowDays: 90 });
    expect(updatedAt).toBe(h.clock.now.toISOString());

    const second = json(await m.call('PATCH', `/api/v1/portals/${created.id}`, { languages: ['en', 'nl', 'de'], notificationEmail: null }));
    expect(second).toMatchObject({
      languages: ['en', 'nl', 'de'],
      notificationEmail: null,
      returnWindowDays: 90,
      defaultLanguage: 'nl',
      timezone: 'Europe/Brussels',
    });
    // the settings are checked as a whole after the change
    expectIssue(await m.call('PATCH', `/api/v1/portals/${created.id}`, { languages: ['en'] }), ['defaultLanguage']);
    expectIssue(await m.call('PATCH', `/api/v1/portals/${created.id}`, { returnWindowDays: 400 }), ['returnWindowDays']);
    expect(json(await m.call('GET', `/api/v1/portals/${created.id}`))).toMatchObject({
      languages: ['en', 'nl', 'de'],
      returnWindowDays: 90,
    });
  });

  it.each([
    [7, false],
    [8, true],
    [12, true],
  ])('with %i reasons warns too_many_reasons: %s', async (n, warned) => {
    const { m, body } = await base();
    const res = await m.call('POST', '/api/v1/portals', body({ reasons: reasons(n) }));
    expect(res.statusCode, res.body).toBe(201);
    const codes = json(res).warnings.map((w: any) => w.code);
    expect(codes.includes('too_many_reasons')).toBe(warned);
    if (warned) expect(json(res).warnings.find((w: any) => w.code === 'too_many_reasons').message).toEqual(expect.any(String));
    expect(
      json(await m.call('GET', `/api/v1/portals/${json(res).id}`))
        .warnings.map((w: any) => w.code)
        .includes('too_many_reasons'),
    ).toBe(warned);
  });

  it('sanitises instructionsHtml on save (create and PATCH)', async () => {
    const { m, body } = await base();
    const dirty =
      '<p>Pack it <b>well</b>, <i>please</i> <u>now</u>.</p><ul><li>Label</li></ul>' +
      '<script>alert(1)</script><img src="x" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">bad</a> <a href="https://acme.example/help" onclick="steal()">help</a>' +
      '<iframe src="https://evil.example"></iframe><div style="position:fixed">x</div>';
    const created = json(await m.call('POST', '/api/v1/portals', body({ instructionsHtml: dirty })));
    for (const html of [created.instructionsHtml, json(await m.call('GET', `/api/v1/portals/${created.id}`)).instructionsHtml]) {
      expect(html).toContain('<b>well</b>');
      expect(html).toContain('<i>please</i>');
      expect(html).toContain('<u>now</u>');
      expect(html).toContain('<li>Label</li>');
      expect(html).toContain('href="https://acme.example/help"');
      expect(html).not.toMatch(/<script|<img|<iframe|onerror|onclick|javascript:|style=|alert\(1\)/i);
    }
    const patched = json(
      await m.call('PATCH', `/api/v1/portals/${created.id}`, { instructionsHtml: '<b onmouseover="x()">Hi</b><script>evil()</script>' }),
    );
    expect(patched.instructionsHtml).toBe('<b>Hi</b>');
  });

  it('answers 404 for a portal id that does not exist', async () => {
    const { m } = await base();
    expectError(await m.call('GET', '/api/v1/portals/prt_doesnotexist'), 404, 'not_found');
    expectError(await m.call('PATCH', '/api/v1/portals/prt_doesnotexist', { returnWindowDays: 20 }), 404, 'portal_not_found');
    expectError(await m.call('DELETE', '/api/v1/portals/prt_doesnotexist'), 404, 'not_found');
  });
});
