// Webhook endpoints as configuration: the secret is made by Retour and shown once (create and
// rotate), stored sealed, never listed; URLs and events are checked with field paths; every
// endpoint and delivery belongs to one merchant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { type Harness, json, type Merchant, newMerchant, startHarness } from './support/harness.ts';
import { type Receiver, receiverVerifies, seconds, startReceiver } from './webhooks-helpers.ts';

let h: Harness;
let rx: Receiver;
let a: Merchant;
let b: Merchant;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
  a = await newMerchant(h, 'Alpha');
  b = await newMerchant(h, 'Beta');
});
afterAll(async () => {
  await rx.close();
  await h.close();
});

const insecure = (allow: boolean) => {
  h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: allow, timeoutMs: 3000 };
};

describe('webhook endpoints', () => {
  it('creates an endpoint with a secret shown once, never again (not in GET, not stored in clear)', async () => {
    insecure(false);
    const res = await a.call('POST', '/api/v1/webhooks', {
      url: 'https://erp.example.com/hooks/retour',
      events: ['refund.created', 'return.created', 'refund.created'],
      description: '  ERP  ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json(res);
    expect(created).toEqual({
      id: expect.stringMatching(/^whk_/),
      url: 'https://erp.example.com/hooks/retour',
      description: 'ERP',
      events: ['return.created', 'refund.created'],
      enabled: true,
      createdAt: h.clock.now.toISOString(),
      updatedAt: h.clock.now.toISOString(),
      secret: expect.stringMatching(/^whsec_[0-9A-Za-z]{40}$/),
    });
    const one = await a.call('GET', `/api/v1/webhooks/${created.id}`);
    const list = await a.call('GET', '/api/v1/webhooks');
    for (const r of [one, list]) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).not.toContain(created.secret);
      expect(r.body).not.toContain('"secret"');
    }
    const { secret: _shownOnce, ...view } = created;
    expect(json(list).data).toEqual([view]);
    const row = await h.ctx.db.selectFrom('webhookEndpoints').selectAll().where('merchantId', '=', a.id).executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(created.secret.slice('whsec_'.length));
    expect(row.secret).toMatch(/^v1\./);

    // patch
    h.clock.advance(1000);
    const patched = await a.call('PATCH', `/api/v1/webhooks/${created.id}`, { enabled: false, description: null });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json(patched)).toMatchObject({ enabled: false, description: null, events: ['return.created', 'refund.created'] });
    expect(json(patched).updatedAt).toBe(h.clock.now.toISOString());
    expect(patched.body).not.toContain('secret');
  });

  it('rotate-secret returns a new secret once; deliveries are then signed with it only', async () => {
    insecure(true);
    const created = json(await a.call('POST', '/api/v1/webhooks', { url: rx.url('/rotate'), events: ['return.created'] }));
    const rotated = await a.call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = json(rotated).secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.secret);
    expect((await a.call('GET', `/api/v1/webhooks/${created.id}`)).body).not.toContain(secret);
    const ping = await a.call('POST', `/api/v1/webhooks/${created.id}/test`);
    expect(json(ping)).toMatchObject({ status: 'succeeded' });
    const [sent] = rx.to('/rotate');
    expect(receiverVerifies(sent!, secret, seconds(h))).toBe(true);
    expect(receiverVerifies(sent!, created.secret, seconds(h))).toBe(false);
  });

  it.each([
    ['plain http', { url: 'http://erp.example.com/hooks', events: ['return.created'] }, ['url']],
    ['credentials in the URL', { url: 'https://user:pass@erp.example.com/hooks', events: ['return.created'] }, ['url']],
    ['not a URL', { url: 'erp.example.com/hooks', events: ['return.created'] }, ['url']],
    ['a private network address', { url: 'https://192.168.1.10/hooks', events: ['return.created'] }, ['url']],
    ['the cloud metadata address', { url: 'https://169.254.169.254/latest', events: ['return.created'] }, ['url']],
    ['another scheme', { url: 'ftp://erp.example.com/hooks', events: ['return.created'] }, ['url']],
    ['no URL', { events: ['return.created'] }, ['url']],
    ['no events', { url: 'https://erp.example.com/hooks', events: [] }, ['events']],
    ['an unknown event', { url: 'https://erp.example.com/hooks', events: ['return.created', 'return.deleted'] }, ['events', 1]],
    ['events not a list', { url: 'https://erp.example.com/hooks', events: 'return.created' }, ['events']],
    ['enabled not a boolean', { url: 'https://erp.example.com/hooks', events: ['return.created'], enabled: 'yes' }, ['enabled']],
    ['a secret chosen by the caller', { url: 'https://erp.example.com/hooks', events: ['return.created'], secret: 'mine' }, []],
  ])('refuses %s with 400 and the field path', async (_, body, path) => {
    insecure(false);
    expectIssue(await a.call('POST', '/api/v1/webhooks', body), path as (string | number)[]);
  });

  it('accepts plain http only to the loopback host, and only when the server allows it', async () => {
    insecure(false);
    expectIssue(await a.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['return.created'] }), ['url']);
    insecure(true);
    expect((await a.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['return.created'] })).statusCode).toBe(
      201,
    );
    expectIssue(await a.call('POST', '/api/v1/webhooks', { url: 'http://erp.example.com/hooks', events: ['return.created'] }), ['url']);
    const id = json(await a.call('GET', '/api/v1/webhooks')).data[0].id;
    expectIssue(await a.call('PATCH', `/api/v1/webhooks/${id}`, { url: 'http://erp.example.com/hooks' }), ['url']);
    expectIssue(await a.call('PATCH', `/api/v1/webhooks/${id}`, { events: [] }), ['events']);
    insecure(false);
  });

  it("keeps merchants apart: another merchant's endpoints and deliveries are 404 and never listed", async () => {
    insecure(true);
    const mine = json(await a.call('POST', '/api/v1/webhooks', { url: rx.url('/mine'), events: ['return.created'] }));
    const ping = json(await a.call('POST', `/api/v1/webhooks/${mine.id}/test`));
    expect(json(await b.call('GET', '/api/v1/webhooks')).data).toEqual([]);
    const theirs = json(await b.call('POST', '/api/v1/webhooks', { url: rx.url('/theirs'), events: ['return.created'] }));
    for (const [method, url, body] of [
      ['GET', `/api/v1/webhooks/${mine.id}`],
      ['PATCH', `/api/v1/webhooks/${mine.id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${mine.id}`],
      ['POST', `/api/v1/webhooks/${mine.id}/rotate-secret`],
      ['POST', `/api/v1/webhooks/${mine.id}/test`],
      ['GET', `/api/v1/webhooks/${mine.id}/deliveries`],
      ['POST', `/api/v1/webhooks/${mine.id}/deliveries/${ping.id}/replay`],
      ['POST', `/api/v1/webhooks/${theirs.id}/deliveries/${ping.id}/replay`], // B's endpoint, A's delivery
    ] as const) {
      expectError(await b.call(method, url, body), 404, 'not_found');
    }
    expect(json(await a.call('GET', `/api/v1/webhooks/${mine.id}`))).toMatchObject({ enabled: true });
    expect(rx.to('/mine')).toHaveLength(1);
    expect(json(await b.call('GET', `/api/v1/webhooks/${theirs.id}/deliveries`)).data).toEqual([]);
  });

  it('pages the delivery log newest first, and deleting an endpoint removes it with its log', async () => {
    insecure(true);
    const endpoint = json(await a.call('POST', '/api/v1/webhooks', { url: rx.url('/paged'), events: ['return.created'] }));
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1000);
      sent.push(json(await a.call('POST', `/api/v1/webhooks/${endpoint.id}/test`)).id);
    }
    const first = json(await a.call('GET', `/api/v1/webhooks/${endpoint.id}/deliveries?limit=2`));
    expect(first.data.map((d: any) => d.id)).toEqual([sent[2], sent[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = json(await a.call('GET', `/api/v1/webhooks/${endpoint.id}/deliveries?limit=2&cursor=${first.nextCursor}`));
    expect(second.data.map((d: any) => d.id)).toEqual([sent[0]]);
    expect(second.nextCursor).toBeNull();
    expectIssue(await a.call('GET', `/api/v1/webhooks/${endpoint.id}/deliveries?cursor=nonsense`), ['cursor']);
    expectIssue(await a.call('GET', `/api/v1/webhooks/${endpoint.id}/deliveries?status=lost`), ['status']);

    const deleted = await a.call('DELETE', `/api/v1/webhooks/${endpoint.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expectError(await a.call('GET', `/api/v1/webhooks/${endpoint.id}`), 404, 'not_found');
    expectError(await a.call('GET', `/api/v1/webhooks/${endpoint.id}/deliveries`), 404, 'not_found');
    expectError(await a.call('DELETE', `/api/v1/webhooks/${endpoint.id}`), 404, 'not_found');
    const left = await h.ctx.db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('merchantId', '=', a.id)
      .where('endpointId', '=', endpoint.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('is for owners only in the back office: staff sessions are refused every webhook route', async () => {
    const merchant = await merchantWithOwner(h, 'Gamma');
    const owner = await signIn(h, merchant.email);
    const created = await owner.call('POST', '/api/v1/webhooks', { url: 'https://erp.example.com/hooks', events: ['return.created'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const staff = (await addUser(h, owner, 'staff')).browser;
    for (const [method, url] of [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks'],
      ['GET', `/api/v1/webhooks/${id}`],
      ['PATCH', `/api/v1/webhooks/${id}`],
      ['DELETE', `/api/v1/webhooks/${id}`],
      ['POST', `/api/v1/webhooks/${id}/rotate-secret`],
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/webhooks/${id}/test`],
    ] as const) {
      expectError(await staff.call(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}), 403, 'forbidden');
    }
    expect((await owner.call('GET', `/api/v1/webhooks/${id}`)).statusCode).toBe(200);
  });
});
