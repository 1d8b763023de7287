// Photo evidence through the HTTP API (issue #15 item 3): a reason asks for photos, a rule asks
// for more and for review; the shopper uploads real images (made here with EXIF and GPS), the
// return is refused until each item has enough, then created "requested" with its photos; staff
// read them (merchant-scoped, no EXIF), filter on them, webhooks link them.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { expectError, found, item, postReturn, returnBody } from './portal-helpers.ts';
import { orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const jpeg = (color = '#aa3344') =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: color } })
    .withExif({ IFD0: { Make: 'ShopperCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1' } })
    .jpeg()
    .toBuffer();

function upload(slug: string, token: string | null, orderItemId: string, body: Buffer, contentType = 'image/jpeg') {
  return h.app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/photos?orderItemId=${encodeURIComponent(orderItemId)}`,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: body,
  });
}

async function uploaded(slug: string, token: string, orderItemId: string, body?: Buffer): Promise<string> {
  const res = await upload(slug, token, orderItemId, body ?? (await jpeg()));
  expect(res.statusCode, res.body).toBe(201);
  return json(res).id as string;
}

/** A shop whose "damaged" reason asks for one photo and "too_small" takes photos optionally. */
async function photoShop(extra: Record<string, unknown> = {}): Promise<Shop> {
  return setupShop(h, {
    reasons: [
      { code: 'damaged', labels: {}, photos: { mode: 'required', min: 1 } },
      { code: 'too_small', labels: {}, photos: { mode: 'optional' } },
      { code: 'too_large', labels: {} },
    ],
    ...extra,
  });
}

async function lookedUp(shop: Shop) {
  const order = orderPayload(h);
  await shop.importOrders(order);
  const result = await found(h, shop.slug, order);
  return { order, result, shirt: item(result, 'TS-M').id, jeans: item(result, 'JN-32').id };
}

describe('photo evidence: upload, requirement, staff view', () => {
  it('requires the stricter of reason and rule, creates a needs-review return with the photos, staff see them without EXIF', async () => {
    const shop = await photoShop();
    const put = await shop.merchant.call('PUT', '/api/v1/return-rules', {
      rules: [
        {
          name: 'Damaged needs two photos and review',
          scope: 'item',
          criteria: { match: 'all', conditions: [{ property: 'reason', operator: 'eq', value: 'damaged' }] },
          actions: [{ identifier: 'require_photos', value: 2 }, { identifier: 'needs_review' }],
        },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const { result, shirt } = await lookedUp(shop);
    const reasons = result.options.reasons as { code: string; photos?: unknown }[];
    expect(reasons.find((r) => r.code === 'damaged')?.photos).toEqual({ mode: 'required', min: 1 });
    expect(reasons.find((r) => r.code === 'too_small')?.photos).toEqual({ mode: 'optional', min: 0 });
    expect(reasons.find((r) => r.code === 'too_large')?.photos).toBeUndefined();

    const first = await uploaded(shop.slug, result.token, shirt);
    const body = (photoIds: string[]) => returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'damaged', photoIds }] });
    // The reason asks for one, the rule for two: one is not enough.
    const short = expectError(await postReturn(h, shop.slug, result.token, body([first])), 422, 'photos_required');
    expect(short.details).toMatchObject({ index: 0, min: 2 });
    const second = await uploaded(shop.slug, result.token, shirt, await jpeg('#2255aa'));
    const created = await postReturn(h, shop.slug, result.token, body([first, second]));
    expect(created.statusCode, created.body).toBe(201);
    const ret = json(created);
    expect(ret.status).toBe('requested');

    const staff = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(staff.photos.map((p: { id: string }) => p.id).sort()).toEqual([first, second].sort());
    const photo = staff.photos[0];
    expect(photo).toMatchObject({ orderItemId: shirt, contentType: 'image/jpeg', width: 640, height: 480 });
    expect(photo.url).toBe(`/api/v1/returns/${ret.id}/photos/${photo.id}`);
    const image = await shop.merchant.call('GET', photo.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(image.rawPayload.includes('ShopperCam')).toBe(false);

    // The shopper sees them on the status page, with the return's access code only.
    const page = `/api/portal/${shop.slug}/returns/${ret.id}`;
    const shopper = json(await h.app.inject({ method: 'GET', url: `${page}?access=${ret.accessCode}` }));
    expect(shopper.items[0].photos.map((p: { id: string }) => p.id).sort()).toEqual([first, second].sort());
    const own = await h.app.inject({ method: 'GET', url: `${page}/photos/${first}?access=${ret.accessCode}` });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.rawPayload.includes('ShopperCam')).toBe(false);
    expectError(await h.app.inject({ method: 'GET', url: `${page}/photos/${first}?access=wrong-code` }), 404, 'return_not_found');
    expectError(await h.app.inject({ method: 'GET', url: `${page}/photos/pho_unknown?access=${ret.accessCode}` }), 404, 'photo_not_found');

    // Another merchant cannot read it; the photo cannot be used again by another return.
    const other = await photoShop();
    expectError(await other.merchant.call('GET', photo.url), 404, 'photo_not_found');
    expect((await h.app.inject({ method: 'GET', url: photo.url })).statusCode).toBe(401);
    const again = await postReturn(
      h,
      shop.slug,
      result.token,
      returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_small', photoIds: [first] }] }),
    );
    expectError(again, 422, 'photo_not_usable');

    // The returns list filters on photos.
    const withPhotos = json(await shop.merchant.call('GET', '/api/v1/returns?hasPhotos=true')).data.map((r: { id: string }) => r.id);
    const without = json(await shop.merchant.call('GET', '/api/v1/returns?hasPhotos=false')).data.map((r: { id: string }) => r.id);
    expect(withPhotos).toContain(ret.id);
    expect(without).not.toContain(ret.id);
  });

  it('refuses what is not a usable photo: no token, not an image, too big, another item, another order, too many', async () => {
    const shop = await photoShop();
    const { result, shirt, jeans } = await lookedUp(shop);
    expectError(await upload(shop.slug, null, shirt, await jpeg()), 401, 'invalid_token');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expectError(await upload(shop.slug, result.token, shirt, gif, 'image/jpeg'), 422, 'unsupported_image');
    expectError(await upload(shop.slug, result.token, shirt, Buffer.from('hello'), 'image/png'), 422, 'unsupported_image');
    const huge = Buffer.concat([await jpeg(), Buffer.alloc(10 * 1024 * 1024)]);
    expectError(await upload(shop.slug, result.token, shirt, huge), 413, 'payload_too_large');
    expectError(await upload(shop.slug, result.token, 'oit_nope', await jpeg()), 400, 'validation_error');
    // A PNG declared as anything is accepted by its content.
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer();
    const fromPng = await upload(shop.slug, result.token, shirt, png, 'application/octet-stream');
    expect(fromPng.statusCode, fromPng.body).toBe(201);
    expect(json(fromPng)).toMatchObject({ contentType: 'image/jpeg', width: 20, height: 10 });

    // A photo of the shirt cannot be sent with the jeans.
    const ofShirt = await uploaded(shop.slug, result.token, shirt);
    const wrongItem = returnBody(jeans, { items: [{ orderItemId: jeans, quantity: 1, reason: 'too_small', photoIds: [ofShirt] }] });
    expectError(await postReturn(h, shop.slug, result.token, wrongItem), 422, 'photo_not_usable');
    // Nor with a return of another order.
    const { result: second, shirt: otherShirt } = await lookedUp(shop);
    const otherOrder = returnBody(otherShirt, {
      items: [{ orderItemId: otherShirt, quantity: 1, reason: 'too_small', photoIds: [ofShirt] }],
    });
    expectError(await postReturn(h, shop.slug, second.token, otherOrder), 422, 'photo_not_usable');
    // A reason without photos takes none.
    const noPhotos = returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_large', photoIds: [ofShirt] }] });
    expectError(await postReturn(h, shop.slug, result.token, noPhotos), 422, 'photos_not_accepted');
    // Eleven photos on one return are too many (6 of the shirt, 5 of the jeans).
    const shirts = [ofShirt];
    for (let i = 0; i < 5; i++) shirts.push(await uploaded(shop.slug, result.token, shirt));
    const jeansPhotos: string[] = [];
    for (let i = 0; i < 5; i++) jeansPhotos.push(await uploaded(shop.slug, result.token, jeans));
    const lines = (shirtPhotos: string[]) =>
      returnBody(shirt, {
        items: [
          { orderItemId: shirt, quantity: 1, reason: 'too_small', photoIds: shirtPhotos },
          { orderItemId: jeans, quantity: 1, reason: 'too_small', photoIds: jeansPhotos },
        ],
      });
    const tooMany = expectError(await postReturn(h, shop.slug, result.token, lines(shirts)), 422, 'too_many_photos');
    expect(tooMany.details).toMatchObject({ max: 10 });
    const created = await postReturn(h, shop.slug, result.token, lines(shirts.slice(1)));
    expect(created.statusCode, created.body).toBe(201);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${json(created).id}`)).photos).toHaveLength(10);
  });

  it('a shopper takes a photo back: it is gone from storage and cannot be sent', async () => {
    const shop = await photoShop();
    const { result, shirt } = await lookedUp(shop);
    const id = await uploaded(shop.slug, result.token, shirt);
    const [row] = await h.ctx.db.selectFrom('returnPhotos').selectAll().where('id', '=', id).execute();
    expect(await h.ctx.storage?.get(row?.storageKey ?? '')).not.toBeNull();
    const del = (token: string | null) =>
      h.app.inject({
        method: 'DELETE',
        url: `/api/portal/${shop.slug}/photos/${id}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expectError(await del(null), 401, 'invalid_token');
    const { result: otherOrder } = await lookedUp(shop);
    expectError(await del(otherOrder.token), 404, 'photo_not_found');
    expect((await del(result.token)).statusCode).toBe(204);
    expect(await h.ctx.storage?.get(row?.storageKey ?? '')).toBeNull();
    const body = returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'too_small', photoIds: [id] }] });
    expectError(await postReturn(h, shop.slug, result.token, body), 422, 'photo_not_usable');
  });

  it('webhooks carry full links to the photos', async () => {
    const shop = await photoShop();
    h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: true };
    const hook = await shop.merchant.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['return.created'] });
    expect(hook.statusCode, hook.body).toBe(201);
    const { result, shirt } = await lookedUp(shop);
    const id = await uploaded(shop.slug, result.token, shirt);
    const body = returnBody(shirt, { items: [{ orderItemId: shirt, quantity: 1, reason: 'damaged', photoIds: [id] }] });
    const created = await postReturn(h, shop.slug, result.token, body);
    expect(created.statusCode, created.body).toBe(201);
    await drainJobs(h.ctx, 50, ['webhook.deliver', 'carrier.announce']);
    const deliveries = await h.ctx.db.selectFrom('webhookDeliveries').selectAll().where('merchantId', '=', shop.merchant.id).execute();
    expect(deliveries).toHaveLength(1);
    const payload = JSON.parse(deliveries[0]?.payload ?? '{}');
    expect(payload.data.return.photos).toEqual([
      expect.objectContaining({ id, url: `http://retour.test/api/v1/returns/${json(created).id}/photos/${id}` }),
    ]);
  });
});
