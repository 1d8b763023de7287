// Email templates per merchant (override, unknown placeholders refused, preview, reset), the email
// list of the outbox when no mail transport is configured, and merchant isolation.
import { createSmtpTransport } from '@retour/integrations/email/smtp';
import type { ParsedMail } from 'mailparser';
import { EMAIL_TEMPLATES } from '@retour/contracts/emails';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { expectError, expectIssue } from './merchant-helpers.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';
import { startSmtp } from './support/smtp.ts';

/** The shopper's label email of a return (the shop's own new-return notice names the reference too). */
const labelMail = (mails: ParsedMail[], reference: string) =>
  mails.find((m) => (m.subject?.includes(reference) || m.text?.includes(reference)) && !m.subject?.startsWith('New return'));

type Template = { template: string; language: string; subject: string; body: string; placeholders: string[]; overridden: boolean };

let h: Harness;
let shop: Shop;
let other: Shop;
beforeAll(async () => {
  h = await startHarness();
  shop = await setupShop(h, { notificationEmail: 'returns@acme.test' });
  other = await setupShop(h, { notificationEmail: 'returns@other.test' });
});
afterAll(async () => h.close());

const call = (s: Shop, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => s.merchant.call(method, url, body);
const putTemplate = (s: Shop, path: string, body: unknown) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/v1/email-templates/${path}`,
    payload: body as object,
    headers: { authorization: `Bearer ${s.merchant.apiKey}` },
  });
const templates = async (s: Shop): Promise<Template[]> => {
  const res = await call(s, 'GET', '/api/v1/email-templates');
  expect(res.statusCode, res.body).toBe(200);
  return json(res).data;
};
const newReturn = async (s: Shop, body: Record<string, unknown> = {}) => {
  const order = orderPayload(h);
  await s.importOrders(order);
  const res = await createPortalReturn(h, s.slug, order, body);
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
};

describe('email templates', () => {
  it('lists every template in every language with its placeholders, all defaults at first', async () => {
    const list = await templates(shop);
    expect(list).toHaveLength(EMAIL_TEMPLATES.length * 5);
    expect(new Set(list.map((t) => t.template))).toEqual(new Set(EMAIL_TEMPLATES));
    expect(list.every((t) => !t.overridden)).toBe(true);
    const label = list.find((t) => t.template === 'label_created' && t.language === 'nl');
    expect(label).toMatchObject({ subject: 'Je retourlabel voor bestelling {{orderNumber}}' });
    expect(label?.placeholders).toEqual(expect.arrayContaining(['reference', 'statusUrl', 'deadline']));
    expect(list.find((t) => t.template === 'refund_issued')?.placeholders).toContain('amount');
    expect(list.find((t) => t.template === 'received')?.placeholders).not.toContain('amount');
    expect(list.find((t) => t.template === 'store_credit_issued')?.placeholders).toEqual(
      expect.arrayContaining(['code', 'expiresOn', 'shopUrl']),
    );
  });

  it('refuses unknown placeholders on save, naming them', async () => {
    const res = await putTemplate(shop, 'label_created/de', { subject: 'Etikett {{foo}}', body: 'Hallo {{customerName}} {{ bar }}' });
    const error = expectError(res, 400, 'validation_error');
    expect(error.details?.unknownPlaceholders).toEqual(['{{foo}}', '{{bar}}']);
    expect(error.message).toContain('{{foo}}');
    const issues = expectIssue(res, ['subject']);
    expect(issues.find((i) => i.path[0] === 'body')?.message).toContain('{{bar}}');
    // A placeholder of another template is unknown here too.
    const amount = await putTemplate(shop, 'received/en', { subject: 'Got it', body: 'We owe you {{amount}}' });
    expect(expectError(amount, 400, 'validation_error').details?.unknownPlaceholders).toEqual(['{{amount}}']);
    expect((await templates(shop)).every((t) => !t.overridden)).toBe(true);
  });

  it('validates the template name, language and body', async () => {
    expectIssue(await putTemplate(shop, 'nope/de', { subject: 'x', body: 'y' }), ['template']);
    expectIssue(await putTemplate(shop, 'received/xx', { subject: 'x', body: 'y' }), ['language']);
    expectIssue(await putTemplate(shop, 'received/de', { subject: '', body: 'y' }), ['subject']);
    expectIssue(await putTemplate(shop, 'received/de', { subject: 'x', body: 'y', html: '<p>' }), []);
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/v1/email-templates' });
    expectError(anonymous, 401, 'invalid_api_key');
  });

  it('previews the saved or the given text for a sample return, escaping HTML', async () => {
    const saved = await call(shop, 'POST', '/api/v1/email-templates/refund_issued/en/preview', {});
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json(saved).subject).toBe('Your refund of 29.95 EUR for return R-7K3Q9M');
    const draft = await call(shop, 'POST', '/api/v1/email-templates/refund_issued/en/preview', {
      body: 'Hi {{customerName}}, <script>alert(1)</script> {{amount}}',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const preview = json(draft);
    expect(preview.text).toBe('Hi Sanne de Vries, <script>alert(1)</script> 29.95 EUR');
    expect(preview.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(preview.html).not.toContain('<script>');
    expect(preview.html).toContain('Acme');
    const bad = await call(shop, 'POST', '/api/v1/email-templates/refund_issued/en/preview', { subject: '{{refundId}}' });
    expect(expectError(bad, 400, 'validation_error').details?.unknownPlaceholders).toEqual(['{{refundId}}']);
  });

  it('uses a German override for the next German email, keeps other languages, and resets on DELETE', async () => {
    const smtp = await startSmtp();
    h.ctx.mail = createSmtpTransport(smtp.url);
    try {
      const saved = await putTemplate(shop, 'label_created/de', {
        subject: 'Etikett {{reference}} von {{shopName}}',
        body: 'Hallo {{customerName}},\n\n<b>Paket</b> bis {{deadline}} abgeben.\n\n{{statusUrl}}',
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(json(saved)).toMatchObject({ template: 'label_created', language: 'de', overridden: true });
      expect((await templates(shop)).filter((t) => t.overridden).map((t) => `${t.template}/${t.language}`)).toEqual(['label_created/de']);

      const de = await newReturn(shop, { language: 'de' });
      const en = await newReturn(shop, { language: 'en' });
      await drainJobs(h.ctx);
      const mails = await smtp.parsed();
      const deMail = labelMail(mails, de.reference);
      expect(deMail?.subject).toBe(`Etikett ${de.reference} von Acme`);
      expect(deMail?.text).toContain('<b>Paket</b> bis 29. Juni 2026 abgeben.');
      expect(deMail?.html).toContain('&#60;b&#62;Paket&#60;/b&#62;');
      expect(labelMail(mails, en.reference)?.subject).toMatch(/^Your return label for order #/);

      const reset = await call(shop, 'DELETE', '/api/v1/email-templates/label_created/de');
      expect(reset.statusCode, reset.body).toBe(200);
      expect(json(reset)).toMatchObject({ overridden: false, subject: 'Ihr Rücksendeetikett für Bestellung {{orderNumber}}' });
      expect((await templates(shop)).every((t) => !t.overridden)).toBe(true);
      const again = await newReturn(shop, { language: 'de' });
      await drainJobs(h.ctx);
      expect(labelMail(await smtp.parsed(), again.reference)?.subject).toMatch(/^Ihr Rücksendeetikett für Bestellung #/);
    } finally {
      h.ctx.mail?.close();
      delete h.ctx.mail;
      await smtp.close();
    }
  });

  it("keeps one merchant's templates and emails away from another", async () => {
    await newReturn(shop);
    const saved = await putTemplate(shop, 'received/it', { subject: 'Ricevuto {{reference}}', body: 'Grazie {{customerName}}' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await templates(other)).find((t) => t.template === 'received' && t.language === 'it')?.overridden).toBe(false);
    // The other merchant's reset does not touch this one's override.
    expect((await call(other, 'DELETE', '/api/v1/email-templates/received/it')).statusCode).toBe(200);
    expect((await templates(shop)).find((t) => t.template === 'received' && t.language === 'it')).toMatchObject({
      overridden: true,
      subject: 'Ricevuto {{reference}}',
    });
    const mine = json(await call(shop, 'GET', '/api/v1/emails')).data as { recipient: string }[];
    const theirs = json(await call(other, 'GET', '/api/v1/emails')).data as { recipient: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.some((e) => e.recipient === 'returns@acme.test')).toBe(false);
    expect(mine.some((e) => e.recipient === 'returns@other.test')).toBe(false);
  });
});

describe('without a mail transport', () => {
  it('leaves email jobs pending and lists them for the back office', async () => {
    const m = await newMerchant(h, 'Quiet');
    const quiet = await setupShop(h, { notificationEmail: 'orders@quiet.test', defaultLanguage: 'nl' }, m);
    const ret = await newReturn(quiet, { language: 'fr' });
    expect(h.ctx.mail).toBeUndefined();
    await drainJobs(h.ctx);
    const res = await call(quiet, 'GET', '/api/v1/emails?status=pending');
    expect(res.statusCode, res.body).toBe(200);
    const pending = json(res).data as Record<string, unknown>[];
    expect(pending.map((e) => [e.template, e.recipient, e.language, e.status, e.attempts, e.returnId]).sort()).toEqual(
      [
        ['label_created', 'sanne@example.com', 'fr', 'pending', 0, ret.id],
        ['new_return', 'orders@quiet.test', 'nl', 'pending', 0, ret.id],
        // Scheduled for 15 days later (issue #15 item 5).
        ['label_reminder', 'sanne@example.com', 'fr', 'pending', 0, ret.id],
      ].sort(),
    );
    for (const e of pending) expect(e).toMatchObject({ lastError: null, sentAt: null });
    expect(json(await call(quiet, 'GET', '/api/v1/emails?status=sent')).data).toEqual([]);
    expect(json(await call(quiet, 'GET', '/api/v1/emails?status=failed')).data).toEqual([]);
    expectIssue(await call(quiet, 'GET', '/api/v1/emails?status=lost'), ['status']);
  });
});
