// Return rules through the HTTP API: versions, discovery lists, validation codes, the portal
// lookup (blocked items with the rule's message), creation enforced server-side, needs-review,
// keep-the-item, history conditions and the policy simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, merchantWithOwner, signIn } from './backoffice-helpers.ts';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { eur, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const put = (shop: Shop, payload: unknown) =>
  h.app.inject({
    method: 'PUT',
    url: '/api/v1/return-rules',
    payload: payload as object,
    headers: { authorization: `Bearer ${shop.merchant.apiKey}` },
  });

async function publish(shop: Shop, rules: unknown[]) {
  const res = await put(shop, { rules });
  expect(res.statusCode, res.body).toBe(200);
  return json(res);
}

/** The order with extra fields on one of its items. */
const withItem = (order: ReturnType<typeof orderPayload>, index: number, extra: Record<string, unknown>) => ({
  ...order,
  items: order.items.map((it, i) => (i === index ? { ...it, ...extra } : it)),
});

const rule = (name: string, conditions: unknown[], actions: unknown[], extra: Record<string, unknown> = {}) => ({
  name,
  scope: 'item',
  criteria: { match: 'all', conditions },
  actions,
  ...extra,
});

describe('return rules: versions and discovery', () => {
  it('lists properties, operators and actions', async () => {
    const shop = await setupShop(h);
    const props = json(await shop.merchant.call('GET', '/api/v1/return-rules/properties'));
    expect(props.data.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['country', 'order_value', 'sku', 'product_tag', 'vendor', 'reason', 'customer_returns_count', 'portal']),
    );
    const ops = json(await shop.merchant.call('GET', '/api/v1/return-rules/operators'));
    expect(ops.data.find((o: { name: string }) => o.name === 'in').valueList).toBe(true);
    const actions = json(await shop.merchant.call('GET', '/api/v1/return-rules/actions'));
    expect(actions.data.find((a: { identifier: string }) => a.identifier === 'restrict_methods').allowedValues).toContain('pickup');
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/return-rules/actions' })).statusCode).toBe(401);
  });

  it('every save is a new version; older ones stay readable; a stale base version is a conflict', async () => {
    const shop = await setupShop(h);
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules'))).toMatchObject({ version: 0, rules: [] });
    const v1 = await publish(shop, [rule('a', [], [{ identifier: 'needs_review' }])]);
    const v2 = await publish(shop, [rule('b', [], [{ identifier: 'add_tag', value: 'x' }])]);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules')).rules[0].name).toBe('b');
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules/versions/1')).rules[0].name).toBe('a');
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules/versions')).data.map((v: { version: number }) => v.version)).toEqual([
      2, 1,
    ]);
    expectError(await shop.merchant.call('GET', '/api/v1/return-rules/versions/9'), 404, 'not_found');
    expectError(await put(shop, { rules: [], baseVersion: 1 }), 409, 'conflict');
    expect((await put(shop, { rules: [], baseVersion: 2 })).statusCode).toBe(200);
    // Another merchant sees none of it.
    const other = await setupShop(h);
    expect(json(await other.merchant.call('GET', '/api/v1/return-rules')).version).toBe(0);
  });

  it('staff edit rules but, as on portals, only owners change the fee or carrier decisions', async () => {
    const m = await merchantWithOwner(h);
    const owner = await signIn(h, m.email);
    const staff = (await addUser(h, owner, 'staff')).browser;
    const fee = rule('fee', [], [{ identifier: 'set_fee', value: eur('2.00') }]);
    const review = rule('review', [], [{ identifier: 'needs_review' }]);
    expect((await owner.call('PUT', '/api/v1/return-rules', { rules: [fee] })).statusCode).toBe(200);
    // Adding a rule and moving the fee rule keeps its decisions: fine for staff.
    expect((await staff.call('PUT', '/api/v1/return-rules', { rules: [review, fee] })).statusCode).toBe(200);
    const changed = rule('fee', [], [{ identifier: 'set_fee', value: eur('0.50') }]);
    expectError(await staff.call('PUT', '/api/v1/return-rules', { rules: [review, changed] }), 403, 'forbidden');
    expectError(await staff.call('PUT', '/api/v1/return-rules', { rules: [review] }), 403, 'forbidden');
    expect(json(await owner.call('GET', '/api/v1/return-rules')).version).toBe(2);
  });

  it.each([
    [
      'unknown property',
      rule('x', [{ property: 'colour', operator: 'eq', value: 'red' }], [{ identifier: 'needs_review' }]),
      'unknown_rule_property',
    ],
    [
      'operator',
      rule('x', [{ property: 'country', operator: 'gt', value: 'NL' }], [{ identifier: 'needs_review' }]),
      'unknown_rule_operator',
    ],
    ['unknown action', rule('x', [], [{ identifier: 'explode' }]), 'unknown_rule_action'],
    [
      'value type',
      rule('x', [{ property: 'order_age_days', operator: 'gt', value: 'ten' }], [{ identifier: 'needs_review' }]),
      'invalid_rule_value',
    ],
    ['block without message', rule('x', [], [{ identifier: 'block' }]), 'invalid_rule_value'],
    ['not a return address', rule('x', [], [{ identifier: 'return_address', value: 'adr_nope' }]), 'invalid_rule_value'],
  ])('refuses %s with a stable 422 code and a sentence', async (_label, bad, code) => {
    const shop = await setupShop(h);
    const error = expectError(await put(shop, { rules: [bad] }), 422, code);
    expect(error.details?.path?.[0]).toBe('rules');
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules')).version).toBe(0);
  });
});

describe('return rules in the portal', () => {
  it('the lookup shows a blocked item with the rule message and applies fee, methods and photos', async () => {
    const shop = await setupShop(h, { returnFee: { amount: eur('4.95'), payment: 'deduct_from_refund' } });
    await publish(shop, [
      rule(
        'Jeans are final',
        [{ property: 'sku', operator: 'eq', value: 'JN-32' }],
        [{ identifier: 'block', value: 'Jeans are altered to size.' }],
      ),
      rule('Shirts', [{ property: 'product_tag', operator: 'eq', value: 'photo' }], [{ identifier: 'require_photos', value: 2 }]),
      rule(
        'NL',
        [{ property: 'country', operator: 'eq', value: 'NL' }],
        [{ identifier: 'waive_fee' }, { identifier: 'restrict_methods', value: ['drop_off', 'pickup'] }],
        { scope: 'return' },
      ),
    ]);
    const order = withItem(orderPayload(h), 0, { tags: ['photo'] });
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    const jeans = item(result, 'JN-32') as Record<string, unknown>;
    expect(jeans).toMatchObject({
      eligible: false,
      ineligibleReason: 'blocked_by_rule',
      ruleMessage: 'Jeans are altered to size.',
      returnableQuantity: 0,
    });
    expect(item(result, 'TS-M')).toMatchObject({ eligible: true, photos: { required: true, min: 2 } });
    expect(result.options.methods.map((m) => m.method)).toEqual(['drop_off', 'pickup']);
    expect(result.options.methods[0]?.carriers[0]?.fee).toEqual(eur('0.00'));

    // The portal is never trusted: sending the blocked item anyway is refused.
    const res = await postReturn(h, shop.slug, result.token, returnBody(jeans.id as string));
    const error = expectError(res, 422, 'item_blocked_by_rule');
    expect(error.message).toContain('Jeans are altered to size.');
    expect(error.details?.rule).toBe('Jeans are final');
  });

  it('a reason the shopper chooses can block at creation (not yet known at lookup)', async () => {
    const shop = await setupShop(h);
    await publish(shop, [
      rule(
        'no regret',
        [{ property: 'reason', operator: 'eq', value: 'changed_mind' }],
        [{ identifier: 'block', value: 'Changed-mind returns are not accepted.' }],
      ),
    ]);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(item(result, 'TS-M').eligible).toBe(true);
    const body = returnBody(item(result, 'TS-M').id, {
      items: [{ orderItemId: item(result, 'TS-M').id, quantity: 1, reason: 'changed_mind' }],
    });
    expectError(await postReturn(h, shop.slug, result.token, body), 422, 'item_blocked_by_rule');
    expect((await postReturn(h, shop.slug, result.token, returnBody(item(result, 'TS-M').id))).statusCode).toBe(201);
  });

  it('needs review puts the return into approval; staff see which rules fired and the version', async () => {
    const shop = await setupShop(h);
    const saved = await publish(shop, [
      rule(
        'Big orders',
        [{ property: 'order_value', operator: 'gte', value: eur('100.00') }],
        [{ identifier: 'needs_review' }, { identifier: 'add_tag', value: 'high-value' }],
        { scope: 'return' },
      ),
    ]);
    const order = orderPayload(h);
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    const created = await postReturn(h, shop.slug, result.token, returnBody(item(result, 'TS-M').id));
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(await shop.merchant.call('GET', `/api/v1/returns/${json(created).id}`));
    expect(ret.status).toBe('requested');
    expect(ret.rules).toMatchObject({
      version: saved.version,
      needsReview: true,
      tags: ['high-value'],
      fired: [{ name: 'Big orders', scope: 'return' }],
    });
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).status).toBe('open');
  });

  it('keep the item: received at once without a shipment, refundable in full', async () => {
    const shop = await setupShop(h);
    await publish(shop, [rule('cheap', [{ property: 'vendor', operator: 'eq', value: 'Tiny Socks' }], [{ identifier: 'keep_item' }])]);
    const order = withItem(orderPayload(h), 0, { vendor: 'Tiny Socks' });
    await shop.importOrders(order);
    const result = await found(h, shop.slug, order);
    expect(item(result, 'TS-M')).toMatchObject({ keepItem: true });
    const created = await postReturn(h, shop.slug, result.token, returnBody(item(result, 'TS-M').id));
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(await shop.merchant.call('GET', `/api/v1/returns/${json(created).id}`));
    expect(ret).toMatchObject({ status: 'received', carrier: null, proposedRefund: eur('29.95') });
    expect(ret.items[0].receivedQuantity).toBe(1);
    expect(ret.rules.keptItemIds).toEqual([item(result, 'TS-M').id]);
  });

  it("the customer's earlier returns are read only when a rule asks, and count", async () => {
    const shop = await setupShop(h);
    await publish(shop, [
      rule(
        'serial returner',
        [{ property: 'customer_returns_count', operator: 'gte', value: { days: 30, count: 1 } }],
        [{ identifier: 'needs_review' }],
        {
          scope: 'return',
        },
      ),
    ]);
    const email = `serial-${Math.random().toString(36).slice(2)}@example.com`;
    const statuses: string[] = [];
    for (let i = 0; i < 2; i++) {
      const order = orderPayload(h, { customer: { name: 'S', email } });
      await shop.importOrders(order);
      const result = await found(h, shop.slug, order);
      const created = await postReturn(h, shop.slug, result.token, returnBody(item(result, 'TS-M').id, { contact: { email } }));
      expect(created.statusCode, created.body).toBe(201);
      statuses.push(json(await shop.merchant.call('GET', `/api/v1/returns/${json(created).id}`)).status);
    }
    expect(statuses).toEqual(['open', 'requested']);
  });

  it('discount codes and product types from the order import are tested', async () => {
    const shop = await setupShop(h);
    await publish(shop, [
      rule(
        'promo',
        [{ property: 'discount_code', operator: 'in', value: ['BLACKFRIDAY'] }],
        [{ identifier: 'block', value: 'Promotion items are final.' }],
      ),
      rule('swim', [{ property: 'product_type', operator: 'eq', value: 'Swimwear' }], [{ identifier: 'block', value: 'Hygiene.' }]),
    ]);
    const promo = orderPayload(h, { discountCodes: ['blackfriday'] });
    const swim = withItem(orderPayload(h), 1, { productType: 'swimwear' });
    const plain = orderPayload(h);
    await shop.importOrders(promo, swim, plain);
    expect(item(await found(h, shop.slug, promo), 'TS-M').ineligibleReason).toBe('blocked_by_rule');
    const swimResult = await found(h, shop.slug, swim);
    expect([item(swimResult, 'TS-M').eligible, item(swimResult, 'JN-32').ineligibleReason]).toEqual([true, 'blocked_by_rule']);
    expect(item(await found(h, shop.slug, plain), 'TS-M').eligible).toBe(true);
  });
});

describe('policy simulator', () => {
  it('shows what a draft would have changed over past returns, without saving it', async () => {
    const shop = await setupShop(h, { returnFee: { amount: eur('2.50'), payment: 'deduct_from_refund' } });
    const made: string[] = [];
    for (const sku of ['TS-M', 'JN-32']) {
      const order = orderPayload(h);
      await shop.importOrders(order);
      const result = await found(h, shop.slug, order);
      const created = await postReturn(h, shop.slug, result.token, returnBody(item(result, sku).id));
      expect(created.statusCode, created.body).toBe(201);
      made.push(json(created).id);
    }
    const draft = [
      rule('no jeans', [{ property: 'sku', operator: 'eq', value: 'JN-32' }], [{ identifier: 'block', value: 'No jeans.' }]),
      rule(
        'review shirts',
        [{ property: 'sku', operator: 'eq', value: 'TS-M' }],
        [{ identifier: 'needs_review' }, { identifier: 'set_fee', value: eur('5.00') }],
      ),
    ];
    const res = await shop.merchant.call('POST', '/api/v1/return-rules/simulate', { rules: draft });
    expect(res.statusCode, res.body).toBe(200);
    const sim = json(res);
    expect(sim).toMatchObject({
      returnsConsidered: 2,
      ordersConsidered: 2,
      returnsChanged: 2,
      returnsBlocked: 1,
      itemsBlocked: 1,
      approvalsNeeded: 1,
      feesBefore: [eur('5.00')],
      feesAfter: [eur('5.00')],
      moneyKept: [eur('91.50')],
    });
    expect(sim.ruleHits.map((r: { returns: number }) => r.returns)).toEqual([1, 1]);
    const jeans = sim.changes.find((c: { blocked: boolean }) => c.blocked);
    expect(jeans).toMatchObject({
      returnId: made[1],
      feeAfter: eur('0.00'),
      blockedItems: [{ sku: 'JN-32', message: 'No jeans.', rule: 'no jeans' }],
    });
    expect(json(await shop.merchant.call('GET', '/api/v1/return-rules')).version).toBe(0);
    expectError(
      await shop.merchant.call('POST', '/api/v1/return-rules/simulate', { rules: [rule('x', [], [{ identifier: 'nope' }])] }),
      422,
      'unknown_rule_action',
    );
    // Another merchant's simulation sees none of these returns.
    const other = await newMerchant(h);
    expect(json(await other.call('POST', '/api/v1/return-rules/simulate', { rules: draft })).returnsConsidered).toBe(0);
  });
});
