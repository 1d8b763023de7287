// Notification emails through the outbox over a real SMTP server: language, brand, status link,
// attachments, retries with backoff, and one email per event even when a worker dies mid-send.
import { claimJobs, pendingJobs } from '@retour/db/repos/outbox';
import type { MailTransport } from '@retour/integrations/email/port';
import { createSmtpTransport } from '@retour/integrations/email/smtp';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { sendEmailJob } from '../src/jobs/send-email.ts';
import { enqueueWithdrawalAcknowledgement } from '../src/use-cases/portal/enqueue-withdrawal-acknowledgement.ts';
import { receiveAll } from './merchant-helpers.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

const LINK = /http:\/\/retour\.test\/r\/([^/\s]+)\/returns\/([^?\s]+)\?access=([\w.-]+)/;

describe('notification emails over SMTP', () => {
  let h: Harness;
  let smtp: TestSmtp;
  let shop: Shop;

  beforeEach(async () => {
    h = await startHarness();
    smtp = await startSmtp();
    h.ctx.mail = createSmtpTransport(smtp.url);
    shop = await setupShop(h, { notificationEmail: 'returns@acme.test' });
  });
  afterEach(async () => {
    h.ctx.mail?.close();
    await smtp.close();
    await h.close();
  });

  const newReturn = async (body: Record<string, unknown> = {}, on: Shop = shop) => {
    const order = orderPayload(h);
    await on.importOrders(order);
    const res = await createPortalReturn(h, on.slug, order, body);
    expect(res.statusCode, res.body).toBe(201);
    return { ret: json(res), order };
  };
  const emailJob = async (merchantId: string, returnId: string, topic: string) => {
    const rows = await h.ctx.db.selectFrom('outbox').selectAll().where('merchantId', '=', merchantId).where('topic', '=', topic).execute();
    const row = rows.find((r) => JSON.parse(r.payload).returnId === returnId);
    if (!row) throw new Error(`no ${topic} job for ${returnId}`);
    return row;
  };
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''));
  const sentEntries = async (on: Shop, returnId: string) => {
    const res = await on.merchant.call('GET', `/api/v1/returns/${returnId}`);
    expect(res.statusCode, res.body).toBe(200);
    return (json(res).timeline as { type: string; message: string | null }[]).filter((e) => e.type === 'email_sent');
  };

  it('sends the label email in the return language, branded, with the A4 label PDF and a status link that opens the return', async () => {
    const { ret, order } = await newReturn({ language: 'nl' });
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(2); // the label email and the shop's new-return email
    const mails = await smtp.parsed();
    expect(mails).toHaveLength(2);
    const label = mails.find((m) => to(m) === 'sanne@example.com');
    if (!label) throw new Error('no label email');
    expect(label.subject).toBe(`Je retourlabel voor bestelling ${order.orderNumber}`);
    const job = await emailJob(shop.merchant.id, ret.id, 'email.label_created');
    expect(label.messageId).toBe(`<${job.id}@retour>`);
    expect(label.text).toContain(`Je retour ${ret.reference} is aangemeld bij`);
    expect(label.html).toContain('Acme');
    const pdfs = label.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual([`return-${ret.reference}-a4.pdf`]);
    expect(pdfs[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');

    const link = label.text?.match(LINK);
    if (!link) throw new Error(`no status link in: ${label.text}`);
    const [url, slug, id, access] = link;
    expect([slug, id]).toEqual([shop.slug, ret.id]);
    expect(label.html).toContain(`href="${url}"`);
    const opened = await h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${id}?access=${access}` });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(json(opened)).toMatchObject({ id: ret.id, reference: ret.reference });
    // The mail log (with the shop's notification address) is for staff only.
    expect((json(opened).timeline as { type: string }[]).map((e) => e.type)).not.toContain('email_sent');
    // The token opens this return only, and only untampered.
    const other = await newReturn();
    const wrong = await h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${other.ret.id}?access=${access}` });
    expect(wrong.statusCode).toBe(404);
    const tampered = await h.app.inject({ method: 'GET', url: `/api/portal/${slug}/returns/${id}?access=${access?.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(404);

    expect(await sentEntries(shop, ret.id)).toHaveLength(2);
    // The second return's two, and both returns' label reminders (due in 15 days).
    const pending = await pendingJobs(h.ctx.db, shop.merchant.id, 'email.');
    expect(pending.map((j) => j.topic).sort()).toEqual(
      ['email.label_created', 'email.label_reminder', 'email.label_reminder', 'email.new_return'].sort(),
    );
  });

  it('sends from no-reply@ the public host by default, and from MAIL_FROM when it is set, with the brand name', async () => {
    await newReturn();
    await drainJobs(h.ctx, 50, ['return.event']);
    h.ctx.mailFrom = 'returns@acme.example';
    await newReturn();
    await drainJobs(h.ctx, 50, ['return.event']);
    const senders = (await smtp.parsed()).map((m) => m.from?.value[0]);
    expect(senders).toHaveLength(4);
    expect(senders.slice(0, 2).map((f) => f?.address)).toEqual(['no-reply@retour.test', 'no-reply@retour.test']);
    expect(senders.slice(2).map((f) => f?.address)).toEqual(['returns@acme.example', 'returns@acme.example']);
    for (const f of senders) expect(f?.name).toBe('Acme');
  });

  it('puts the QR code inline (cid) for label-less returns instead of a PDF', async () => {
    const { ret } = await newReturn({ method: 'drop_off_labelless', language: 'de' });
    await drainJobs(h.ctx, 50, ['return.event']);
    const label = (await smtp.parsed()).find((m) => to(m) === 'sanne@example.com');
    if (!label) throw new Error('no label email');
    expect(label.subject).toMatch(/^Ihr Rücksendeetikett für Bestellung /);
    expect(label.attachments.filter((a) => a.contentType === 'application/pdf')).toEqual([]);
    const qr = label.attachments.find((a) => a.contentType === 'image/png');
    expect(qr?.cid).toBe(`qr-${ret.id}@retour`);
    expect(qr?.related).toBe(true);
    expect(label.html).toContain(`cid:qr-${ret.id}@retour`);
  });

  it('attaches the CN23 customs declaration when the return crosses a customs border', async () => {
    const order = orderPayload(h, {
      shippingAddress: {
        name: 'Luca Rossi',
        street: 'Bahnhofstrasse',
        houseNumber: '10',
        postalCode: '8001',
        city: 'Zürich',
        country: 'CH',
      },
    });
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order);
    expect(res.statusCode, res.body).toBe(201);
    const ret = json(res);
    await drainJobs(h.ctx, 50, ['return.event']);
    const label = (await smtp.parsed()).find((m) => to(m) === 'sanne@example.com');
    const pdfs = label?.attachments.filter((a) => a.contentType === 'application/pdf').map((a) => a.filename);
    expect(pdfs).toEqual([`return-${ret.reference}-a4.pdf`, `return-${ret.reference}-cn23.pdf`]);
  });

  it('tells the shop about a new return at its notification address, in the portal default language', async () => {
    const fr = await setupShop(h, { notificationEmail: 'retours@boutique.test', defaultLanguage: 'fr' });
    const { ret, order } = await newReturn({ language: 'it' }, fr);
    await drainJobs(h.ctx, 50, ['return.event']);
    const mails = await smtp.parsed();
    const notice = mails.find((m) => to(m) === 'retours@boutique.test');
    expect(notice?.subject).toBe(`Nouveau retour ${ret.reference} pour la commande ${order.orderNumber}`);
    expect(notice?.text).toContain('sanne@example.com');
    expect(smtp.received.find((m) => m.rcptTo.includes('retours@boutique.test'))).toBeDefined();
    // The shopper's own email is in the return's language.
    expect(mails.find((m) => to(m) === 'sanne@example.com')?.subject).toBe(`La tua etichetta di reso per l’ordine ${order.orderNumber}`);
  });

  it('emails received and refund_issued with the amount', async () => {
    const { ret } = await newReturn();
    await drainJobs(h.ctx, 50, ['return.event']);
    const view = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    await receiveAll(shop.merchant, view);
    const refund = await shop.merchant.call('POST', `/api/v1/returns/${ret.id}/refunds`, {});
    expect(refund.statusCode, refund.body).toBe(201);
    await drainJobs(h.ctx, 50, ['return.event']);
    const subjects = (await smtp.parsed()).map((m) => m.subject);
    expect(subjects).toContain(`We received your return ${ret.reference}`);
    expect(subjects).toContain(`Your refund of 29.95 EUR for return ${ret.reference}`);
  });

  it('retries a refused send with backoff and delivers exactly one email', async () => {
    const plain = await setupShop(h);
    smtp.refuseNext(2);
    const { ret } = await newReturn({}, plain);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    let job = await emailJob(plain.merchant.id, ret.id, 'email.label_created');
    expect(job).toMatchObject({ attempts: 1, doneAt: null });
    expect(job.lastError).toMatch(/451/);
    const failed = json(await plain.merchant.call('GET', '/api/v1/emails?status=failed'));
    expect(failed.data).toEqual([
      expect.objectContaining({ id: job.id, template: 'label_created', recipient: 'sanne@example.com', status: 'failed', attempts: 1 }),
    ]);

    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0); // not due before the backoff
    h.clock.advance(backoffMs(1));
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(smtp.refused).toBe(2);
    expect(smtp.received).toHaveLength(0);
    h.clock.advance(backoffMs(2));
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(smtp.received).toHaveLength(1);
    job = await emailJob(plain.merchant.id, ret.id, 'email.label_created');
    expect(job.doneAt).not.toBeNull();

    h.clock.advance(3 * 3_600_000);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const sent = json(await plain.merchant.call('GET', '/api/v1/emails?status=sent'));
    expect(sent.data).toEqual([expect.objectContaining({ id: job.id, status: 'sent', attempts: 3, lastError: null, sentAt: job.doneAt })]);
    expect(await sentEntries(plain, ret.id)).toHaveLength(1);
  });

  it('does not send again when a worker sent and recorded the email but died before completing the job', async () => {
    const plain = await setupShop(h);
    const { ret } = await newReturn({}, plain);
    const now = h.clock.now;
    const [job] = await claimJobs(h.ctx.db, h.ctx.dialect, {
      topics: ['email.label_created'],
      limit: 1,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
    });
    if (!job) throw new Error('no job claimed');
    await sendEmailJob(h.ctx, job); // sent and recorded; the worker dies before completeJob
    expect(smtp.received).toHaveLength(1);

    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0); // still leased to the dead worker
    h.clock.advance(61_000);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect((await emailJob(plain.merchant.id, ret.id, 'email.label_created')).doneAt).not.toBeNull();
    expect(await sentEntries(plain, ret.id)).toEqual([expect.objectContaining({ message: 'label_created → sanne@example.com' })]);
  });

  it('resends with the same Message-ID when the process died between the relay accepting and the record (the documented window)', async () => {
    const plain = await setupShop(h);
    const real = h.ctx.mail as MailTransport;
    let died = false;
    h.ctx.mail = {
      async send(message) {
        const result = await real.send(message);
        if (!died) {
          died = true;
          throw new Error('process died after the relay accepted');
        }
        return result;
      },
      close: () => real.close(),
    };
    const { ret } = await newReturn({}, plain);
    await drainJobs(h.ctx, 50, ['return.event']);
    h.clock.advance(backoffMs(1));
    await drainJobs(h.ctx, 50, ['return.event']);
    const mails = await smtp.parsed();
    expect(mails).toHaveLength(2);
    const job = await emailJob(plain.merchant.id, ret.id, 'email.label_created');
    expect(mails.map((m) => m.messageId)).toEqual([`<${job.id}@retour>`, `<${job.id}@retour>`]);
    expect(await sentEntries(plain, ret.id)).toHaveLength(1);
  });

  it('acknowledges a withdrawal with its date and time and the PDF, once', async () => {
    const { ret, order } = await newReturn({ language: 'de' });
    const ack = { merchantId: shop.merchant.id, id: ret.id, contactEmail: 'sanne@example.com', language: 'de' };
    await enqueueWithdrawalAcknowledgement(h.ctx.db, ack, h.clock.now.toISOString()); // 2026-06-15T10:00Z
    h.clock.advance(60_000);
    await enqueueWithdrawalAcknowledgement(h.ctx.db, ack, h.clock.now.toISOString()); // a repeat queues nothing
    await drainJobs(h.ctx, 50, ['return.event']);
    const mails = (await smtp.parsed()).filter((m) => m.subject?.startsWith('Wir haben Ihren Widerruf'));
    expect(mails).toHaveLength(1);
    const mail = mails[0] as ParsedMail;
    expect(mail.subject).toBe(`Wir haben Ihren Widerruf der Bestellung ${order.orderNumber} erhalten`);
    expect(mail.text).toContain('15. Juni 2026');
    expect(mail.text).toContain('12:00'); // 10:00 UTC in Amsterdam (CEST)
    expect(mail.text).toContain('Europe/Amsterdam');
    expect(mail.text).toContain('1× T-shirt');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`withdrawal-${ret.reference}.pdf`);
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
