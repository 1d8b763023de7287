// Back-office users and roles (domain.md "User": owner, staff): owners manage users and API keys;
// staff work returns but may not touch users, keys or the billing-relevant portal settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, login, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue, portalReturn } from './merchant-helpers.ts';
import { eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function world() {
  const m = await merchantWithOwner(h);
  const owner = await signIn(h, m.email);
  return { m, owner };
}

describe('users (owners only)', () => {
  it('lists, adds with a password shown once, renames, changes role and removes users', async () => {
    const { m, owner } = await world();
    const list0 = json(await owner.call('GET', '/api/v1/users'));
    expect(list0).toEqual({
      data: [{ id: owner.user.id, email: m.email, name: null, role: 'owner', createdAt: h.clock.now.toISOString() }],
      nextCursor: null,
    });
    const email = `New.Person-${Math.random().toString(36).slice(2)}@Example.com`;
    const created = await owner.call('POST', '/api/v1/users', { email, name: 'Nina', role: 'staff' });
    expect(created.statusCode, created.body).toBe(201);
    const user = json(created);
    expect(user).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: email.toLowerCase(),
      name: 'Nina',
      role: 'staff',
      createdAt: h.clock.now.toISOString(),
      password: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
    });
    // The password works, and is not shown again.
    expect((await login(h, email, user.password)).statusCode).toBe(200);
    const list1 = json(await owner.call('GET', '/api/v1/users'));
    expect(list1.data).toHaveLength(2);
    expect(JSON.stringify(list1)).not.toContain(user.password);
    expectError(await owner.call('POST', '/api/v1/users', { email, role: 'staff' }), 409, 'email_taken');
    expectIssue(await owner.call('POST', '/api/v1/users', { email: 'x@example.com', role: 'admin' }), ['role']);
    expectIssue(await owner.call('POST', '/api/v1/users', { email: 'not an email', role: 'staff' }), ['email']);

    const renamed = await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: 'Nina B.', role: 'owner' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(json(renamed)).toMatchObject({ id: user.id, name: 'Nina B.', role: 'owner' });
    expectError(await owner.call('PATCH', '/api/v1/users/usr_nope', { name: 'X' }), 404, 'not_found');
    // A rename alone keeps the role; a blank or over-long name is refused with the field, null clears it.
    expectIssue(await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: '   ' }), ['name']);
    expectIssue(await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: 'N'.repeat(201) }), ['name']);
    expectIssue(await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: 'Nina', email: 'x@example.com' }), []);
    const onlyName = await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: '  Nina Bakker ' });
    expect(json(onlyName)).toMatchObject({ id: user.id, name: 'Nina Bakker', role: 'owner' });
    expect(json(await owner.call('PATCH', `/api/v1/users/${user.id}`, { name: null })).name).toBeNull();
    const listed = json(await owner.call('GET', '/api/v1/users')).data.find((u: { id: string }) => u.id === user.id);
    expect(listed.name).toBeNull();

    const removed = await owner.call('DELETE', `/api/v1/users/${user.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(json(await owner.call('GET', '/api/v1/users')).data.map((u: { id: string }) => u.id)).toEqual([owner.user.id]);
    expectError(await login(h, email, user.password), 401, 'invalid_credentials');
    expectError(await owner.call('DELETE', `/api/v1/users/${user.id}`), 404, 'not_found');
  });

  it('keeps at least one owner and does not let you remove yourself', async () => {
    const { owner } = await world();
    expectError(await owner.call('PATCH', `/api/v1/users/${owner.user.id}`, { role: 'staff' }), 409, 'last_owner');
    expectError(await owner.call('DELETE', `/api/v1/users/${owner.user.id}`), 409, 'conflict');
    const second = await addUser(h, owner, 'owner');
    // With two owners, the second may demote the first, but then cannot demote or remove itself.
    const demoted = await second.browser.call('PATCH', `/api/v1/users/${owner.user.id}`, { role: 'staff' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(json(demoted).role).toBe('staff');
    expectError(await second.browser.call('PATCH', `/api/v1/users/${second.id}`, { role: 'staff' }), 409, 'last_owner');
    // The demoted user's live session now acts as staff.
    expectError(await owner.call('GET', '/api/v1/users'), 403, 'forbidden');
    const third = await addUser(h, second.browser, 'owner');
    expectError(await second.browser.call('DELETE', `/api/v1/users/${second.id}`), 409, 'conflict');
    expect((await third.browser.call('DELETE', `/api/v1/users/${second.id}`)).statusCode).toBe(204);
    expectError(await second.browser.call('GET', '/api/session'), 401, 'unauthorized');
    expectError(await third.browser.call('DELETE', `/api/v1/users/${third.id}`), 409, 'conflict');
    expectError(await third.browser.call('PATCH', `/api/v1/users/${third.id}`, { role: 'staff' }), 409, 'last_owner');
  });

  it('is reachable with an API key, and scoped to its merchant', async () => {
    const a = await world();
    const b = await world();
    const list = await a.m.call('GET', '/api/v1/users');
    expect(list.statusCode, list.body).toBe(200);
    expect(json(list).data.map((u: { id: string }) => u.id)).toEqual([a.owner.user.id]);
    expectError(await b.owner.call('PATCH', `/api/v1/users/${a.owner.user.id}`, { name: 'Hijack' }), 404, 'not_found');
    expectError(await b.owner.call('DELETE', `/api/v1/users/${a.owner.user.id}`), 404, 'not_found');
    expectError(await b.m.call('DELETE', `/api/v1/users/${a.owner.user.id}`), 404, 'not_found');
    expect(json(await a.m.call('GET', '/api/v1/users')).data[0].name).toBeNull();
  });
});

describe('staff', () => {
  it('may not manage users or API keys', async () => {
    const { owner } = await world();
    const staff = (await addUser(h, owner, 'staff')).browser;
    expect(staff.user.role).toBe('staff');
    expectError(await staff.call('GET', '/api/v1/users'), 403, 'forbidden');
    expectError(await staff.call('POST', '/api/v1/users', { email: 'x@example.com', role: 'owner' }), 403, 'forbidden');
    expectError(await staff.call('PATCH', `/api/v1/users/${staff.user.id}`, { role: 'owner' }), 403, 'forbidden');
    expectError(await staff.call('DELETE', `/api/v1/users/${owner.user.id}`), 403, 'forbidden');
    expectError(await staff.call('GET', '/api/v1/api-keys'), 403, 'forbidden');
    expectError(await staff.call('POST', '/api/v1/api-keys', { name: 'Mine' }), 403, 'forbidden');
    expectError(await staff.call('GET', '/api/v1/api-keys?limit=5'), 403, 'forbidden');
    expectError(await staff.call('GET', '/api/v1/%75sers'), 403, 'forbidden');
    expectError(await staff.call('DELETE', '/api/v1/api-keys/key_x'), 403, 'forbidden');
    expect(json(await owner.call('GET', '/api/v1/users')).data).toHaveLength(2);
    const keys = await owner.call('GET', '/api/v1/api-keys');
    expect(keys.statusCode, keys.body).toBe(200);
    expect(json(keys).data).toHaveLength(1);
  });

  it('may change a portal but not its return fee or carriers', async () => {
    const { m, owner } = await world();
    const shop = await setupShop(h, {}, m);
    const staff = (await addUser(h, owner, 'staff')).browser;
    const url = `/api/v1/portals/${shop.portal.id}`;
    const fee = { amount: eur('3.95'), payment: 'deduct_from_refund' };
    const refused = expectError(await staff.call('PATCH', url, { returnFee: fee }), 403, 'forbidden');
    expect(refused.details?.fields).toEqual(['returnFee']);
    expectError(await staff.call('PATCH', url, { carriers: { '*': ['sandbox'] } }), 403, 'forbidden');
    expectError(
      await staff.call('POST', '/api/v1/portals', {
        slug: `s-${Date.now()}`,
        brandId: shop.brand.id,
        enabled: true,
        returnAddressId: shop.returnAddress.id,
        returnFee: fee,
      }),
      403,
      'forbidden',
    );
    // Sending the fee and carriers back unchanged (a whole settings form) is fine.
    const same = await staff.call('PATCH', url, {
      returnWindowDays: 45,
      returnFee: shop.portal.returnFee,
      carriers: { '*': ['sandbox'], NL: ['sandbox', 'sandbox_courier'] },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(json(same).returnWindowDays).toBe(45);
    // The owner (and an API key) may change them.
    const ownerChange = await owner.call('PATCH', url, { returnFee: fee });
    expect(ownerChange.statusCode, ownerChange.body).toBe(200);
    expect(json(ownerChange).returnFee).toEqual(fee);
    const keyChange = await m.call('PATCH', url, { carriers: { '*': ['sandbox'] } });
    expect(keyChange.statusCode, keyChange.body).toBe(200);
    expect(json(await m.call('GET', url)).carriers).toEqual({ '*': ['sandbox'] });
  });

  it('may approve, receive and refund returns; the timeline names the user', async () => {
    const { m, owner } = await world();
    const shop = await setupShop(h, { approval: 'manual' }, m);
    const staff = (await addUser(h, owner, 'staff')).browser;
    const { ret } = await portalReturn(h, shop);
    expect(ret.status).toBe('requested');
    const approved = await staff.call('POST', `/api/v1/returns/${ret.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json(approved).timeline.find((e: any) => e.type === 'approved')).toMatchObject({
      status: 'open',
      actor: `user:${staff.user.id}`,
    });
    const received = await staff.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: ret.items.map((i: { orderItemId: string; quantity: number }) => ({
        orderItemId: i.orderItemId,
        quantity: i.quantity,
        condition: 'as_new',
      })),
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(json(received).status).toBe('received');
    const refunded = await staff.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    expect(refunded.statusCode, refunded.body).toBe(201);
    expect(json(refunded).refunds).toEqual([expect.objectContaining({ actor: `user:${staff.user.id}` })]);
  });
});
