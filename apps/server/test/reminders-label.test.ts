// The label-unused reminder (issue #15 item 5) over a real SMTP server: due N calendar days after
// the return in the shop's time zone, with the label again, in the return's language, sent once,
// not when the parcel was scanned in the meantime, and not when the portal switched reminders off.
import type { ParsedMail } from 'mailparser';
import { createSmtpTransport } from '@retour/integrations/email/smtp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

const DAY = 86_400_000;

describe('label-unused reminder', () => {
  let h: Harness;
  let smtp: TestSmtp;

  beforeEach(async () => {
    h = await startHarness('2026-06-15T10:00:00.000Z');
    smtp = await startSmtp();
    h.ctx.mail = createSmtpTransport(smtp.url);
  });
  afterEach(async () => {
    h.ctx.mail?.close();
    await smtp.close();
    await h.close();
  });

  const newReturn = async (shop: Shop, body: Record<string, unknown> = {}) => {
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order, body);
    expect(res.statusCode, res.body).toBe(201);
    return { ret: json(res), order };
  };
  const reminders = (mails: ParsedMail[]) => mails.filter((m) => /Herinnering|Reminder/.test(m.subject ?? ''));

  it('is due 15 calendar days later at 09:00 shop time, carries the label again, and goes out once', async () => {
    const shop = await setupShop(h);
    const { ret, order } = await newReturn(shop, { language: 'nl' });
    await drainJobs(h.ctx, 50, ['return.event']);
    const job = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'email.label_reminder')
      .executeTakeFirstOrThrow();
    expect(job.availableAt).toBe('2026-06-30T07:00:00.000Z'); // 09:00 in Amsterdam (summer time)
    expect(job.dedupeKey).toBe(`email:label_reminder:${ret.id}`);

    h.clock.set('2026-06-30T06:59:00.000Z');
    await drainJobs(h.ctx, 50, ['return.event']);
    expect(reminders(await smtp.parsed())).toHaveLength(0);

    h.clock.set('2026-06-30T07:00:00.000Z');
    await drainJobs(h.ctx, 50, ['return.event']);
    const [mail, ...more] = reminders(await smtp.parsed());
    expect(more).toHaveLength(0);
    if (!mail) throw new Error('no reminder');
    expect(mail.subject).toBe(`Herinnering: je retourlabel voor bestelling ${order.orderNumber} is nog niet gebruikt`);
    expect(mail.text).toContain(`Je hebt retour ${ret.reference} aangemeld`);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`return-${ret.reference}-a4.pdf`);
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');

    h.clock.advance(30 * DAY);
    await drainJobs(h.ctx, 50, ['return.event']);
    expect(reminders(await smtp.parsed())).toHaveLength(1);
    const timeline = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`)).timeline as { type: string; message: string }[];
    expect(timeline.filter((e) => e.type === 'email_sent' && e.message.startsWith('label_reminder'))).toHaveLength(1);
  });

  it('is not sent once the carrier has scanned the parcel', async () => {
    const shop = await setupShop(h);
    const { ret } = await newReturn(shop);
    await drainJobs(h.ctx, 50, ['return.event']);
    h.clock.advance(2 * DAY);
    const scan = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/events`, {
      at: h.clock.now.toISOString(),
      status: 'in_transit',
      message: 'Dropped off',
    });
    expect(scan.statusCode, scan.body).toBe(201);
    h.clock.advance(20 * DAY);
    await drainJobs(h.ctx, 50, ['return.event']);
    expect(reminders(await smtp.parsed())).toHaveLength(0);
    const job = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'email.label_reminder')
      .where('merchantId', '=', shop.merchant.id)
      .executeTakeFirstOrThrow();
    expect(job.doneAt).not.toBeNull();
  });

  it('follows the portal: another number of days, or none', async () => {
    const weekly = await setupShop(h, { labelReminderDays: 7 });
    await newReturn(weekly);
    const job = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'email.label_reminder')
      .where('merchantId', '=', weekly.merchant.id)
      .executeTakeFirstOrThrow();
    expect(job.availableAt).toBe('2026-06-22T07:00:00.000Z');

    const off = await setupShop(h, { labelReminderDays: null });
    await newReturn(off);
    const none = await h.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', 'email.label_reminder')
      .where('merchantId', '=', off.merchant.id)
      .execute();
    expect(none).toHaveLength(0);

    // Switched off after the return was made: the due job sends nothing.
    const later = await setupShop(h);
    const { order } = await newReturn(later);
    const patched = await later.merchant.call('PATCH', `/api/v1/portals/${later.portal.id}`, { labelReminderDays: null });
    expect(patched.statusCode, patched.body).toBe(200);
    h.clock.advance(20 * DAY);
    await drainJobs(h.ctx, 50, ['return.event']);
    const sent = reminders(await smtp.parsed()).map((m) => m.subject ?? '');
    expect(sent).toHaveLength(1); // the weekly shop's
    expect(sent.filter((subject) => subject.includes(order.orderNumber))).toEqual([]);
  });
});
