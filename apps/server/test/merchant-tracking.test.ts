// Carrier tracking events on POST /api/v1/returns/{id}/events: late, duplicate and out-of-order
// events (domain.md "Return lifecycle": order by event time, ignore duplicates, never move a
// status backwards, keep unknown carrier codes on the timeline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, getReturn, MINUTE, portalReturn, receiveAll } from './merchant-helpers.ts';
import { setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function openReturn(portal: Record<string, unknown> = {}) {
  const shop = await setupShop(h, portal);
  const { ret } = await portalReturn(h, shop);
  const m = shop.merchant;
  const created = Date.parse(ret.createdAt);
  const at = (minutes: number) => new Date(created + minutes * MINUTE).toISOString();
  const send = (body: Record<string, unknown>) => m.call('POST', `/api/v1/returns/${ret.id}/events`, body);
  const tracking = async () => (await getReturn(m, ret.id)).timeline.filter((e: any) => e.type === 'tracking');
  return { m, ret, at, send, tracking };
}

const isSortedByTime = (timeline: { at: string }[]) => timeline.every((e, i) => i === 0 || timeline[i - 1]!.at <= e.at);

describe('POST /api/v1/returns/{id}/events', () => {
  it('moves open → in_transit → delivered', async () => {
    const { send, at, ret, m } = await openReturn();
    h.clock.advance(3 * 60 * MINUTE);
    const first = await send({ at: at(60), status: 'in_transit', carrierCode: 'A01', message: 'Dropped off at service point' });
    expect(first.statusCode, first.body).toBe(201);
    expect(json(first).status).toBe('in_transit');
    expect(json(first).timeline.find((e: any) => e.type === 'tracking')).toMatchObject({
      at: at(60),
      status: 'in_transit',
      message: 'Dropped off at service point',
      data: { status: 'in_transit', carrierCode: 'A01' },
    });
    const second = await send({ at: at(120), status: 'delivered' });
    expect(second.statusCode, second.body).toBe(201);
    expect(json(second).status).toBe('delivered');
    expect(json(second).allowedActions).toContain('receive');
    expect((await getReturn(m, ret.id)).status).toBe('delivered');
    expect(isSortedByTime(json(second).timeline)).toBe(true);
  });

  it('handles events out of order: delivered first, then an older in_transit, ends delivered', async () => {
    const { send, at, tracking } = await openReturn();
    h.clock.advance(3 * 60 * MINUTE);
    const delivered = await send({ at: at(120), status: 'delivered', message: 'Delivered at warehouse' });
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect(json(delivered).status).toBe('delivered');
    const late = await send({ at: at(60), status: 'in_transit', message: 'Sorted' });
    expect(late.statusCode, late.body).toBe(201);
    const ret = json(late);
    expect(ret.status).toBe('delivered');
    // both are on the timeline, in event-time order, and the late one changed no status
    const events = await tracking();
    expect(events.map((e: any) => [e.at, e.message])).toEqual([
      [at(60), 'Sorted'],
      [at(120), 'Delivered at warehouse'],
    ]);
    expect(events[0]).not.toHaveProperty('status');
    expect(isSortedByTime(ret.timeline)).toBe(true);
    const types = ret.timeline.map((e: any) => e.type);
    expect(types.indexOf('created')).toBeLessThan(types.indexOf('tracking'));
  });

  it('never moves a status backwards (received, completed, cancelled stay)', async () => {
    for (const final of ['received', 'cancelled'] as const) {
      const { send, at, m, ret } = await openReturn();
      if (final === 'received') await receiveAll(m, ret);
      else await m.call('POST', `/api/v1/returns/${ret.id}/cancel`);
      h.clock.advance(MINUTE * 10);
      for (const status of ['in_transit', 'delivered']) {
        const res = await send({ at: at(5), status });
        expect(res.statusCode, res.body).toBe(201);
        expect(json(res).status).toBe(final);
      }
    }
  });

  it('ignores the exact same event twice: 200 and no new timeline entry', async () => {
    const { send, at, tracking, m, ret } = await openReturn();
    const event = { at: at(30), status: 'in_transit', carrierCode: 'A01', message: 'Accepted' };
    expect((await send(event)).statusCode).toBe(201);
    const before = (await getReturn(m, ret.id)).timeline;
    const again = await send(event);
    expect(again.statusCode, again.body).toBe(200);
    expect(json(again).timeline).toEqual(before);
    // the same instant written with an offset is the same event
    const offset = new Date(Date.parse(event.at) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect((await send({ ...event, at: offset })).statusCode).toBe(200);
    expect(await tracking()).toHaveLength(1);
    // a different message is a different event
    expect((await send({ ...event, message: 'Accepted again' })).statusCode).toBe(201);
    expect(await tracking()).toHaveLength(2);
  });

  it('keeps an unknown carrier code without a status on the timeline, without a status change', async () => {
    const { send, at, ret, m } = await openReturn();
    const res = await send({ at: at(15), carrierCode: 'ZX-99', message: 'Weird scanner code' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).status).toBe('open');
    const entry = json(res).timeline.find((e: any) => e.type === 'tracking');
    expect(entry).toMatchObject({ at: at(15), message: 'Weird scanner code', data: { status: null, carrierCode: 'ZX-99' } });
    expect(entry).not.toHaveProperty('status');
    // exception and info events are kept but move nothing either
    for (const status of ['exception', 'info']) {
      const r = await send({ at: at(20), status, message: status });
      expect(r.statusCode, r.body).toBe(201);
      expect(json(r).status).toBe('open');
    }
    expect((await getReturn(m, ret.id)).timeline.filter((e: any) => e.type === 'tracking')).toHaveLength(3);
  });

  it('on a requested return (not yet approved) keeps the event without opening it', async () => {
    const { send, at } = await openReturn({ approval: 'manual' });
    const res = await send({ at: at(5), status: 'in_transit' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).status).toBe('requested');
  });

  it('sorts the timeline by event time, whatever the arrival order', async () => {
    const { send, at, m, ret } = await openReturn();
    h.clock.advance(5 * 60 * MINUTE);
    for (const minutes of [240, 30, 180, 90]) {
      expect((await send({ at: at(minutes), carrierCode: `C${minutes}` })).statusCode).toBe(201);
    }
    await m.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: 'now' });
    const timeline = (await getReturn(m, ret.id)).timeline;
    expect(isSortedByTime(timeline)).toBe(true);
    expect(timeline.filter((e: any) => e.type === 'tracking').map((e: any) => e.data.carrierCode)).toEqual(['C30', 'C90', 'C180', 'C240']);
    expect(timeline.at(-1)).toMatchObject({ type: 'note', at: h.clock.now.toISOString() });
  });

  it('answers 404 return_not_found for an unknown return, and 400 for an event without status or code', async () => {
    const { send, at } = await openReturn();
    const m = (await setupShop(h)).merchant;
    expectError(
      await m.call('POST', '/api/v1/returns/ret_doesnotexist/events', { at: at(1), status: 'in_transit' }),
      404,
      'return_not_found',
    );
    expectIssue(await send({ at: at(1) }), ['status']);
    expectIssue(await send({ at: 'yesterday', status: 'in_transit' }), ['at']);
    expectIssue(await send({ at: at(1), status: 'teleported' }), ['status']);
  });
});
