// Resolutions of a received return: refunds (proposal, notes, partial, cap, currency), store
// credit, replacements and staff notes (domain.md "Return lifecycle" → Resolutions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectIssue, getReturn, importOrder, receiveAll } from './merchant-helpers.ts';
import { createPortalReturn, eur, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** A return of `lines` (item index → quantity) on a shop with the given portal settings. */
async function returnOf(lines: [number, number][], portal: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const shop = await setupShop(h, portal);
  const { payload, order } = await importOrder(h, shop);
  const created = await createPortalReturn(h, shop.slug, payload, {
    items: lines.map(([index, quantity]) => ({ orderItemId: order.items[index].id, quantity, reason: 'too_small' })),
    ...extra,
  });
  expect(created.statusCode, created.body).toBe(201);
  const m = shop.merchant;
  const ret = await getReturn(m, json(created).id);
  const refund = (body: Record<string, unknown>) => m.call('POST', `/api/v1/returns/${ret.id}/refunds`, body);
  return { shop, m, order, ret, refund };
}

describe('refunds', () => {
  it('proposes Σ unit price × received quantity minus a fee deducted from the refund, and refunds it with {}', async () => {
    const fee = { returnFee: { amount: eur('4.95'), payment: 'deduct_from_refund' } };
    const { m, ret, refund, order } = await returnOf(
      [
        [0, 2],
        [1, 1],
      ],
      fee,
    );
    expect(ret.fee).toEqual(eur('4.95'));
    expect(ret.proposedRefund).toEqual(eur('0.00'));
    expect(ret.refundableRemaining).toEqual(eur('148.90'));
    const received = await m.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [
        { orderItemId: order.items[0].id, quantity: 2, condition: 'as_new', restocked: true },
        { orderItemId: order.items[1].id, quantity: 0, condition: 'missing' },
      ],
    });
    expect(json(received).proposedRefund).toEqual(eur('54.95')); // 2 × 29.95 − 4.95; the missing jeans are not refunded
    const res = await refund({});
    expect(res.statusCode, res.body).toBe(201);
    const after = json(res);
    expect(after.refundTotal).toEqual(eur('54.95'));
    expect(after.refunds).toEqual([
      { at: h.clock.now.toISOString(), amount: eur('54.95'), note: null, actor: expect.stringMatching(/^api_key:/) },
    ]);
    expect(after.refundableRemaining).toEqual(eur('93.95')); // the cap is what was paid: 148.90 − 54.95
    expect(after.proposedRefund).toEqual(eur('0.00'));
    expect(after.timeline.at(-1)).toMatchObject({ type: 'refund', message: '54.95 EUR', actor: expect.stringMatching(/^api_key:/) });
    expect(after.status).toBe('received');
    // nothing more is proposed: an empty refund is refused
    expectError(await refund({}), 422, 'refund_exceeds_paid');
  });

  it('a different amount needs a note (422 note_required); with a note it is refunded', async () => {
    const { m, ret, refund } = await returnOf([[0, 2]]);
    await receiveAll(m, ret);
    const refused = expectError(await refund({ amount: eur('20.00') }), 422, 'note_required');
    expect(refused.details).toMatchObject({ proposed: eur('59.90') });
    expectError(await refund({ amount: eur('20.00'), note: '   ' }), 422, 'note_required');
    expect((await getReturn(m, ret.id)).refunds).toEqual([]);
    const ok = await refund({ amount: eur('20.00'), note: 'Stains on one shirt' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok).refunds).toEqual([expect.objectContaining({ amount: eur('20.00'), note: 'Stains on one shirt' })]);
    expect(json(ok).refundTotal).toEqual(eur('20.00'));
    // the amount that equals the proposal needs no note
    const rest = await refund({ amount: eur('39.90') });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(json(rest).refundTotal).toEqual(eur('59.90'));
  });

  it('refunds partially, then again up to the paid total, and never beyond (422 refund_exceeds_paid)', async () => {
    const { m, ret, refund } = await returnOf([[1, 1]]);
    await receiveAll(m, ret);
    expectError(await refund({ amount: eur('89.01'), note: 'too much' }), 422, 'refund_exceeds_paid');
    const first = json(await refund({ amount: eur('50.00'), note: 'First part' }));
    expect(first).toMatchObject({ refundTotal: eur('50.00'), refundableRemaining: eur('39.00'), proposedRefund: eur('39.00') });
    h.clock.advance(60_000);
    const second = await refund({});
    expect(second.statusCode, second.body).toBe(201);
    expect(json(second)).toMatchObject({ refundTotal: eur('89.00'), refundableRemaining: eur('0.00'), proposedRefund: eur('0.00') });
    expect(json(second).refunds.map((r: any) => [r.amount.value, r.note])).toEqual([
      ['50.00', 'First part'],
      ['39.00', null],
    ]);
    const beyond = expectError(await refund({ amount: eur('0.01'), note: 'one cent more' }), 422, 'refund_exceeds_paid');
    expect(beyond.details).toMatchObject({ remaining: eur('0.00') });
    expect((await getReturn(m, ret.id)).refundTotal).toEqual(eur('89.00'));
  });

  it('may refund more than was received (with a note) up to what was paid for the returned items', async () => {
    const { m, ret, refund, order } = await returnOf([[0, 2]]);
    await m.call('POST', `/api/v1/returns/${ret.id}/receive`, {
      items: [{ orderItemId: order.items[0].id, quantity: 1, condition: 'used' }],
    });
    expect((await getReturn(m, ret.id)).proposedRefund).toEqual(eur('29.95'));
    expectError(await refund({ amount: eur('59.91'), note: 'goodwill' }), 422, 'refund_exceeds_paid');
    const ok = await refund({ amount: eur('59.90'), note: 'Goodwill: second shirt lost by the carrier' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok).refundableRemaining).toEqual(eur('0.00'));
  });

  it('refuses another currency (422 currency_mismatch) and malformed amounts (400)', async () => {
    const { m, ret, refund } = await returnOf([[0, 1]]);
    await receiveAll(m, ret);
    expectError(await refund({ amount: { value: '29.95', currency: 'USD' }, note: 'x' }), 422, 'currency_mismatch');
    expectIssue(await refund({ amount: { value: '29.955', currency: 'EUR' }, note: 'x' }), ['amount', 'value']);
    expectIssue(await refund({ amount: { value: 29.95, currency: 'EUR' } }), ['amount', 'value']);
    expectIssue(await refund({ amount: { value: '1.00', currency: 'XXY' } }), ['amount', 'currency']);
    expect((await getReturn(m, ret.id)).refunds).toEqual([]);
  });

  it('refunds a completed return too, but not one that has not been received', async () => {
    const { m, ret, refund } = await returnOf([[0, 1]]);
    expectError(await refund({ amount: eur('29.95'), note: 'before it arrived' }), 409, 'invalid_transition');
    await receiveAll(m, ret);
    expect((await m.call('POST', `/api/v1/returns/${ret.id}/resolve`)).statusCode).toBe(200);
    const res = await refund({});
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({ status: 'completed', refundTotal: eur('29.95') });
  });
});

describe('store credit, replacements, notes and label resends', () => {
  it('gives store credit with a generated code, or the code given', async () => {
    const { m, ret } = await returnOf([[0, 1]], { resolutions: ['store_credit'] }, { resolution: 'store_credit' });
    await receiveAll(m, ret);
    const credit = (body: unknown) => m.call('POST', `/api/v1/returns/${ret.id}/store-credits`, body);
    const res = await credit({ amount: eur('32.00') });
    expect(res.statusCode, res.body).toBe(201);
    const first = json(res).storeCredits[0];
    expect(first).toEqual({
      at: h.clock.now.toISOString(),
      amount: eur('32.00'),
      code: expect.stringMatching(/^CREDIT-[A-Z0-9]{10}$/),
      actor: expect.stringMatching(/^api_key:/),
      // No shop connected: the code is kept in Retour (store-credit-shop.test.ts covers the shops).
      expiresOn: null,
      shop: null,
      state: 'recorded',
      shopUrl: null,
      shopId: null,
      adminUrl: null,
      problem: null,
    });
    expect(json(res).timeline.at(-1)).toMatchObject({ type: 'store_credit', message: expect.stringContaining(first.code) });
    const own = json(await credit({ amount: eur('5.00'), code: 'SORRY-2026' }));
    expect(own.storeCredits.map((c: any) => c.code)).toEqual([first.code, 'SORRY-2026']);
    expect(own.refundTotal).toEqual(eur('0.00'));
    expectError(await credit({ amount: { value: '5.00', currency: 'GBP' } }), 422, 'currency_mismatch');
    expectIssue(await credit({ amount: eur('0.00') }), ['amount', 'value']);
    expectIssue(await credit({ amount: eur('1.00'), code: 'no spaces allowed' }), ['code']);
    expect((await getReturn(m, ret.id)).storeCredits).toHaveLength(2);
  });

  it('records a replacement shipment with carrier and tracking number', async () => {
    const { m, ret } = await returnOf([[0, 1]], { resolutions: ['exchange'] }, { resolution: 'exchange', exchangeNote: 'Size L' });
    await receiveAll(m, ret);
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/replacements`, { carrier: 'sandbox', trackingNumber: 'RPL000123NL' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).replacements).toEqual([
      { at: h.clock.now.toISOString(), carrier: 'sandbox', trackingNumber: 'RPL000123NL', actor: expect.stringMatching(/^api_key:/) },
    ]);
    expect(json(res).timeline.at(-1)).toMatchObject({ type: 'replacement', data: { carrier: 'sandbox', trackingNumber: 'RPL000123NL' } });
    expect((await getReturn(m, ret.id)).replacements).toHaveLength(1);
  });

  it('puts staff notes on the timeline with the actor, in any status', async () => {
    const { m, ret } = await returnOf([[0, 1]]);
    h.clock.advance(1000);
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: '  Customer phoned about the label.  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).timeline.at(-1)).toEqual({
      at: h.clock.now.toISOString(),
      type: 'note',
      message: 'Customer phoned about the label.',
      actor: expect.stringMatching(/^api_key:/),
      data: null,
    });
    expect(json(res).status).toBe('open');
    await m.call('POST', `/api/v1/returns/${ret.id}/cancel`);
    const late = await m.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: 'Closed after call.' });
    expect(late.statusCode, late.body).toBe(201);
    expect(json(late).status).toBe('cancelled');
    expectIssue(await m.call('POST', `/api/v1/returns/${ret.id}/notes`, { message: '   ' }), ['message']);
  });

  it('resends the label email of an open return and records it', async () => {
    const { m, ret } = await returnOf([[0, 1]]);
    const res = await m.call('POST', `/api/v1/returns/${ret.id}/resend-label`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).timeline.at(-1)).toMatchObject({ type: 'label_resent', actor: expect.stringMatching(/^api_key:/) });
  });
});
