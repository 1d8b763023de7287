// The `exchange_shipped` email: when the shop ships an exchange's replacement, the
// `shop.exchange_shipment` job notes the parcel on the timeline and, in the same write, queues one
// email per tracking number to the shopper in the return's language, with the carrier, the number
// and the tracking link (the status page when the shop gave none). Sent over a real SMTP server;
// a job that runs again, or a second delivery of the same parcel, sends nothing more.
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { createSmtpTransport } from '@retour/integrations/email/smtp';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteExchangeShipment } from '../src/jobs/note-exchange-shipment.ts';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import { EXCHANGE_SHIPMENT_TOPIC } from '../src/use-cases/exchanges/queue-exchange-shipments.ts';
import { getReturn } from './merchant-helpers.ts';
import { found, requestSizeExchange } from './portal-helpers.ts';
import { eur, orderPayload, setupShop } from './support/fixtures.ts';
import { type Harness, json, startHarness } from './support/harness.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';
import { SIZE_EXCHANGES, teeCatalogue } from './support/exchange-catalogue.ts';

const CATALOGUE = teeCatalogue({ product: 'p-tee', m: 'v-m', l: 'v-l' }, '29.95');
const LINK = /http:\/\/retour\.test\/r\/[^/\s]+\/returns\/[^?\s]+\?access=[\w.-]+/;

let h: Harness;
let smtp: TestSmtp;
beforeAll(async () => {
  h = await startHarness();
  smtp = await startSmtp();
  h.ctx.mail = createSmtpTransport(smtp.url);
});
afterAll(async () => {
  h.ctx.mail?.close();
  await smtp.close();
  await h.close();
});

async function settle() {
  for (let i = 0; i < 10; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

/** A German shopper's exchange of a T-shirt M for an L, made in the portal. */
async function germanExchange() {
  const shop = await setupShop(h, { approval: 'automatic', exchanges: SIZE_EXCHANGES });
  expect((await shop.merchant.call('PUT', '/api/v1/products', CATALOGUE)).statusCode).toBe(200);
  const order = orderPayload(h, { items: [{ externalId: 'li-1', sku: 'TS-M', name: 'T-shirt', quantity: 1, unitPrice: eur('29.95') }] });
  await shop.importOrders(order);
  const f = await found(h, shop.slug, order);
  const created = await requestSizeExchange(h, shop.slug, f, { language: 'de' });
  await settle();
  return { shop, order, id: json(created).id as string, reference: json(created).reference as string };
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? ''));

describe('the exchange_shipped email', () => {
  it('is sent once per parcel in the shopper language with the tracking link, however often the job runs', async () => {
    const { shop, order, id, reference } = await germanExchange();
    const before = smtp.received.length;
    const parcel = {
      returnId: id,
      provider: 'woocommerce',
      orderNumber: '5120',
      carrier: 'DHL',
      trackingNumber: 'JJD0001234',
      trackingUrl: 'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=JJD0001234',
    };
    const job = (dedupeKey: string) =>
      enqueue(h.ctx.db, {
        merchantId: shop.merchant.id,
        id: newId('job'),
        topic: EXCHANGE_SHIPMENT_TOPIC,
        payload: parcel,
        dedupeKey,
        at: h.clock.now.toISOString(),
      });
    await job('first');
    await settle();
    // The job again (a retry after a crash), and the same parcel reported again by the shop.
    await noteExchangeShipment(h.ctx, shop.merchant.id, parcel);
    await job('again');
    await settle();

    const mails = (await smtp.parsed()).slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails as [ParsedMail];
    expect(to(mail)).toBe('sanne@example.com');
    expect(mail.subject).toBe(`Ihr Umtauschartikel zu Bestellung ${order.orderNumber} ist unterwegs`);
    expect(mail.text).toContain(
      `Der Umtauschartikel zu Ihrer Rücksendung ${reference} wurde mit DHL versandt (Sendungsnummer JJD0001234).`,
    );
    expect(mail.text).toContain(`Paket verfolgen: ${parcel.trackingUrl}`);
    expect(mail.html).toContain(`<a href="${parcel.trackingUrl.replace(/&/g, '&amp;')}"`);
    const jobs = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'email.exchange_shipped')
      .execute();
    expect(jobs).toHaveLength(1);
    expect(mail.messageId).toBe(`<${jobs[0]?.id}@retour>`);
    const timeline = (await getReturn(shop.merchant, id)).timeline as { type: string; message: string | null }[];
    expect(timeline.filter((e) => e.type === 'exchange_shipped')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'email_sent' && e.message?.startsWith('exchange_shipped'))).toHaveLength(1);

    // A second parcel without a link from the shop: its own email, pointing at the status page instead.
    await noteExchangeShipment(h.ctx, shop.merchant.id, { ...parcel, trackingNumber: 'JJD0005678', trackingUrl: null });
    await settle();
    const second = (await smtp.parsed()).slice(before);
    expect(second).toHaveLength(2);
    expect(second[1]?.text).toContain('Sendungsnummer JJD0005678');
    expect(second[1]?.text).toMatch(new RegExp(`Paket verfolgen: ${LINK.source}`));
  });
});
