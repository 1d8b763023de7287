// Outgoing webhooks end to end: returns changed through the real API are announced to a real
// local receiver that checks the signature itself; failures are retried with the outbox's backoff,
// given up after 10 attempts, and can be replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookRetryDelay } from '@retour/domain/webhook-retries';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { dispatchReturnEvent } from '../src/jobs/dispatch-return-event.ts';
import { expectError, getReturn, receiveAll } from './merchant-helpers.ts';
import { createPortalReturn, eur, orderPayload, setupShop, type Shop } from './support/fixtures.ts';
import { type Harness, json, type Merchant, startHarness } from './support/harness.ts';
import { drainAll, type Receiver, receiverVerifies, seconds, startReceiver } from './webhooks-helpers.ts';

let h: Harness;
let rx: Receiver;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
  h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: true, timeoutMs: 300 };
});
afterAll(async () => {
  await rx.close();
  await h.close();
});

async function addEndpoint(m: Merchant, path: string, events: string[], extra: Record<string, unknown> = {}) {
  const res = await m.call('POST', '/api/v1/webhooks', { url: rx.url(path), events, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return json(res) as { id: string; secret: string };
}

async function newReturn(shop: Shop) {
  const payload = orderPayload(h);
  await shop.importOrders(payload);
  const created = await createPortalReturn(h, shop.slug, payload);
  expect(created.statusCode, created.body).toBe(201);
  return json(created).id as string;
}

const deliveries = async (m: Merchant, endpointId: string, query = '') => {
  const res = await m.call('GET', `/api/v1/webhooks/${endpointId}/deliveries${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
};

const ALL = ['return.created', 'return.status_changed', 'return.received', 'refund.created'];

describe('outgoing webhooks', () => {
  it('an endpoint gets no event from before it was created, however late the fan-out runs', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const earlier = await newReturn(shop); // its return.event job not run yet
    h.clock.advance(1_000);
    const late = await addEndpoint(m, '/late', ALL);
    await drainAll(h);
    expect(rx.to('/late')).toEqual([]);
    expect((await deliveries(m, late.id)).data).toEqual([]);
    h.clock.advance(1_000);
    const later = await newReturn(shop);
    await drainAll(h);
    const bodies = rx.to('/late').map((r) => JSON.parse(r.body).data.return.id);
    expect(bodies).toEqual([later]);
    expect(bodies).not.toContain(earlier);
  });

  it('announces created, approved, received and refunded returns to subscribed, enabled endpoints only', async () => {
    const shop = await setupShop(h, { approval: 'manual' });
    const m = shop.merchant;
    const all = await addEndpoint(m, '/all', ALL, { description: 'ERP' });
    const refunds = await addEndpoint(m, '/refunds', ['refund.created']);
    await addEndpoint(m, '/off', ALL, { enabled: false });

    const returnId = await newReturn(shop);
    expect(rx.to('/all')).toEqual([]); // nothing is sent inside the request
    await drainAll(h);
    const [created] = rx.to('/all');
    expect(rx.to('/all')).toHaveLength(1);
    expect(created?.method).toBe('POST');
    expect(created?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Retour-Webhooks/1',
      'retour-event-type': 'return.created',
      'retour-delivery-id': expect.stringMatching(/^whd_/),
      'retour-signature': expect.stringMatching(new RegExp(`^t=${seconds(h)},v1=[0-9a-f]{64}$`)),
    });
    const body = JSON.parse(created?.body ?? '');
    expect(Object.keys(body)).toEqual(['id', 'type', 'createdAt', 'data']);
    expect(body).toMatchObject({ id: expect.stringMatching(/^rev_/), type: 'return.created', createdAt: h.clock.now.toISOString() });
    expect(created?.headers['retour-event-id']).toBe(body.id);
    expect(body.data).toEqual({ return: await getReturn(m, returnId) });
    expect(body.data.return.status).toBe('requested');
    // the receiver's own check: the endpoint's secret verifies, another endpoint's does not
    expect(receiverVerifies(created!, all.secret, seconds(h))).toBe(true);
    expect(receiverVerifies(created!, refunds.secret, seconds(h))).toBe(false);
    expect(receiverVerifies({ ...created!, body: created!.body.replace('requested', 'approved') }, all.secret, seconds(h))).toBe(false);
    expect(receiverVerifies(created!, all.secret, seconds(h) + 301)).toBe(false); // a replay 5 minutes later is refused

    h.clock.advance(60_000);
    expect((await m.call('POST', `/api/v1/returns/${returnId}/approve`)).statusCode).toBe(200);
    await drainAll(h);
    const approved = JSON.parse(rx.to('/all')[1]?.body ?? '');
    expect(approved).toMatchObject({ type: 'return.status_changed', createdAt: h.clock.now.toISOString() });
    expect(approved.data).toMatchObject({ previousStatus: 'requested', status: 'open', return: { id: returnId, status: 'open' } });
    expect(approved.id).not.toBe(body.id);

    h.clock.advance(60_000);
    await receiveAll(m, await getReturn(m, returnId));
    await drainAll(h);
    const afterReceive = rx
      .to('/all')
      .slice(2)
      .map((r) => JSON.parse(r.body));
    expect(afterReceive.map((b) => b.type).sort()).toEqual(['return.received', 'return.status_changed']);
    expect(afterReceive[0].id).toBe(afterReceive[1].id); // one change, two event types
    expect(afterReceive.find((b) => b.type === 'return.status_changed').data).toMatchObject({ previousStatus: 'open', status: 'received' });
    expect(afterReceive.find((b) => b.type === 'return.received').data).not.toHaveProperty('previousStatus');

    h.clock.advance(60_000);
    const refunded = await m.call('POST', `/api/v1/returns/${returnId}/refunds`, { amount: eur('10.00'), note: 'Worn once' });
    expect(refunded.statusCode, refunded.body).toBe(201);
    await drainAll(h);
    const refundAll = rx.to('/all')[4];
    const refundBody = JSON.parse(refundAll?.body ?? '');
    expect(refundBody).toMatchObject({ type: 'refund.created', data: { refund: { amount: eur('10.00'), note: 'Worn once' } } });
    expect(refundBody.data.return).toEqual(await getReturn(m, returnId));
    expect(rx.to('/all')).toHaveLength(5);
    // the refunds-only endpoint heard only the refund, with its own signature
    expect(rx.to('/refunds').map((r) => JSON.parse(r.body).type)).toEqual(['refund.created']);
    expect(rx.to('/refunds')[0]?.body).toBe(refundAll?.body);
    expect(receiverVerifies(rx.to('/refunds')[0]!, refunds.secret, seconds(h))).toBe(true);
    expect(receiverVerifies(rx.to('/refunds')[0]!, all.secret, seconds(h))).toBe(false);
    expect(rx.to('/off')).toEqual([]); // disabled

    const log = await deliveries(m, all.id);
    const types = log.data.map((d: any) => d.eventType);
    expect([types[0], ...types.slice(1, 3).sort(), ...types.slice(3)]).toEqual([
      'refund.created', // newest first; the two of one change share a timestamp
      'return.received',
      'return.status_changed',
      'return.status_changed',
      'return.created',
    ]);
    expect(log.data[0]).toMatchObject({
      webhookId: all.id,
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'ok',
      error: null,
      deliveredAt: h.clock.now.toISOString(),
      body: refundBody,
    });
    expect(log.nextCursor).toBeNull();

    // a retried fan-out (the return.event job runs again) adds no delivery and sends nothing twice
    const events = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', m.id)
      .where('topic', '=', 'return.event')
      .execute();
    expect(events).toHaveLength(4);
    for (const e of events) await dispatchReturnEvent(h.ctx, m.id, JSON.parse(e.payload));
    await drainAll(h);
    expect(rx.to('/all')).toHaveLength(5);
    expect((await deliveries(m, all.id)).data).toHaveLength(5);
  });

  it('retries a 500 and a timeout with the outbox backoff, then succeeds; redirects are not followed', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    rx.answer('/flaky', { status: 500, body: 'x'.repeat(5000) }, 'hang', { status: 204 });
    const endpoint = await addEndpoint(m, '/flaky', ['return.created']);
    await newReturn(shop);
    await drainAll(h);
    let [d] = (await deliveries(m, endpoint.id)).data;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, error: 'The endpoint answered 500.' });
    expect(d.responseBody).toBe('x'.repeat(1024)); // the first 1 KB only
    expect(await drainJobs(h.ctx)).toBe(0); // not before the backoff
    h.clock.advance(webhookRetryDelay(1) as number);
    await drainAll(h);
    [d] = (await deliveries(m, endpoint.id)).data;
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 2,
      responseStatus: null,
      responseBody: null,
      error: 'No response within 300 ms.',
    });
    h.clock.advance((webhookRetryDelay(2) as number) - 1);
    expect(await drainJobs(h.ctx)).toBe(0);
    h.clock.advance(1);
    await drainAll(h);
    [d] = (await deliveries(m, endpoint.id)).data;
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null, deliveredAt: h.clock.now.toISOString() });
    const sent = rx.to('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1); // the same body every time
    expect(new Set(sent.map((r) => r.headers['retour-delivery-id']))).toEqual(new Set([d.id]));
    expect(receiverVerifies(sent[2]!, endpoint.secret, seconds(h))).toBe(true);
    expect(sent[0]?.headers['retour-signature']).not.toBe(sent[2]?.headers['retour-signature']); // fresh timestamp

    rx.answer('/moved', { status: 301, headers: { location: rx.url('/target') } });
    const moved = await addEndpoint(m, '/moved', ['return.created']);
    await newReturn(shop);
    await drainAll(h);
    expect((await deliveries(m, moved.id)).data[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 301 });
    expect(rx.to('/target')).toEqual([]);
  });

  it('gives up after 10 attempts (failed), and a replay sends the same body again with a fresh signature', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    rx.answer('/down', { status: 503, body: 'maintenance' });
    const endpoint = await addEndpoint(m, '/down', ['return.created']);
    await newReturn(shop);
    await drainAll(h);
    for (let attempt = 1; attempt < 10; attempt++) {
      h.clock.advance(webhookRetryDelay(attempt) as number);
      await drainAll(h);
    }
    expect(rx.to('/down')).toHaveLength(10);
    let [d] = (await deliveries(m, endpoint.id)).data;
    expect(d).toMatchObject({ status: 'failed', attempts: 10, responseStatus: 503, responseBody: 'maintenance' });
    h.clock.advance(24 * 3600_000);
    await drainAll(h);
    expect(rx.to('/down')).toHaveLength(10); // stopped
    expect((await deliveries(m, endpoint.id, '?status=failed')).data).toHaveLength(1);
    expect((await deliveries(m, endpoint.id, '?status=succeeded')).data).toHaveLength(0);

    rx.answer('/down', { status: 200, body: 'back' });
    const replay = await m.call('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/${d.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(202);
    expect(json(replay)).toMatchObject({ id: d.id, status: 'pending', attempts: 10 });
    expectError(await m.call('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/${d.id}/replay`), 409, 'conflict'); // still pending
    await drainAll(h);
    [d] = (await deliveries(m, endpoint.id)).data;
    expect(d).toMatchObject({ status: 'succeeded', attempts: 11, responseStatus: 200, responseBody: 'back', error: null });
    const [first, , , , , , , , , , again] = rx.to('/down');
    expect(again?.body).toBe(first?.body);
    expect(again?.headers['retour-signature']).not.toBe(first?.headers['retour-signature']);
    expect(receiverVerifies(again!, endpoint.secret, seconds(h))).toBe(true);
    expect(receiverVerifies(first!, endpoint.secret, seconds(h))).toBe(false); // the old one is too old by now

    // a succeeded delivery can be replayed too
    expect((await m.call('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/${d.id}/replay`)).statusCode).toBe(202);
    await drainAll(h);
    expect(rx.to('/down')).toHaveLength(12);
    expect((await deliveries(m, endpoint.id)).data[0]).toMatchObject({ status: 'succeeded', attempts: 12 });
    expectError(await m.call('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/whd_unknown/replay`), 404, 'not_found');
  });

  it('a test ping is sent at once and logged; disabled endpoints get neither events nor tests', async () => {
    const shop = await setupShop(h);
    const m = shop.merchant;
    const endpoint = await addEndpoint(m, '/ping', ['refund.created']);
    const ping = await m.call('POST', `/api/v1/webhooks/${endpoint.id}/test`);
    expect(ping.statusCode, ping.body).toBe(200);
    expect(json(ping)).toMatchObject({ eventType: 'ping', status: 'succeeded', attempts: 1, responseStatus: 200 });
    const [sent] = rx.to('/ping');
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      id: expect.stringMatching(/^ping_/),
      type: 'ping',
      createdAt: h.clock.now.toISOString(),
      data: { webhookId: endpoint.id },
    });
    expect(sent?.headers['retour-event-type']).toBe('ping');
    expect(receiverVerifies(sent!, endpoint.secret, seconds(h))).toBe(true);

    const off = await m.call('PATCH', `/api/v1/webhooks/${endpoint.id}`, { enabled: false, events: ALL });
    expect(json(off)).toMatchObject({ enabled: false, events: ALL });
    expectError(await m.call('POST', `/api/v1/webhooks/${endpoint.id}/test`), 409, 'conflict');
    await newReturn(shop);
    await drainAll(h);
    expect(rx.to('/ping')).toHaveLength(1);
    expect((await deliveries(m, endpoint.id)).data).toHaveLength(1);
  });
});
