// Returns through the merchant API: list and search, detail, manual returns by staff, and the
// state machine (api.md "Merchant API"; domain.md "Return lifecycle", "Return window").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, getReturn, importOrder, MINUTE, portalReturn, receiveAll } from './merchant-helpers.ts';
import { createPortalReturn, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const ids = (page: Record<string, any>): string[] => page.data.map((r: { id: string }) => r.id);

describe('GET /api/v1/returns', () => {
  async function world() {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const slug2 = `second-${Math.random().toString(36).slice(2, 8)}`;
    const p2 = await m.call('POST', '/api/v1/portals', {
      slug: slug2,
      brandId: shop.brand.id,
      enabled: true,
      returnAddressId: shop.returnAddress.id,
    });
    expect(p2.statusCode, p2.body).toBe(201);
    const t0 = h.clock.now.getTime();
    const r1 = await portalReturn(h, shop);
    h.clock.advance(MINUTE);
    const r2 = await portalReturn(h, shop);
    expect((await m.call('POST', `/api/v1/returns/${r2.ret.id}/cancel`, { reason: 'Changed mind' })).statusCode).toBe(200);
    h.clock.advance(MINUTE);
    const r3 = await portalReturn(h, shop, { contact: { email: 'Other.Person@Example.com' } }, {}, slug2);
    h.clock.advance(MINUTE);
    const r4 = await portalReturn(h, shop);
    const list = async (q: string) => {
      const res = await m.call('GET', `/api/v1/returns${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return ids(json(res));
    };
    return { shop, m, slug2, t0, r1, r2, r3, r4, list };
  }

  it('lists newest first and filters by status (a comma list) and portal slug', async () => {
    const w = await world();
    const [r1, r2, r3, r4] = [w.r1, w.r2, w.r3, w.r4].map((x) => x.ret.id);
    expect(await w.list('')).toEqual([r4, r3, r2, r1]);
    expect(await w.list('?status=open')).toEqual([r4, r3, r1]);
    expect(await w.list('?status=cancelled')).toEqual([r2]);
    expect(await w.list('?status=open,cancelled')).toEqual([r4, r3, r2, r1]);
    expect(await w.list('?status=received,completed')).toEqual([]);
    expect(await w.list(`?portal=${w.slug2}`)).toEqual([r3]);
    expect(await w.list(`?portal=${w.shop.slug}&status=open`)).toEqual([r4, r1]);
    expect(await w.list('?portal=no-such-portal')).toEqual([]);
    expectIssue(await w.m.call('GET', '/api/v1/returns?status=open,lost'), ['status']);
  });

  it('searches with q by reference, order number (#1001 or 1001), email and tracking number', async () => {
    const w = await world();
    const { r1, r3, r4 } = w;
    expect(await w.list(`?q=${r1.ret.reference}`)).toEqual([r1.ret.id]);
    expect(await w.list(`?q=${r1.ret.reference.toLowerCase()}`)).toEqual([r1.ret.id]);
    expect(await w.list(`?q=${encodeURIComponent(r1.payload.orderNumber)}`)).toEqual([r1.ret.id]);
    expect(await w.list(`?q=${r1.payload.orderNumber.replace('#', '')}`)).toEqual([r1.ret.id]);
    expect(await w.list(`?q=${encodeURIComponent('other.person@example.com')}`)).toEqual([r3.ret.id]);
    expect(await w.list(`?q=${encodeURIComponent('OTHER.PERSON@EXAMPLE.COM')}`)).toEqual([r3.ret.id]);
    expect(r4.ret.label.trackingNumber).toMatch(/^RTR\d{17}$/);
    expect(await w.list(`?q=${r4.ret.label.trackingNumber.toLowerCase()}`)).toEqual([r4.ret.id]);
    expect(await w.list('?q=R-NOPE00')).toEqual([]);
    expect(await w.list(`?q=${encodeURIComponent('sanne@example.com')}&status=cancelled`)).toEqual([w.r2.ret.id]);
  });

  it('filters by createdFrom and createdTo', async () => {
    const w = await world();
    const at = (ms: number) => new Date(w.t0 + ms).toISOString();
    expect(await w.list(`?createdFrom=${at(30_000)}`)).toEqual([w.r4.ret.id, w.r3.ret.id, w.r2.ret.id]);
    expect(await w.list(`?createdTo=${at(30_000)}`)).toEqual([w.r1.ret.id]);
    expect(await w.list(`?createdFrom=${at(30_000)}&createdTo=${at(150_000)}`)).toEqual([w.r3.ret.id, w.r2.ret.id]);
    expect(await w.list(`?createdFrom=${at(MINUTE)}&createdTo=${at(MINUTE + 1)}`)).toEqual([w.r2.ret.id]);
    expectIssue(await w.m.call('GET', '/api/v1/returns?createdFrom=last-week'), ['createdFrom']);
  });

  it('paginates newest first without duplicates or gaps, also when returns share a creation time', async () => {
    const shop = await setupShop(h);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await portalReturn(h, shop)).ret.id);
      if (i % 3 === 2) h.clock.advance(MINUTE); // groups of three share createdAt
    }
    const walk = async (limit: number, onFirstPage?: () => Promise<void>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await shop.merchant.call('GET', `/api/v1/returns?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = json(res);
        expect(page.data.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(page));
        cursor = page.nextCursor;
        if (pages++ === 0) await onFirstPage?.();
      } while (cursor && pages < 50);
      return seen;
    };
    const full = await walk(200);
    expect(new Set(full)).toEqual(new Set(created));
    const createdAts = await Promise.all(full.map(async (id) => (await getReturn(shop.merchant, id)).createdAt));
    expect([...createdAts].sort().reverse()).toEqual(createdAts);
    for (const limit of [1, 2, 3]) expect(await walk(limit)).toEqual(full);
    // a return created while paging does not shift later pages
    const during = await walk(2, async () => {
      h.clock.advance(MINUTE);
      await portalReturn(h, shop);
    });
    expect(during).toEqual(full);
  });
});

describe('GET /api/v1/returns/{id}', () => {
  it('answers the return with its items, money and timeline; 404 return_not_found otherwise', async () => {
    const shop = await setupShop(h);
    const { order, payload, ret } = await portalReturn(h, shop);
    expect(ret).toMatchObject({
      reference: expect.stringMatching(/^R-[A-Z0-9]{6}$/),
      status: 'open',
      portal: shop.slug,
      orderId: order.id,
      orderNumber: payload.orderNumber,
      createdAt: h.clock.now.toISOString(),
      method: 'drop_off',
      carrier: 'sandbox',
      resolution: 'refund',
      fee: { value: '0.00', currency: 'EUR' },
      refundTotal: { value: '0.00', currency: 'EUR' },
      contact: { email: 'sanne@example.com' },
      windowOverridden: false,
      items: [
        {
          orderItemId: order.items[0].id,
          sku: 'TS-M',
          quantity: 1,
          reason: 'too_small',
          unitPrice: { value: '29.95', currency: 'EUR' },
          receivedQuantity: 0,
        },
      ],
      refunds: [],
      storeCredits: [],
      replacements: [],
    });
    expect(ret).not.toHaveProperty('accessCode');
    expect(ret.timeline[0]).toMatchObject({ type: 'created', status: 'open' });
    const booked = ret.timeline.find((e: any) => e.type === 'carrier_booked');
    expect(booked.data.trackingNumber).toBe(ret.label.trackingNumber);
    expect(ret.allowedActions).toEqual(expect.arrayContaining(['cancel', 'receive', 'note']));
    expectError(await shop.merchant.call('GET', '/api/v1/returns/ret_doesnotexist'), 404, 'return_not_found');
  });
});

describe('the state machine over HTTP', () => {
  /** A return brought into `status` through the API. */
  async function returnIn(status: 'requested' | 'open' | 'received' | 'completed' | 'cancelled' | 'rejected') {
    const manualApproval = status === 'requested' || status === 'rejected';
    const shop = await setupShop(h, manualApproval ? { approval: 'manual' } : {});
    const { ret } = await portalReturn(h, shop);
    const m = shop.merchant;
    if (status === 'rejected') expect((await m.call('POST', `/api/v1/returns/${ret.id}/reject`, {})).statusCode).toBe(200);
    if (status === 'cancelled') expect((await m.call('POST', `/api/v1/returns/${ret.id}/cancel`, {})).statusCode).toBe(200);
    if (status === 'received' || status === 'completed') await receiveAll(m, ret);
    if (status === 'completed') expect((await m.call('POST', `/api/v1/returns/${ret.id}/resolve`, {})).statusCode).toBe(200);
    const current = await getReturn(m, ret.id);
    expect(current.status).toBe(status);
    return { shop, m, ret: current };
  }

  it('manual approval: requested → approve → open, with a tracking number', async () => {
    const { m, ret } = await returnIn('requested');
    expect(ret.label).toMatchObject({ status: 'none', trackingNumber: null });
    expect(ret.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject', 'cancel']));
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    const opened = json(res);
    expect(opened.status).toBe('open');
    expect(opened.label.trackingNumber).toMatch(/^RTR\d{17}$/);
    expect(opened.timeline.find((e: any) => e.type === 'approved')).toMatchObject({
      status: 'open',
      actor: expect.stringMatching(/^api_key:/),
    });
    expect(await getReturn(m, ret.id)).toMatchObject({ status: 'open', label: { trackingNumber: opened.label.trackingNumber } });
  });

  it('reject → rejected, with the reason on the timeline', async () => {
    const { m, ret } = await returnIn('requested');
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/reject`, { reason: 'Worn items cannot be returned' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).status).toBe('rejected');
    expect(json(res).timeline.at(-1)).toMatchObject({
      type: 'rejected',
      status: 'rejected',
      message: 'Worn items cannot be returned',
      actor: expect.stringMatching(/^api_key:/),
    });
  });

  it.each(['requested', 'open'] as const)('cancel from %s → cancelled, with the reason', async (from) => {
    const { m, ret } = await returnIn(from);
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/cancel`, { reason: 'Customer called' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).status).toBe('cancelled');
    expect(json(res).timeline.at(-1)).toMatchObject({ type: 'cancelled', status: 'cancelled', message: 'Customer called' });
    expect(json(res).allowedActions).not.toContain('cancel');
  });

  it.each([
    ['approve', 'open', 'approve', {}],
    ['reject', 'open', 'reject', {}],
    ['receive', 'requested', 'receive', null],
    ['resolve', 'open', 'resolve', {}],
    ['cancel', 'received', 'cancel', {}],
    ['approve', 'cancelled', 'approve', {}],
    ['receive', 'completed', 'receive', null],
    ['cancel', 'completed', 'cancel', {}],
    ['resolve', 'rejected', 'resolve', {}],
    ['refunds', 'open', 'refund', { amount: { value: '1.00', currency: 'EUR' }, note: 'x' }],
    ['store-credits', 'requested', 'store_credit', { amount: { value: '1.00', currency: 'EUR' } }],
    ['replacements', 'open', 'replacement', { carrier: 'sandbox', trackingNumber: 'X1' }],
    ['resend-label', 'requested', 'resend_label', {}],
  ] as const)('POST /%s on a %s return is 409 invalid_transition', async (path, status, event, body) => {
    const { m, ret } = await returnIn(status);
    const payload = body ?? { items: ret.items.map((i: any) => ({ orderItemId: i.orderItemId, quantity: 1, condition: 'as_new' })) };
    const error = expectError(await m.call('POST', `/api/v1/returns/${ret.id}/${path}`, payload), 409, 'invalid_transition');
    expect(error.details).toMatchObject({ status, event });
    expect(error.details?.allowed).toEqual(ret.allowedActions);
    expect(error.details?.allowed).not.toContain(event);
    const after = await getReturn(m, ret.id);
    expect(after.status).toBe(status);
    expect(after.timeline).toEqual(ret.timeline);
  });

  it('receive records quantity, condition and restocked per item; resolve completes', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const { payload, order } = await importOrder(h, shop);
    const [l1, l2, l3] = order.items;
    const created = await createPortalReturn(h, shop.slug, payload, {
      items: [
        { orderItemId: l1.id, quantity: 2, reason: 'too_small' },
        { orderItemId: l2.id, quantity: 1, reason: 'too_large' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id;
    const receive = (items: unknown[], extra = {}) => m.call('POST', `/api/v1/returns/${id}/receive`, { items, ...extra });

    const tooMany = expectError(
      await receive([{ orderItemId: l1.id, quantity: 3, condition: 'as_new' }]),
      422,
      'receive_exceeds_requested',
    );
    expect(tooMany.details).toMatchObject({ orderItemId: l1.id, requested: 2 });
    expectIssue(await receive([{ orderItemId: l3.id, quantity: 1, condition: 'as_new' }]), ['items', 0, 'orderItemId']);
    expectIssue(await receive([{ orderItemId: l1.id, quantity: 1, condition: 'soggy' }]), ['items', 0, 'condition']);
    expect((await getReturn(m, id)).status).toBe('open');

    const res = await receive(
      [
        { orderItemId: l1.id, quantity: 1, condition: 'as_new', restocked: true },
        { orderItemId: l2.id, quantity: 1, condition: 'damaged' },
      ],
      { note: 'Box dented' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const ret = json(res);
    expect(ret.status).toBe('received');
    expect(ret.items.map((i: any) => [i.sku, i.quantity, i.receivedQuantity])).toEqual([
      ['TS-M', 2, 1],
      ['JN-32', 1, 1],
    ]);
    const received = ret.timeline.find((e: any) => e.type === 'received');
    expect(received).toMatchObject({ status: 'received', actor: expect.stringMatching(/^api_key:/) });
    expect(received.data.items).toEqual([
      expect.objectContaining({ orderItemId: l1.id, quantity: 1, condition: 'as_new', restocked: true }),
      expect.objectContaining({ orderItemId: l2.id, quantity: 1, condition: 'damaged', restocked: false }),
    ]);
    expect(ret.timeline.find((e: any) => e.type === 'note')).toMatchObject({ message: 'Box dented' });
    expect(ret.proposedRefund).toEqual({ value: '118.95', currency: 'EUR' });

    const done = await m.call('POST', `/api/v1/returns/${id}/resolve`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done).status).toBe('completed');
    expect(json(done).timeline.at(-1)).toMatchObject({ type: 'completed', status: 'completed' });
  });

  it.each(['approve', 'cancel', 'resolve', 'reject', 'resend-label'])('POST /%s accepts a request without a body', async (path) => {
    const from = path === 'approve' || path === 'reject' ? 'requested' : path === 'resolve' ? 'received' : 'open';
    const { m, ret } = await returnIn(from);
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/${path}`);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('actions on an unknown return are 404 return_not_found', async () => {
    const shop = await setupShop(h);
    for (const path of ['approve', 'reject', 'cancel', 'resolve', 'resend-label']) {
      expectError(await shop.merchant.call('POST', `/api/v1/returns/ret_doesnotexist/${path}`, {}), 404, 'return_not_found');
    }
  });
});
