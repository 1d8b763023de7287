// Carrier tracking webhooks: POST /api/carriers/{carrier}/webhooks/{merchantId}, signed with a secret
// derived per merchant and carrier (GET /api/v1/carriers). domain.md "Return lifecycle": events may
// come late, twice or out of order; statuses never move backwards; unknown codes stay on the timeline.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, getReturn, MINUTE, portalReturn } from './merchant-helpers.ts';
import { setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, type Merchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const hmacHex = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest('hex');
const sign = (secret: string, body: string) => `sha256=${hmacHex(secret, body)}`;

type Event = { trackingNumber: string; code: string; at: string; message?: string };

async function webhookOf(m: Merchant, carrier = 'sandbox'): Promise<{ url: string; secret: string }> {
  const res = await m.call('GET', '/api/v1/carriers');
  expect(res.statusCode, res.body).toBe(200);
  const entry = json(res).data.find((c: any) => c.code === carrier);
  expect(entry?.webhook, carrier).toBeTruthy();
  return entry.webhook;
}

function post(merchantId: string, body: string, headers: Record<string, string> = {}, carrier = 'sandbox') {
  return h.app.inject({
    method: 'POST',
    url: `/api/carriers/${carrier}/webhooks/${merchantId}`,
    payload: body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A shop with an open sandbox return (booked, so it has a tracking number) and a signed sender. */
async function openReturn(shop?: Shop, body: Record<string, unknown> = {}) {
  const s = shop ?? (await setupShop(h));
  const { ret } = await portalReturn(h, s, body);
  const m = s.merchant;
  const trackingNumber: string = ret.label.trackingNumber;
  expect(trackingNumber).toMatch(/^RTR\d{17}$/);
  const { secret } = await webhookOf(m);
  const created = Date.parse(ret.createdAt);
  const at = (minutes: number) => new Date(created + minutes * MINUTE).toISOString();
  const send = async (events: Event[]) => {
    const raw = JSON.stringify({ events });
    return post(m.id, raw, { 'x-retour-signature': sign(secret, raw) });
  };
  const accept = async (events: Event[]) => {
    const res = await send(events);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };
  const current = () => getReturn(m, ret.id);
  const tracking = async () => (await current()).timeline.filter((e: any) => e.type === 'tracking');
  return { shop: s, m, ret, trackingNumber, secret, at, send, accept, current, tracking };
}

const isSortedByTime = (timeline: { at: string }[]) => timeline.every((e, i) => i === 0 || timeline[i - 1]!.at <= e.at);

describe('GET /api/v1/carriers: webhook details', () => {
  it('gives each webhook carrier a URL and a secret per merchant; polled carriers get null', async () => {
    const a = (await setupShop(h)).merchant;
    const b = (await setupShop(h)).merchant;
    const res = await a.call('GET', '/api/v1/carriers');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries(json(res).data.map((c: any) => [c.code, c]));
    expect(byCode.sandbox.webhook).toEqual({
      url: `http://retour.test/api/carriers/sandbox/webhooks/${a.id}`,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(byCode.sandbox_courier.webhook).toBeNull();
    // derived from the server secret, merchant and carrier: stable, and different per merchant
    expect(byCode.sandbox.webhook.secret).toBe(hmacHex(h.ctx.secret, `carrier-webhook:${a.id}:sandbox`));
    expect((await webhookOf(a)).secret).toBe(byCode.sandbox.webhook.secret);
    expect((await webhookOf(b)).secret).not.toBe(byCode.sandbox.webhook.secret);
    expectError(await h.app.inject({ method: 'GET', url: '/api/v1/carriers' }), 401, 'invalid_api_key');
  });

  it('accepts a webhook posted to that URL and signed with that secret', async () => {
    const { m, trackingNumber, current, at } = await openReturn();
    const { url, secret } = await webhookOf(m);
    const raw = JSON.stringify({ events: [{ trackingNumber, code: 'ACCEPTED', at: at(5) }] });
    const res = await h.app.inject({
      method: 'POST',
      url: url.replace('http://retour.test', ''),
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-retour-signature': sign(secret, raw) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ accepted: 1, duplicates: 0, unknownTrackingNumbers: [] });
    expect((await current()).status).toBe('in_transit');
  });
});

describe('POST /api/carriers/{carrier}/webhooks/{merchantId}', () => {
  it('moves a return open → in_transit → delivered, recording who, when and the carrier code', async () => {
    const { accept, trackingNumber, at, current, tracking } = await openReturn();
    h.clock.advance(60 * MINUTE);
    expect(await accept([{ trackingNumber, code: 'ACCEPTED', at: at(10), message: 'Handed in at Sandbox Point' }])).toEqual({
      accepted: 1,
      duplicates: 0,
      unknownTrackingNumbers: [],
    });
    expect((await current()).status).toBe('in_transit');
    // tracking numbers are matched normalised: lowercase, spaces
    const sloppy = `${trackingNumber.slice(0, 8).toLowerCase()} ${trackingNumber.slice(8)}`;
    expect(await accept([{ trackingNumber: sloppy, code: 'DELIVERED', at: at(50) }])).toMatchObject({ accepted: 1 });
    const ret = await current();
    expect(ret.status).toBe('delivered');
    expect(ret.allowedActions).toContain('receive');
    expect(await tracking()).toEqual([
      {
        at: at(10),
        type: 'tracking',
        status: 'in_transit',
        message: 'Handed in at Sandbox Point',
        actor: 'carrier:sandbox',
        data: { status: 'in_transit', carrierCode: 'ACCEPTED' },
      },
      {
        at: at(50),
        type: 'tracking',
        status: 'delivered',
        actor: 'carrier:sandbox',
        data: { status: 'delivered', carrierCode: 'DELIVERED' },
      },
    ]);
    expect(isSortedByTime(ret.timeline)).toBe(true);
  });

  it.each([
    ['ANNOUNCED', 'open'],
    ['ACCEPTED', 'in_transit'],
    ['PICKED_UP', 'in_transit'],
    ['IN_TRANSIT', 'in_transit'],
    ['AT_SORTING_CENTER', 'in_transit'],
    ['DELIVERED', 'delivered'],
    ['EXCEPTION', 'open'],
    ['RETURNED_TO_SENDER', 'open'],
    ['ZX-99', 'open'],
  ])('code %s leaves an open return %s, and is kept on the timeline', async (code, status) => {
    const { accept, trackingNumber, at, current, tracking } = await openReturn();
    expect(await accept([{ trackingNumber, code, at: at(3) }])).toMatchObject({ accepted: 1 });
    expect((await current()).status).toBe(status);
    const [entry, ...rest] = await tracking();
    expect(rest).toEqual([]);
    const moved = status === 'open' ? null : status;
    expect(entry).toMatchObject({ at: at(3), data: { status: moved, carrierCode: code } });
    if (moved) expect(entry.status).toBe(moved);
    else expect(entry).not.toHaveProperty('status');
  });

  it('handles events out of order within one payload and across payloads, never moving backwards', async () => {
    const first = await openReturn();
    h.clock.advance(120 * MINUTE);
    // one payload, newest first: recorded in event-time order, ends delivered
    expect(
      await first.accept([
        { trackingNumber: first.trackingNumber, code: 'DELIVERED', at: first.at(90) },
        { trackingNumber: first.trackingNumber, code: 'AT_SORTING_CENTER', at: first.at(40) },
        { trackingNumber: first.trackingNumber, code: 'ACCEPTED', at: first.at(10) },
      ]),
    ).toEqual({ accepted: 3, duplicates: 0, unknownTrackingNumbers: [] });
    expect((await first.current()).status).toBe('delivered');
    expect((await first.tracking()).map((e: any) => [e.data.carrierCode, e.status ?? null])).toEqual([
      ['ACCEPTED', 'in_transit'],
      ['AT_SORTING_CENTER', null],
      ['DELIVERED', 'delivered'],
    ]);

    // across payloads: delivered arrives first; the late scans are kept and change nothing
    const second = await openReturn();
    h.clock.advance(120 * MINUTE);
    await second.accept([{ trackingNumber: second.trackingNumber, code: 'DELIVERED', at: second.at(90) }]);
    expect((await second.current()).status).toBe('delivered');
    await second.accept([{ trackingNumber: second.trackingNumber, code: 'ACCEPTED', at: second.at(10), message: 'late' }]);
    const ret = await second.current();
    expect(ret.status).toBe('delivered');
    const events = ret.timeline.filter((e: any) => e.type === 'tracking');
    expect(events.map((e: any) => e.data.carrierCode)).toEqual(['ACCEPTED', 'DELIVERED']);
    expect(events[0]).not.toHaveProperty('status');
    expect(isSortedByTime(ret.timeline)).toBe(true);
  });

  it('ignores duplicates within one payload and across payloads', async () => {
    const { accept, trackingNumber, at, current, tracking } = await openReturn();
    const event = { trackingNumber, code: 'ACCEPTED', at: at(10), message: 'Accepted' };
    expect(await accept([event, event, { ...event }])).toEqual({ accepted: 1, duplicates: 2, unknownTrackingNumbers: [] });
    const before = await current();
    // the same event again, also with the instant written with an offset, and lowercase
    const offset = new Date(Date.parse(event.at) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(await accept([event, { ...event, at: offset, trackingNumber: trackingNumber.toLowerCase() }])).toEqual({
      accepted: 0,
      duplicates: 2,
      unknownTrackingNumbers: [],
    });
    expect(await current()).toEqual(before);
    expect(await tracking()).toHaveLength(1);
    // the same code at another time is another scan
    expect(await accept([{ ...event, at: at(11) }])).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await tracking()).toHaveLength(2);
  });

  it('reports unknown tracking numbers (once each, as sent) without failing the others', async () => {
    const { accept, trackingNumber, at, current, shop } = await openReturn();
    const other = await openReturn(); // another merchant's return
    const courier = await openReturn(shop, { carrier: 'sandbox_courier', contact: { email: 'sanne@example.com', phone: '+31612345678' } });
    const result = await accept([
      { trackingNumber: 'NOPE-123', code: 'ACCEPTED', at: at(1) },
      { trackingNumber, code: 'ACCEPTED', at: at(2) },
      { trackingNumber: 'nope-123', code: 'DELIVERED', at: at(3) },
      { trackingNumber: other.trackingNumber, code: 'DELIVERED', at: at(4) },
      { trackingNumber: courier.trackingNumber, code: 'DELIVERED', at: at(5) },
    ]);
    expect(result).toEqual({
      accepted: 1,
      duplicates: 0,
      unknownTrackingNumbers: ['NOPE-123', other.trackingNumber, courier.trackingNumber],
    });
    expect((await current()).status).toBe('in_transit');
    // another merchant's return and another carrier's return are untouched
    expect((await other.current()).status).toBe('open');
    expect(await other.tracking()).toEqual([]);
    expect((await courier.current()).status).toBe('open');
    expect(await courier.tracking()).toEqual([]);
    expect(await accept([])).toEqual({ accepted: 0, duplicates: 0, unknownTrackingNumbers: [] });
  });

  it('keeps an unknown code on the timeline without a status change, also after the return moved on', async () => {
    const { accept, trackingNumber, at, current, tracking } = await openReturn();
    await accept([{ trackingNumber, code: 'ZX-99', at: at(5), message: 'Weird scanner code' }]);
    expect((await current()).status).toBe('open');
    await accept([{ trackingNumber, code: 'ACCEPTED', at: at(6) }]);
    await accept([{ trackingNumber, code: 'Q-42', at: at(7) }]);
    expect((await current()).status).toBe('in_transit');
    const events = await tracking();
    expect(events.map((e: any) => [e.data.carrierCode, e.data.status, e.status ?? null, e.message ?? null])).toEqual([
      ['ZX-99', null, null, 'Weird scanner code'],
      ['ACCEPTED', 'in_transit', 'in_transit', null],
      ['Q-42', null, null, null],
    ]);
  });

  it('refuses an unsigned, wrongly signed or misdirected webhook with one answer, changing nothing', async () => {
    const { m, trackingNumber, secret, at, current, shop } = await openReturn();
    const b = (await setupShop(h)).merchant;
    const bSecret = (await webhookOf(b)).secret;
    const raw = JSON.stringify({ events: [{ trackingNumber, code: 'DELIVERED', at: at(5) }] });
    const before = await current();
    const derived = (merchantId: string, carrier: string) => hmacHex(h.ctx.secret, `carrier-webhook:${merchantId}:${carrier}`);

    const attempts: [string, () => ReturnType<typeof post>][] = [
      ['no signature', () => post(m.id, raw)],
      ['an empty signature', () => post(m.id, raw, { 'x-retour-signature': '' })],
      ['a wrong secret', () => post(m.id, raw, { 'x-retour-signature': sign('not-the-secret', raw) })],
      ['the hex without "sha256="', () => post(m.id, raw, { 'x-retour-signature': hmacHex(secret, raw) })],
      [
        'another algorithm',
        () => post(m.id, raw, { 'x-retour-signature': `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}` }),
      ],
      ['a truncated signature', () => post(m.id, raw, { 'x-retour-signature': sign(secret, raw).slice(0, 40) })],
      ['not hex', () => post(m.id, raw, { 'x-retour-signature': `sha256=${'z'.repeat(64)}` })],
      ['the server secret itself', () => post(m.id, raw, { 'x-retour-signature': `sha256=${hmacHex(h.ctx.secret, raw)}` })],
      ['another merchant’s secret', () => post(m.id, raw, { 'x-retour-signature': sign(bSecret, raw) })],
      ['the right signature at another merchant’s URL', () => post(b.id, raw, { 'x-retour-signature': sign(secret, raw) })],
      [
        'the body altered after signing',
        () => post(m.id, raw.replace('DELIVERED', 'DELIVERED '), { 'x-retour-signature': sign(secret, raw) }),
      ],
      ['an extra byte after signing', () => post(m.id, `${raw} `, { 'x-retour-signature': sign(secret, raw) })],
      ['another carrier’s URL', () => post(m.id, raw, { 'x-retour-signature': sign(secret, raw) }, 'sandbox_courier')],
      // correctly derived keys, but for targets that do not take webhooks
      ['a polled carrier', () => post(m.id, raw, { 'x-retour-signature': sign(derived(m.id, 'sandbox_courier'), raw) }, 'sandbox_courier')],
      ['an unknown carrier', () => post(m.id, raw, { 'x-retour-signature': sign(derived(m.id, 'dhl'), raw) }, 'dhl')],
      ['an unknown merchant', () => post('mer_nobody', raw, { 'x-retour-signature': sign(derived('mer_nobody', 'sandbox'), raw) })],
      ['the system "merchant"', () => post('_system', raw, { 'x-retour-signature': sign(derived('_system', 'sandbox'), raw) })],
    ];
    const messages = new Set<string>();
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect(res.statusCode, `${what}: ${res.body}`).toBe(401);
      const error = expectError(res, 401, 'invalid_signature');
      expect(error.details, what).toBeUndefined();
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
    // a second header value is no signature either
    const twice = await h.app.inject({
      method: 'POST',
      url: `/api/carriers/sandbox/webhooks/${m.id}`,
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-retour-signature': [sign(secret, raw), sign(secret, raw)] },
    });
    expectError(twice, 401, 'invalid_signature');
    expect(await current()).toEqual(before);
    expect((await getReturn(shop.merchant, before.id)).timeline.filter((e: any) => e.type === 'tracking')).toEqual([]);
    // and the genuine one still works
    const ok = await post(m.id, raw, { 'x-retour-signature': sign(secret, raw).toUpperCase().replace('SHA256=', 'sha256=') });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await current()).status).toBe('delivered');
  });

  it('checks the signature before the body: a bad body unsigned is 401, signed it is 400 with the field', async () => {
    const { m, secret, trackingNumber, at, current } = await openReturn();
    const before = await current();
    const bad = JSON.stringify({ events: [{ trackingNumber, at: at(1) }] });
    expectError(await post(m.id, bad), 401, 'invalid_signature');
    expectIssue(await post(m.id, bad, { 'x-retour-signature': sign(secret, bad) }), ['events', 0, 'code']);
    const signed = (raw: string, headers: Record<string, string> = {}) =>
      post(m.id, raw, { 'x-retour-signature': sign(secret, raw), ...headers });
    expectError(await signed('{"events": ['), 400, 'validation_error');
    expectError(await signed(''), 400, 'validation_error');
    expectIssue(await signed(JSON.stringify({ events: [{ trackingNumber, code: 'ACCEPTED', at: 'yesterday' }] })), ['events', 0, 'at']);
    expectIssue(await signed(JSON.stringify({ events: [{ trackingNumber: '', code: 'ACCEPTED', at: at(1) }] })), [
      'events',
      0,
      'trackingNumber',
    ]);
    expectIssue(await signed(JSON.stringify({ events: 'all of them' })), ['events']);
    expectIssue(await signed(JSON.stringify([])), []);
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ trackingNumber, code: 'ACCEPTED', at: at(i % 60) }));
    expectIssue(await signed(JSON.stringify({ events: tooMany })), ['events']);
    expectIssue(await signed(JSON.stringify({ events: [{ trackingNumber, code: 'A\u0000B', at: at(1) }] })), ['events', 0, 'code']);
    // over 1 MiB is refused before anything is read, signed or not
    const huge = JSON.stringify({ events: [], padding: 'x'.repeat(1024 * 1024) });
    expectError(await signed(huge), 413, 'payload_too_large');
    expectError(await post(m.id, huge), 413, 'payload_too_large');
    expect(await current()).toEqual(before);
    // 500 events are fine (here all one scan: 1 accepted, 499 duplicates)
    const full = Array.from({ length: 500 }, () => ({ trackingNumber, code: 'ACCEPTED', at: at(1) }));
    const res = await signed(JSON.stringify({ events: full }));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ accepted: 1, duplicates: 499, unknownTrackingNumbers: [] });
    // the content type does not matter: the signed bytes do; unknown fields are ignored
    const extra = JSON.stringify({ events: [{ trackingNumber, code: 'DELIVERED', at: at(2), depot: 'AMS' }], batch: 7 });
    const plain = await signed(extra, { 'content-type': 'text/plain; charset=utf-8' });
    expect(plain.statusCode, plain.body).toBe(200);
    expect((await current()).status).toBe('delivered');
  });

  it('leaves JSON parsing of every other route as it was', async () => {
    const { m } = await openReturn();
    const res = await m.call('POST', '/api/v1/brands', { name: 'Still JSON' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).name).toBe('Still JSON');
    const spec = json(await h.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(Object.keys(spec.paths)).toContain('/api/carriers/{carrier}/webhooks/{merchantId}');
  });
});
