// The item's condition as the shopper states it (issue #15 item 1): one of the values the rules'
// `item_condition` accepts, stored on the return item, in the staff view and the webhooks, and
// evaluated by the return rules at creation; anything else is a 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainAll, type Receiver, startReceiver } from './webhooks-helpers.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
let rx: Receiver;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
  h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: true, timeoutMs: 2000 };
});
afterAll(async () => {
  await rx.close();
  await h.close();
});

async function returnWith(shop: Shop, condition: unknown) {
  const order = orderPayload(h);
  await shop.importOrders(order);
  const found = json(
    await h.app.inject({
      method: 'POST',
      url: `/api/portal/${shop.slug}/lookup`,
      payload: { orderNumber: order.orderNumber, postalCode: order.shippingAddress.postalCode },
    }),
  );
  return createPortalReturn(h, shop.slug, order, {
    items: [{ orderItemId: found.order.items[0].id, quantity: 1, reason: 'too_small', ...(condition === undefined ? {} : { condition }) }],
  });
}

describe('item condition', () => {
  it('is stored, shown to staff, sent in webhooks and decides the rules', async () => {
    const shop = await setupShop(h);
    const rules = await shop.merchant.call('PUT', '/api/v1/return-rules', {
      rules: [
        {
          name: 'worn goods',
          scope: 'item',
          criteria: { match: 'all', conditions: [{ property: 'item_condition', operator: 'in', value: ['used', 'damaged'] }] },
          actions: [{ identifier: 'needs_review' }],
        },
      ],
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const hook = await shop.merchant.call('POST', '/api/v1/webhooks', { url: rx.url('/created'), events: ['return.created'] });
    expect(hook.statusCode, hook.body).toBe(201);

    const used = await returnWith(shop, 'used');
    expect(used.statusCode, used.body).toBe(201);
    const asNew = await returnWith(shop, 'as_new');
    const unstated = await returnWith(shop, undefined);
    const staff = async (res: typeof used) => json(await shop.merchant.call('GET', `/api/v1/returns/${json(res).id}`));
    expect(await staff(used)).toMatchObject({ status: 'requested', items: [{ condition: 'used' }] });
    expect(await staff(asNew)).toMatchObject({ status: 'open', items: [{ condition: 'as_new' }] });
    expect(await staff(unstated)).toMatchObject({ status: 'open', items: [{ condition: null }] });

    await drainAll(h);
    const bodies = rx.to('/created').map((r) => JSON.parse(r.body));
    const conditions = Object.fromEntries(bodies.map((b) => [b.data.return.id, b.data.return.items[0].condition]));
    expect(conditions).toEqual({ [json(used).id]: 'used', [json(asNew).id]: 'as_new', [json(unstated).id]: null });
  });

  it('refuses a condition the catalogue does not know, naming the field', async () => {
    const shop = await setupShop(h);
    const res = await returnWith(shop, 'like_new');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('condition');
  });
});
