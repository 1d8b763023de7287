// Merchant API configuration: authentication, API keys, CRUD of brands / addresses / portals /
// shipping rules, list pagination, delete protection and the carrier list (api.md "Merchant API").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { setupShop } from './support/fixtures.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const address = (kind: string, extra: Record<string, unknown> = {}) => ({
  kind,
  name: 'Acme Warehouse',
  street: 'Keizersgracht',
  houseNumber: '100',
  postalCode: '1015 CV',
  city: 'Amsterdam',
  country: 'NL',
  ...extra,
});
const slug = () => `p-${Math.random().toString(36).slice(2, 10)}`;

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['a garbage key', 'Bearer rtr_this-is-not-a-key'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with 401 invalid_api_key', async (_name, authorization) => {
    for (const url of ['/api/v1/brands', '/api/v1/returns', '/api/v1/orders', '/api/v1/carriers']) {
      const res = await h.app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });
      expectError(res, 401, 'invalid_api_key');
    }
    const post = await h.app.inject({
      method: 'POST',
      url: '/api/v1/brands',
      payload: { name: 'X' },
      headers: authorization ? { authorization } : {},
    });
    expectError(post, 401, 'invalid_api_key');
  });

  it('creates an API key whose secret is shown once, lists it by prefix only, and revokes it', async () => {
    const m = await newMerchant(h);
    const created = await m.call('POST', '/api/v1/api-keys', { name: 'CI pipeline' });
    expect(created.statusCode, created.body).toBe(201);
    const key = json(created);
    expect(key).toMatchObject({ id: expect.any(String), name: 'CI pipeline', prefix: expect.any(String), lastUsedAt: null });
    expect(typeof key.key).toBe('string');
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(key.key.length).toBeGreaterThan(key.prefix.length + 16);

    const listed = await m.call('GET', '/api/v1/api-keys');
    expect(listed.statusCode).toBe(200);
    const entry = json(listed).data.find((k: any) => k.id === key.id);
    expect(entry).toMatchObject({ id: key.id, name: 'CI pipeline', prefix: key.prefix });
    expect(entry).not.toHaveProperty('key');
    expect(listed.body).not.toContain(key.key);
    expect(json(listed).data.length).toBe(2); // the merchant's first key and this one

    const useNew = (method: 'GET' | 'DELETE', url: string) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${key.key}` } });
    const withNew = await useNew('GET', '/api/v1/brands');
    expect(withNew.statusCode, withNew.body).toBe(200);
    const again = json(await m.call('GET', '/api/v1/api-keys')).data.find((k: any) => k.id === key.id);
    expect(again.lastUsedAt).toBe(h.clock.now.toISOString());

    const revoked = await m.call('DELETE', `/api/v1/api-keys/${key.id}`);
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect(revoked.body).toBe('');
    expectError(await useNew('GET', '/api/v1/brands'), 401, 'invalid_api_key');
    expect(json(await m.call('GET', '/api/v1/api-keys')).data.map((k: any) => k.id)).not.toContain(key.id);
    expectError(await m.call('DELETE', `/api/v1/api-keys/${key.id}`), 404, 'not_found');
    // the original key still works
    expect((await m.call('GET', '/api/v1/brands')).statusCode).toBe(200);
  });

  it('will not revoke the key the request is signed with', async () => {
    const m = await newMerchant(h);
    const own = json(await m.call('GET', '/api/v1/api-keys')).data[0];
    expectError(await m.call('DELETE', `/api/v1/api-keys/${own.id}`), 409, 'conflict');
    expect((await m.call('GET', '/api/v1/brands')).statusCode).toBe(200);
  });
});

type Ref = { brandId: string; senderId: string; returnId: string };
type Case = {
  path: string;
  create: (r: Ref) => Record<string, unknown>;
  patch: (r: Ref) => Record<string, unknown>;
  changed: (r: Ref) => Record<string, unknown>;
  notFound: string;
};

const CASES: Case[] = [
  {
    path: 'brands',
    create: () => ({
      name: 'Acme',
      logoUrl: 'https://cdn.example/logo.png',
      colors: { primary: '#112233', background: '#ffffff' },
      defaultLanguage: 'nl',
    }),
    patch: () => ({ name: 'Acme Outlet' }),
    changed: () => ({ name: 'Acme Outlet' }),
    notFound: 'brand_not_found',
  },
  {
    path: 'addresses',
    create: (r) => address('sender', { brandId: r.brandId, company: 'Acme BV', email: 'ops@acme.example', phone: '+31 20 123 4567' }),
    patch: () => ({ city: 'Rotterdam', postalCode: '3011 AA' }),
    changed: () => ({ city: 'Rotterdam', postalCode: '3011 AA' }),
    notFound: 'address_not_found',
  },
  {
    path: 'portals',
    create: (r) => ({ slug: slug(), brandId: r.brandId, returnAddressId: r.returnId, returnWindowDays: 30 }),
    patch: () => ({ returnWindowDays: 60, approval: 'manual' }),
    changed: () => ({ returnWindowDays: 60, approval: 'manual' }),
    notFound: 'portal_not_found',
  },
  {
    path: 'shipping-rules',
    create: (r) => ({
      name: 'BE webshop',
      position: 10,
      conditions: [{ field: 'integration', op: 'eq', value: 'Webshop BE' }],
      action: { senderAddressId: r.senderId },
    }),
    patch: () => ({ position: 5, conditions: [{ field: 'country', op: 'in', value: ['BE', 'LU'] }] }),
    changed: () => ({ position: 5, conditions: [{ field: 'country', op: 'in', value: ['BE', 'LU'] }] }),
    notFound: 'not_found',
  },
];

async function refs(m: Merchant): Promise<Ref> {
  const brand = json(await m.call('POST', '/api/v1/brands', { name: 'Base' }));
  const sender = json(await m.call('POST', '/api/v1/addresses', address('sender', { brandId: brand.id })));
  const ret = json(await m.call('POST', '/api/v1/addresses', address('return', { brandId: brand.id })));
  return { brandId: brand.id, senderId: sender.id, returnId: ret.id };
}

describe.each(CASES)('/api/v1/$path', (c) => {
  it('creates (201 with id), reads, changes (200, whole resource), lists and deletes (204, then 404)', async () => {
    const m = await newMerchant(h);
    const r = await refs(m);
    const input = c.create(r);
    const created = await m.call('POST', `/api/v1/${c.path}`, input);
    expect(created.statusCode, created.body).toBe(201);
    const resource = json(created);
    expect(resource.id).toEqual(expect.any(String));
    expect(resource).toMatchObject(input);
    expect(resource.createdAt).toBe(h.clock.now.toISOString());

    const read = await m.call('GET', `/api/v1/${c.path}/${resource.id}`);
    expect(read.statusCode).toBe(200);
    expect(json(read)).toEqual(resource);

    h.clock.advance(60_000);
    const patched = await m.call('PATCH', `/api/v1/${c.path}/${resource.id}`, c.patch(r));
    expect(patched.statusCode, patched.body).toBe(200);
    const after = json(patched);
    const { updatedAt, ...rest } = after;
    const { updatedAt: before, ...expected } = { ...resource, ...c.changed(r) };
    expect(rest).toEqual(expected);
    expect(updatedAt).toBe(h.clock.now.toISOString());
    expect(updatedAt > before).toBe(true);
    expect(json(await m.call('GET', `/api/v1/${c.path}/${resource.id}`))).toEqual(after);

    const list = json(await m.call('GET', `/api/v1/${c.path}`));
    expect(list.data.find((x: any) => x.id === resource.id)).toEqual(after);
    expect(list.nextCursor).toBeNull();

    const deleted = await m.call('DELETE', `/api/v1/${c.path}/${resource.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(deleted.body).toBe('');
    expectError(await m.call('GET', `/api/v1/${c.path}/${resource.id}`), 404, 'not_found');
    expectError(await m.call('PATCH', `/api/v1/${c.path}/${resource.id}`, c.patch(r)), 404, c.notFound);
    expectError(await m.call('DELETE', `/api/v1/${c.path}/${resource.id}`), 404, 'not_found');
    expect(json(await m.call('GET', `/api/v1/${c.path}`)).data.map((x: any) => x.id)).not.toContain(resource.id);
  });

  it('paginates the list with limit and nextCursor, without duplicates or gaps', async () => {
    const m = await newMerchant(h);
    const r = await refs(m);
    const ids = new Set<string>(json(await m.call('GET', `/api/v1/${c.path}`)).data.map((x: any) => x.id));
    for (let i = 0; i < 5; i++) {
      const res = await m.call('POST', `/api/v1/${c.path}`, c.create(r));
      expect(res.statusCode, res.body).toBe(201);
      ids.add(json(res).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await m.call('GET', `/api/v1/${c.path}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = json(res);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((x: any) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.length).toBe(ids.size);
    expect(new Set(seen)).toEqual(ids);
    expect(pages).toBe(Math.ceil(ids.size / 2));
    const all = json(await m.call('GET', `/api/v1/${c.path}?limit=200`));
    expect(all.data.map((x: any) => x.id)).toEqual(seen);
    expect(all.nextCursor).toBeNull();
  });
});

describe('references between configuration resources', () => {
  it('refuses to delete an address a portal uses (409 address_in_use), and allows it once the portal is gone', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    expectError(await m.call('DELETE', `/api/v1/addresses/${shop.returnAddress.id}`), 409, 'address_in_use');
    expect((await m.call('GET', `/api/v1/addresses/${shop.returnAddress.id}`)).statusCode).toBe(200);
    expect((await m.call('DELETE', `/api/v1/portals/${shop.portal.id}`)).statusCode).toBe(204);
    expect((await m.call('DELETE', `/api/v1/addresses/${shop.returnAddress.id}`)).statusCode).toBe(204);
  });

  it('refuses to delete a sender address a shipping rule uses', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const rule = json(
      await m.call('POST', '/api/v1/shipping-rules', {
        name: 'r',
        position: 1,
        conditions: [],
        action: { senderAddressId: shop.sender.id },
      }),
    );
    expectError(await m.call('DELETE', `/api/v1/addresses/${shop.sender.id}`), 409, 'address_in_use');
    expect((await m.call('DELETE', `/api/v1/shipping-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await m.call('DELETE', `/api/v1/addresses/${shop.sender.id}`)).statusCode).toBe(204);
  });

  it('refuses to delete a brand that still has a portal', async () => {
    const shop = await setupShop(h);
    expectError(await shop.merchant.call('DELETE', `/api/v1/brands/${shop.brand.id}`), 409, 'conflict');
    expect((await shop.merchant.call('GET', `/api/v1/brands/${shop.brand.id}`)).statusCode).toBe(200);
  });

  it('checks the references an address or a shipping rule makes', async () => {
    const m = await newMerchant(h);
    const r = await refs(m);
    expectIssue(await m.call('POST', '/api/v1/addresses', address('sender', { brandId: 'brd_unknown' })), ['brandId']);
    expectIssue(await m.call('PATCH', `/api/v1/addresses/${r.senderId}`, { brandId: 'brd_unknown' }), ['brandId']);
    const rule = (senderAddressId: string) => ({ name: 'r', position: 1, conditions: [], action: { senderAddressId } });
    expectIssue(await m.call('POST', '/api/v1/shipping-rules', rule(r.returnId)), ['action', 'senderAddressId']);
    expectIssue(await m.call('POST', '/api/v1/shipping-rules', rule('adr_unknown')), ['action', 'senderAddressId']);
    expectIssue(
      await m.call('POST', '/api/v1/shipping-rules', { ...rule(r.senderId), conditions: [{ field: 'country', op: 'in', value: 'NL' }] }),
      ['conditions', 0, 'value'],
    );
    expect(json(await m.call('GET', '/api/v1/shipping-rules')).data).toEqual([]);
  });
});

describe('GET /api/v1/carriers', () => {
  it('lists sandbox and sandbox_courier with their capabilities and prices', async () => {
    const m = await newMerchant(h);
    const res = await m.call('GET', '/api/v1/carriers');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries(json(res).data.map((c: any) => [c.code, c]));
    expect(byCode.sandbox).toMatchObject({
      name: expect.any(String),
      methods: expect.arrayContaining(['drop_off', 'drop_off_labelless', 'pickup', 'in_store']),
      countries: ['*'],
      phoneRequired: false,
    });
    expect(byCode.sandbox.prices.NL).toEqual({ value: '4.95', currency: 'EUR' });
    expect(byCode.sandbox_courier).toMatchObject({ methods: ['drop_off', 'pickup'], countries: ['*'], phoneRequired: true });
    expect(byCode.sandbox_courier.prices['*']).toEqual({ value: '15.95', currency: 'EUR' });
  });
});
