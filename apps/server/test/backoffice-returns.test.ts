// The back office's returns overview: counts per status, more filters, both sort orders with
// cursors, the CSV export and bulk actions — each scoped to the caller's merchant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/use-cases/returns/export-returns.ts';
import { merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, expectIssue, getReturn, importOrder, MINUTE } from './merchant-helpers.ts';
import { createPortalReturn, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const ids = (page: Record<string, any>): string[] => page.data.map((r: { id: string }) => r.id);

async function returnWith(
  shop: Shop,
  o: { reason?: string; item?: number; body?: Record<string, unknown>; order?: Record<string, unknown> },
) {
  const { payload, order } = await importOrder(h, shop, o.order ?? {});
  const res = await createPortalReturn(h, shop.slug, payload, {
    items: [{ orderItemId: order.items[o.item ?? 0].id, quantity: 1, reason: o.reason ?? 'too_small' }],
    ...(o.body ?? {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  h.clock.advance(MINUTE);
  return getReturn(shop.merchant, json(res).id);
}

async function world() {
  const m = await merchantWithOwner(h);
  const shop = await setupShop(h, {}, m);
  const r1 = await returnWith(shop, {});
  const r2 = await returnWith(shop, {
    reason: 'too_large',
    body: { method: 'drop_off_labelless', resolution: 'store_credit' },
    order: {
      shippingAddress: {
        name: 'Lotte Peeters',
        street: 'Grote Markt',
        houseNumber: '1',
        postalCode: '1000',
        city: 'Brussel',
        country: 'BE',
      },
    },
  });
  const r3 = await returnWith(shop, {
    reason: 'damaged',
    item: 1,
    body: { carrier: 'sandbox_courier', contact: { email: 'sanne@example.com', phone: '+31612345678' } },
  });
  expect((await m.call('POST', `/api/v1/returns/${r3.id}/cancel`, { reason: 'Changed mind' })).statusCode).toBe(200);
  const r4 = await returnWith(shop, {
    order: { customer: { name: '=cmd|" /C calc"!A0, Evil', email: 'sanne@example.com' } },
  });
  const list = async (q: string) => {
    const res = await m.call('GET', `/api/v1/returns${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };
  return { m, shop, r1, r2, r3, r4, list };
}

describe('GET /api/v1/returns filters and sort', () => {
  it('filters by reason, method, carrier, shopper country and resolution', async () => {
    const w = await world();
    expect(ids(await w.list('?reason=too_large'))).toEqual([w.r2.id]);
    expect(ids(await w.list('?reason=too_small'))).toEqual([w.r4.id, w.r1.id]);
    expect(ids(await w.list('?method=drop_off_labelless'))).toEqual([w.r2.id]);
    expect(ids(await w.list('?method=drop_off'))).toEqual([w.r4.id, w.r3.id, w.r1.id]);
    expect(ids(await w.list('?carrier=sandbox_courier'))).toEqual([w.r3.id]);
    expect(ids(await w.list('?country=BE'))).toEqual([w.r2.id]);
    expect(ids(await w.list('?country=nl'))).toEqual([w.r4.id, w.r3.id, w.r1.id]);
    expect(ids(await w.list('?resolution=store_credit'))).toEqual([w.r2.id]);
    expect(ids(await w.list('?reason=too_small&status=cancelled'))).toEqual([]);
    expect(ids(await w.list('?reason=damaged&status=cancelled'))).toEqual([w.r3.id]);
    expect(ids(await w.list('?reason=no_such_reason'))).toEqual([]);
    expectIssue(await w.m.call('GET', '/api/v1/returns?method=teleport'), ['method']);
    expectIssue(await w.m.call('GET', '/api/v1/returns?resolution=cash'), ['resolution']);
    expectIssue(await w.m.call('GET', '/api/v1/returns?country=Belgium'), ['country']);
  });

  it('sorts newest or oldest first, and the cursor follows the sort', async () => {
    const w = await world();
    const all = [w.r1.id, w.r2.id, w.r3.id, w.r4.id];
    expect(ids(await w.list(''))).toEqual([...all].reverse());
    expect(ids(await w.list('?sort=-createdAt'))).toEqual([...all].reverse());
    expect(ids(await w.list('?sort=createdAt'))).toEqual(all);
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Record<string, any> = await w.list(`?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('createdAt')).toEqual(all);
    expect(await walk('-createdAt')).toEqual([...all].reverse());
    const ascPage = await w.list('?sort=createdAt&limit=1');
    expectIssue(await w.m.call('GET', `/api/v1/returns?sort=-createdAt&limit=1&cursor=${ascPage.nextCursor}`), ['cursor']);
    expectIssue(await w.m.call('GET', '/api/v1/returns?sort=status'), ['sort']);
  });
});

describe('GET /api/v1/returns/counts', () => {
  it('counts every status in one answer, with the same filters', async () => {
    const w = await world();
    const zero = {
      requested: 0,
      open: 0,
      in_transit: 0,
      delivered: 0,
      received: 0,
      completed: 0,
      rejected: 0,
      cancelled: 0,
      expired: 0,
      awaiting_payment: 0,
      payment_failed: 0,
    };
    const counts = async (q: string) => {
      const res = await w.m.call('GET', `/api/v1/returns/counts${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return json(res);
    };
    expect(await counts('')).toEqual({ counts: { ...zero, open: 3, cancelled: 1 } });
    expect(await counts(`?q=${w.r2.reference}`)).toEqual({ counts: { ...zero, open: 1 } });
    expect(await counts(`?portal=${w.shop.slug}&createdFrom=${encodeURIComponent(w.r3.createdAt)}`)).toEqual({
      counts: { ...zero, open: 1, cancelled: 1 },
    });
    expect(await counts(`?createdTo=${encodeURIComponent(w.r2.createdAt)}`)).toEqual({ counts: { ...zero, open: 1 } });
    expect(await counts('?portal=no-such-portal')).toEqual({ counts: zero });
    expectIssue(await w.m.call('GET', '/api/v1/returns/counts?createdFrom=yesterday'), ['createdFrom']);
    // Another merchant sees none of them.
    const other = await merchantWithOwner(h);
    expect(json(await other.call('GET', '/api/v1/returns/counts'))).toEqual({ counts: zero });
  });
});

describe('GET /api/v1/returns/export.csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x"),y', '"\'=HYPERLINK(""x""),y"'],
    [null, ''],
  ])('cell %j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('exports the filtered returns with a header row, quoted and safe against formulas', async () => {
    const w = await world();
    const res = await w.m.call('GET', '/api/v1/returns/export.csv?sort=createdAt');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="returns.csv"');
    const lines = res.body.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'reference,id,status,created_at,order_number,customer_name,email,country,method,carrier,resolution,items,skus,reasons,tracking_number,fee,currency',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      [
        w.r1.reference,
        w.r1.id,
        'open',
        w.r1.createdAt,
        w.r1.orderNumber,
        'Sanne de Vries',
        'sanne@example.com',
        'NL',
        'drop_off',
        'sandbox',
        'refund',
        '1',
        '1x TS-M',
        'too_small',
        w.r1.label.trackingNumber,
        '0.00',
        'EUR',
      ].join(','),
    );
    expect(lines[2]).toContain(',BE,drop_off_labelless,sandbox,store_credit,1,1x TS-M,too_large,');
    expect(lines[3]).toContain(`${w.r3.id},cancelled,`);
    expect(lines[3]).toContain(',1x JN-32,damaged,');
    // The shopper-controlled name starts with "=": neutralised and quoted (it holds a comma and quotes).
    expect(lines[4]).toContain(`,"'=cmd|"" /C calc""!A0, Evil",sanne@example.com,NL,`);

    const filtered = await w.m.call('GET', '/api/v1/returns/export.csv?reason=too_large');
    expect(filtered.body.split('\r\n')).toHaveLength(3);
    expect(filtered.body).toContain(w.r2.id);
    const newest = await w.m.call('GET', '/api/v1/returns/export.csv');
    expect(newest.body.split('\r\n')[1]).toContain(w.r4.id);
    expectIssue(await w.m.call('GET', '/api/v1/returns/export.csv?status=lost'), ['status']);
    // Another merchant's export has the header only.
    const other = await merchantWithOwner(h);
    const theirs = await other.call('GET', '/api/v1/returns/export.csv');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body.split('\r\n')).toHaveLength(2);
  });

  it('works with the session cookie (a GET needs no CSRF token)', async () => {
    const w = await world();
    const b = await signIn(h, w.m.email);
    const res = await b.call('GET', '/api/v1/returns/export.csv', undefined, { csrf: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.split('\r\n')).toHaveLength(6);
  });
});

describe('POST /api/v1/returns/bulk', () => {
  it('approves each return on its own and reports failures next to successes', async () => {
    const m = await merchantWithOwner(h);
    const shop = await setupShop(h, { approval: 'manual' }, m);
    const q1 = await returnWith(shop, {});
    const q2 = await returnWith(shop, { item: 1, reason: 'damaged' });
    const autoShop = await setupShop(h, {}, m);
    const auto = await returnWith(autoShop, { order: { brandId: autoShop.brand.id } });
    const other = await merchantWithOwner(h);
    const theirs = await returnWith(await setupShop(h, { approval: 'manual' }, other), {});
    expect([q1.status, q2.status, auto.status, theirs.status]).toEqual(['requested', 'requested', 'open', 'requested']);

    const b = await signIn(h, m.email);
    expectError(await b.call('POST', '/api/v1/returns/bulk', { action: 'approve', ids: [q1.id] }, { csrf: null }), 403, 'csrf_failed');
    const res = await b.call('POST', '/api/v1/returns/bulk', { action: 'approve', ids: [q1.id, auto.id, 'ret_nope', theirs.id, q2.id] });
    expect(res.statusCode, res.body).toBe(200);
    const results = json(res).results;
    expect(results.map((r: any) => [r.id, r.ok, r.error?.code])).toEqual([
      [q1.id, true, undefined],
      [auto.id, false, 'invalid_transition'],
      ['ret_nope', false, 'return_not_found'],
      [theirs.id, false, 'return_not_found'],
      [q2.id, true, undefined],
    ]);
    expect(results[1]).toEqual({ id: auto.id, ok: false, error: { code: 'invalid_transition', message: expect.any(String) } });
    expect((await getReturn(m, q1.id)).status).toBe('open');
    expect((await getReturn(m, q2.id)).status).toBe('open');
    expect((await getReturn(other, theirs.id)).status).toBe('requested');
    const approved = (await getReturn(m, q1.id)).timeline.find((e: any) => e.type === 'approved');
    expect(approved.actor).toBe(`user:${b.user.id}`);

    const received = await m.call('POST', '/api/v1/returns/bulk', { action: 'receive_all', ids: [q1.id, theirs.id] });
    expect(received.statusCode, received.body).toBe(200);
    expect(json(received).results.map((r: any) => [r.ok, r.error?.code])).toEqual([
      [true, undefined],
      [false, 'return_not_found'],
    ]);
    const after = await getReturn(m, q1.id);
    expect(after.status).toBe('received');
    expect(after.items.map((i: any) => [i.quantity, i.receivedQuantity])).toEqual(q1.items.map((i: any) => [i.quantity, i.quantity]));
    const entry = after.timeline.find((e: any) => e.type === 'received');
    expect(JSON.stringify(entry)).toContain('as_new');
    expect(JSON.stringify(entry)).not.toContain('"restocked":true');

    expectIssue(await m.call('POST', '/api/v1/returns/bulk', { action: 'refund', ids: [q1.id] }), ['action']);
    expectIssue(await m.call('POST', '/api/v1/returns/bulk', { action: 'approve', ids: [] }), ['ids']);
    expectIssue(
      await m.call('POST', '/api/v1/returns/bulk', { action: 'approve', ids: Array.from({ length: 201 }, (_, i) => `ret_${i}`) }),
      ['ids'],
    );
  });
});
