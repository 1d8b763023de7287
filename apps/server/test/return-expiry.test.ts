// Expiry of unused labels (issue #15 item 5) over a real SMTP server and a webhook receiver: a portal
// that lets returns expire gives each return with a label its expiry instant (end of the last local
// day), the shopper's status page counts down to it, the drop-off reminder goes out before it with the
// label again, and at the instant the `return.expire` job moves the return to `expired` through the
// state machine, emails the shopper and tells the merchant's webhook — each once, even when the jobs
// run twice. A carrier scan in between, a portal that switches expiry off, or a return without a
// label (keep-the-item, in store) never expires.
import type { ParsedMail } from 'mailparser';
import { createSmtpTransport } from '@retour/integrations/email/smtp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/composition.ts';
import { sendEmailJob } from '../src/jobs/send-email.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';
import { drainAll, type Receiver, startReceiver } from './webhooks-helpers.ts';

const DAY = 86_400_000;

describe('return expiry', () => {
  let h: Harness;
  let smtp: TestSmtp;
  let rx: Receiver;

  beforeEach(async () => {
    h = await startHarness('2026-06-15T10:00:00.000Z');
    smtp = await startSmtp();
    rx = await startReceiver();
    h.ctx.mail = createSmtpTransport(smtp.url);
    h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: true, timeoutMs: 2000 };
  });
  afterEach(async () => {
    h.ctx.mail?.close();
    await smtp.close();
    await rx.close();
    await h.close();
  });

  const newReturn = async (shop: Shop, body: Record<string, unknown> = {}) => {
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order, body);
    expect(res.statusCode, res.body).toBe(201);
    return { ret: json(res), order };
  };
  const jobsOf = (shop: Shop, topic: string) =>
    h.ctx.db.selectFrom('outbox').selectAll().where('merchantId', '=', shop.merchant.id).where('topic', '=', topic).execute();
  const shopperView = async (slug: string, ret: Record<string, unknown>) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/returns/${String(ret.id)}?access=${String(ret.accessCode)}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };
  const subjects = async (pattern: RegExp) => (await smtp.parsed()).map((m: ParsedMail) => m.subject ?? '').filter((s) => pattern.test(s));

  it('counts down, reminds once before the last day, then expires once at its end with an email and a webhook', async () => {
    const shop = await setupShop(h, { expiryDays: 10, dropOffReminderDays: 3 });
    const hook = await shop.merchant.call('POST', '/api/v1/webhooks', { url: rx.url('/hooks'), events: ['return.status_changed'] });
    expect(hook.statusCode, hook.body).toBe(201);
    const { ret, order } = await newReturn(shop, { language: 'de' });

    // Made 15 June 12:00 in Amsterdam: the last day is 25 June, the return expires at its local midnight.
    const [expire, ...moreExpire] = await jobsOf(shop, 'return.expire');
    expect(moreExpire).toHaveLength(0);
    expect(expire?.availableAt).toBe('2026-06-25T22:00:00.000Z');
    expect(expire?.dedupeKey).toBe(`expire:${ret.id}`);
    const [reminder] = await jobsOf(shop, 'email.drop_off_reminder');
    expect(reminder?.availableAt).toBe('2026-06-22T07:00:00.000Z'); // 09:00 shop time, 3 days before
    expect(reminder?.dedupeKey).toBe(`email:drop_off_reminder:${ret.id}`);
    // The creation's own answer already carries the countdown the status page shows.
    expect(ret.dropOffBy).toEqual({ expiresAt: '2026-06-25T22:00:00.000Z', timezone: 'Europe/Amsterdam' });
    expect((await shopperView(shop.slug, ret)).dropOffBy).toEqual({ expiresAt: '2026-06-25T22:00:00.000Z', timezone: 'Europe/Amsterdam' });
    const staff = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(staff.dropOffBy?.expiresAt).toBe('2026-06-25T22:00:00.000Z');

    h.clock.set('2026-06-22T06:59:00.000Z');
    await drainAll(h);
    expect(await subjects(/Letzte Tage/)).toHaveLength(0);
    h.clock.set('2026-06-22T07:00:00.000Z');
    await drainAll(h);
    await drainAll(h);
    expect(await subjects(/Letzte Tage/)).toEqual([`Letzte Tage für Ihre Rücksendung zu Bestellung ${order.orderNumber}`]);
    const reminderMail = (await smtp.parsed()).find((m) => m.subject?.startsWith('Letzte Tage'));
    expect(reminderMail?.text).toContain('bis spätestens 25. Juni 2026');
    expect(reminderMail?.attachments.some((a) => a.contentType === 'application/pdf')).toBe(true);

    h.clock.set('2026-06-25T21:59:59.000Z'); // still the last day
    await drainAll(h);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).status).toBe('open');

    h.clock.set('2026-06-25T22:00:00.000Z');
    await drainAll(h);
    // The job once more (a second process, a retry): nothing changes, nothing is sent again.
    await JOB_HANDLERS['return.expire']?.(h.ctx, shop.merchant.id, { returnId: ret.id }, expire as never);
    await drainAll(h);
    const after = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(after.status).toBe('expired');
    expect(after.dropOffBy).toBeUndefined();
    expect(after.timeline.filter((e: { status?: string }) => e.status === 'expired')).toHaveLength(1);
    expect(
      after.timeline.filter((e: { type: string; message: string }) => e.type === 'email_sent' && e.message.startsWith('expired')),
    ).toHaveLength(1);
    expect(await subjects(/verfallen/)).toEqual([`Ihre Rücksendung ${ret.reference} ist verfallen`]);
    const expiredMail = (await smtp.parsed()).find((m) => m.subject?.includes('verfallen'));
    expect(expiredMail?.text).toContain('nicht bis 25. Juni 2026 abgegeben');
    expect(await subjects(/Letzte Tage/)).toHaveLength(1);

    const changes = rx.to('/hooks').map((r) => JSON.parse(r.body));
    const expiredHooks = changes.filter((b) => b.data?.status === 'expired');
    expect(expiredHooks).toHaveLength(1);
    expect(expiredHooks[0]).toMatchObject({
      type: 'return.status_changed',
      data: { previousStatus: 'open', return: { id: ret.id, status: 'expired' } },
    });

    const shopper = await shopperView(shop.slug, ret);
    expect(shopper.status).toBe('expired');
    expect(shopper.dropOffBy).toBeUndefined();

    // Sending the expiry email job again sends nothing more (the sent-once marker).
    const [emailJob] = await jobsOf(shop, 'email.expired');
    if (!emailJob) throw new Error('no expired email job');
    const payload = JSON.parse(emailJob.payload) as Record<string, unknown>;
    expect(payload.returnId).toBe(ret.id);
    await sendEmailJob(h.ctx, { ...emailJob, payload });
    expect(await subjects(/verfallen/)).toHaveLength(1);

    // Terminal: staff can neither cancel nor receive it.
    const cancel = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/cancel`);
    expect(cancel.statusCode).toBe(409);
  });

  it('a return approved by staff later gets its reminders and expiry counted from the approval, once', async () => {
    const shop = await setupShop(h, { expiryDays: 10, approval: 'manual' });
    const { ret } = await newReturn(shop);
    expect(ret.status).toBe('requested');
    expect(await jobsOf(shop, 'return.expire')).toHaveLength(0);
    expect(await jobsOf(shop, 'email.label_reminder')).toHaveLength(0);
    h.clock.advance(3 * DAY);
    const approved = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const [expire] = await jobsOf(shop, 'return.expire');
    expect(await jobsOf(shop, 'email.label_reminder')).toHaveLength(1);
    expect(await jobsOf(shop, 'email.drop_off_reminder')).toHaveLength(1);
    // Counted from the approval (ten days from 18 June, Amsterdam): not from the request three days before.
    expect(Date.parse(String(expire?.availableAt))).toBeGreaterThan(Date.parse(ret.createdAt) + 12 * DAY);
    expect((await shopperView(shop.slug, ret)).dropOffBy?.expiresAt).toBe(expire?.availableAt);
    h.clock.advance(9 * DAY);
    await drainAll(h);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).status).toBe('open');
    h.clock.advance(2 * DAY);
    await drainAll(h);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).status).toBe('expired');
    expect(await jobsOf(shop, 'return.expire')).toHaveLength(1);
  });

  it('does not remind or expire once the carrier has scanned the parcel', async () => {
    const shop = await setupShop(h, { expiryDays: 10 });
    const { ret } = await newReturn(shop);
    h.clock.advance(2 * DAY);
    const scan = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/events`, {
      at: h.clock.now.toISOString(),
      status: 'in_transit',
      message: 'Dropped off',
    });
    expect(scan.statusCode, scan.body).toBe(201);
    expect((await shopperView(shop.slug, ret)).dropOffBy).toBeUndefined();
    h.clock.advance(20 * DAY);
    await drainAll(h);
    expect(json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).status).toBe('in_transit');
    expect(await subjects(/Last days|expired/)).toEqual([]);
    expect((await jobsOf(shop, 'return.expire')).every((j) => j.doneAt !== null)).toBe(true);
  });

  it('follows the portal: off by default, no reminder when switched off, no expiry once expiry is off', async () => {
    const plain = await setupShop(h);
    const { ret } = await newReturn(plain);
    expect(await jobsOf(plain, 'return.expire')).toHaveLength(0);
    expect(await jobsOf(plain, 'email.drop_off_reminder')).toHaveLength(0);
    expect((await shopperView(plain.slug, ret)).dropOffBy).toBeUndefined();

    const quiet = await setupShop(h, { expiryDays: 10, dropOffReminderDays: null });
    const quietReturn = await newReturn(quiet);
    expect(await jobsOf(quiet, 'return.expire')).toHaveLength(1);
    expect(await jobsOf(quiet, 'email.drop_off_reminder')).toHaveLength(0);

    const later = await setupShop(h, { expiryDays: 10 });
    const made = await newReturn(later);
    const patched = await later.merchant.call('PATCH', `/api/v1/portals/${later.portal.id}`, { expiryDays: null });
    expect(patched.statusCode, patched.body).toBe(200);
    h.clock.advance(20 * DAY);
    await drainAll(h);
    expect(json(await later.merchant.call('GET', `/api/v1/returns/${made.ret.id}`)).status).toBe('open');
    // Only the quiet shop's return expired, without a reminder before.
    expect(await subjects(/Last days|expired/)).toEqual([`Your return ${quietReturn.ret.reference} has expired`]);
  });

  it('never for a keep-the-item return (no label, no shipment)', async () => {
    const shop = await setupShop(h, { expiryDays: 10 });
    const rules = await shop.merchant.call('PUT', '/api/v1/return-rules', {
      rules: [
        {
          name: 'cheap',
          scope: 'item',
          criteria: { match: 'all', conditions: [{ property: 'vendor', operator: 'eq', value: 'Tiny Socks' }] },
          actions: [{ identifier: 'keep_item' }],
        },
      ],
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const order = orderPayload(h);
    const kept = { ...order, items: order.items.map((it, i) => (i === 0 ? { ...it, vendor: 'Tiny Socks' } : it)) };
    await shop.importOrders(kept);
    const res = await createPortalReturn(h, shop.slug, kept);
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).status).toBe('received');
    expect(await jobsOf(shop, 'return.expire')).toHaveLength(0);
    expect(await jobsOf(shop, 'email.drop_off_reminder')).toHaveLength(0);
    expect(await jobsOf(shop, 'email.label_reminder')).toHaveLength(0);
  });

  it('refuses settings that make no sense, naming the field', async () => {
    const shop = await setupShop(h);
    for (const [patch, field] of [
      [{ expiryDays: 1 }, 'expiryDays'],
      [{ expiryDays: 10, dropOffReminderDays: 10 }, 'dropOffReminderDays'],
      [{ expiryDays: 10, labelReminderDays: 15 }, 'labelReminderDays'],
    ] as const) {
      const res = await shop.merchant.call('PATCH', `/api/v1/portals/${shop.portal.id}`, patch);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    }
  });
});
