// Builds the email of one outbox job: loads the return, its order, portal and brand, picks the
// merchant's template override or the default in the job's language, fills the placeholders and
// adds the attachments (label PDF or inline QR, CN23, withdrawal acknowledgement PDF).
import type { PortalSettings } from '@retour/contracts/config';
import { EMAIL_TEMPLATES } from '@retour/contracts/emails';
import type { DocLanguage } from '@retour/documents/types';
import { formatDate, formatInstant, formatMoney } from '@retour/documents/format';
import { localDate } from '@retour/domain/calendar';
import { handInDeadline } from '@retour/domain/parcel';
import { type Language, SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import { firstBrand, getRow } from '@retour/db/repos/config';
import { findEmailTemplate } from '@retour/db/repos/email-templates';
import { getOrder, type OrderAggregate } from '@retour/db/repos/orders';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import type { BrandsTable, PortalsTable } from '@retour/db/schema';
import type { MailAttachment, MailMessage } from '@retour/integrations/email/port';
import type { Ctx } from '../context.ts';
import { renderWithdrawalAcknowledgementPdf } from '../documents.ts';
import { portalSettingsOf } from '../use-cases/shared/load-portal.ts';
import { returnAddressOf, shopperOf } from '../use-cases/shared/return-parties.ts';
import { documentFormats } from '../presenters/document-formats.ts';
import { getCarrierAccount } from '@retour/db/repos/carrier-accounts';
import { renderReturnDocument } from '../use-cases/returns/render-return-document.ts';
import { labelStillUnused } from '../use-cases/shared/reminder-jobs.ts';
import { dropOffReminderDays, labelReminderDays } from '@retour/domain/reminders';
import { DEFAULT_TEMPLATES, type EmailTemplate, type TemplateText } from './catalogue.ts';
import { type Brand, renderEmail } from './render.ts';
import { statusUrl } from './status-link.ts';

export const isEmailTemplate = (value: string): value is EmailTemplate => (EMAIL_TEMPLATES as readonly string[]).includes(value);
export const emailLanguage = (value: unknown): Language =>
  (SUPPORTED_LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : 'en';

/** The merchant's override of (template, language), or the default. */
export async function templateText(
  ctx: Ctx,
  merchantId: string,
  template: EmailTemplate,
  language: Language,
): Promise<TemplateText & { overridden: boolean; updatedAt: string | null }> {
  const row = await findEmailTemplate(ctx.db, merchantId, template, language);
  if (row) return { subject: row.subject, body: row.bodyText, overridden: true, updatedAt: row.updatedAt };
  return { ...DEFAULT_TEMPLATES[template][language], overridden: false, updatedAt: null };
}

export function brandOf(row: BrandsTable | undefined): Brand {
  const colors = row ? (JSON.parse(row.colors) as { primary?: string }) : {};
  return { name: row?.name ?? 'Retour', logoUrl: row?.logoUrl ?? null, primaryColor: colors.primary ?? '#111827' };
}

/** The sender: the brand's name on MAIL_FROM, or on no-reply@ the public host (replies go to the shop). */
function sender(ctx: Ctx, brand: Brand): string {
  const host = new URL(ctx.publicUrl).hostname;
  const address = ctx.mailFrom ?? `no-reply@${host.includes('.') ? host : `${host}.invalid`}`;
  return `"${brand.name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

type Loaded = {
  agg: ReturnAggregate;
  order: OrderAggregate;
  portal: PortalsTable | undefined;
  settings: PortalSettings | null;
  brand: Brand;
  /** The name of the merchant's carrier account the return is booked on (null: a sandbox carrier). */
  accountName: string | null;
};

async function load(ctx: Ctx, merchantId: string, returnId: string): Promise<Loaded | null> {
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg) return null;
  const order = await getOrder(ctx.db, merchantId, agg.ret.orderId);
  if (!order) return null;
  const portal = agg.ret.portalId ? await getRow(ctx.db, 'portals', merchantId, agg.ret.portalId) : undefined;
  const brandId = portal?.brandId ?? order.order.brandId;
  const brandRow = (brandId ? await getRow(ctx.db, 'brands', merchantId, brandId) : undefined) ?? (await firstBrand(ctx.db, merchantId));
  const account = agg.ret.carrierAccountId ? await getCarrierAccount(ctx.db, merchantId, agg.ret.carrierAccountId) : undefined;
  return {
    agg,
    order,
    portal,
    settings: portal ? portalSettingsOf(portal) : null,
    brand: brandOf(brandRow),
    accountName: account?.name ?? null,
  };
}

const itemsLine = (agg: ReturnAggregate) => agg.items.map((i) => `${i.quantity}× ${i.name}`).join(', ');

function values(
  ctx: Ctx,
  l: Loaded,
  language: Language,
  payload: Record<string, unknown>,
  template: EmailTemplate,
): Record<string, string> {
  const { ret } = l.agg;
  const timezone = l.settings?.timezone ?? 'Europe/Amsterdam';
  const lang = language as DocLanguage;
  const booked = localDate(new Date(ret.bookedAt ?? ret.createdAt), timezone);
  const withdrawnAt = typeof payload.withdrawnAt === 'string' ? payload.withdrawnAt : ret.createdAt;
  const at = formatInstant(withdrawnAt, timezone, lang);
  return {
    reference: ret.reference,
    orderNumber: l.order.order.orderNumber,
    shopName: l.brand.name,
    customerName: l.order.order.customerName,
    customerEmail: ret.contactEmail,
    statusUrl: l.portal ? statusUrl(ctx.publicUrl, ctx.secret, l.portal.slug, ret) : '',
    carrier: l.accountName ?? ((ret.carrier && ctx.carriers.get(ret.carrier)?.info.name) || ret.carrier || ''),
    trackingNumber: ret.trackingNumber ?? '',
    // The exchange's own parcel (jobs/note-exchange-shipment.ts): its carrier, number and link (else the status page).
    ...(template === 'exchange_shipped'
      ? exchangeParcel(payload, l.portal ? statusUrl(ctx.publicUrl, ctx.secret, l.portal.slug, ret) : '')
      : {}),
    // An expiring return's last day once it counts down (reminder, expiry); otherwise the legal hand-in day.
    deadline: formatDate(
      template === 'hold_authorised' && ret.holdDeadline
        ? ret.holdDeadline
        : ret.expiresAt && (template === 'drop_off_reminder' || template === 'expired')
          ? localDate(new Date(Date.parse(ret.expiresAt) - 1), timezone)
          : handInDeadline(booked),
      lang,
    ),
    amount: typeof payload.amount === 'number' ? formatMoney(payload.amount, ret.currency) : '',
    reason: typeof payload.reason === 'string' ? payload.reason : '',
    withdrawnAt: `${at.date} ${at.time} (${timezone})`,
    items: itemsLine(l.agg),
    method: ret.method,
    code: typeof payload.code === 'string' ? payload.code : '',
    expiresOn: typeof payload.expiresOn === 'string' ? formatDate(payload.expiresOn, lang) : NO_EXPIRY[language],
    replacementOrder: typeof payload.replacementOrder === 'string' ? payload.replacementOrder : '',
    shopUrl:
      typeof payload.shopUrl === 'string' ? payload.shopUrl : l.portal ? statusUrl(ctx.publicUrl, ctx.secret, l.portal.slug, ret) : '',
  };
}

/** The exchange_shipped email's parcel: the shop's carrier and tracking number, its tracking link or else `fallback`. */
function exchangeParcel(payload: Record<string, unknown>, fallback: string) {
  return {
    carrier: typeof payload.carrier === 'string' ? payload.carrier : '',
    trackingNumber: typeof payload.trackingNumber === 'string' ? payload.trackingNumber : '',
    trackingUrl: typeof payload.trackingUrl === 'string' && payload.trackingUrl ? payload.trackingUrl : fallback,
  };
}

/** The store credit email's expiry line when the credit does not expire. */
const NO_EXPIRY: Record<Language, string> = {
  en: 'no expiry date',
  nl: 'geen vervaldatum',
  fr: 'sans date d’expiration',
  de: 'unbegrenzt',
  it: 'nessuna scadenza',
};

async function attachments(ctx: Ctx, template: EmailTemplate, l: Loaded, language: Language, payload: Record<string, unknown>) {
  const { ret } = l.agg;
  const files: MailAttachment[] = [];
  let inline: { cid: string; alt: string } | undefined;
  // The reminder carries the label again.
  if (template === 'label_created' || template === 'label_reminder' || template === 'drop_off_reminder') {
    if (ret.method === 'drop_off_labelless') {
      const qr = await renderReturnDocument(ctx, l.agg, { kind: 'qr' });
      inline = { cid: `qr-${ret.id}@retour`, alt: ret.reference };
      files.push({ filename: qr.filename, contentType: qr.contentType, content: Buffer.from(qr.body), contentId: inline.cid });
    } else {
      // Print-at-home A4 where it exists; otherwise the label the carrier made, as it made it.
      const { formats } = documentFormats(ret);
      const format = formats.includes('a4') ? 'a4' : formats.find((f) => f !== 'qr');
      if (format) {
        const label = await renderReturnDocument(ctx, l.agg, { kind: 'label', format });
        files.push({ filename: label.filename, contentType: label.contentType, content: Buffer.from(label.body) });
      }
    }
    if (documentFormats(ret).customs) {
      const cn23 = await renderReturnDocument(ctx, l.agg, { kind: 'customs' });
      files.push({ filename: cn23.filename, contentType: cn23.contentType, content: Buffer.from(cn23.body) });
    }
  }
  if (template === 'withdrawal_acknowledged') {
    const to = await returnAddressOf(ctx.db, l.agg);
    const shopper = shopperOf(l.agg, l.order);
    const line = (p: { street: string; houseNumber?: string | null; postalCode: string; city: string; country: string }) =>
      `${p.street} ${p.houseNumber ?? ''}, ${p.postalCode} ${p.city}, ${p.country}`.replace(/\s+,/g, ',');
    const timezone = l.settings?.timezone ?? 'Europe/Amsterdam';
    const delivered = l.order.shipments.find((s) => s.deliveredAt)?.deliveredAt;
    const pdf = await renderWithdrawalAcknowledgementPdf({
      reference: ret.reference,
      trader: { name: l.brand.name, address: to ? line(to) : '', email: l.settings?.notificationEmail ?? null },
      consumer: { name: l.order.order.customerName, email: ret.contactEmail, address: line(shopper) },
      orderNumber: l.order.order.orderNumber,
      orderedOn: localDate(new Date(l.order.order.placedAt), timezone),
      receivedOn: delivered ? localDate(new Date(delivered), timezone) : null,
      items: l.agg.items.map((i) => ({ name: i.name, quantity: i.quantity })),
      withdrawnAt: typeof payload.withdrawnAt === 'string' ? payload.withdrawnAt : ret.createdAt,
      timezone,
      language: language as DocLanguage,
    });
    files.push({ filename: `withdrawal-${ret.reference}.pdf`, contentType: 'application/pdf', content: pdf });
  }
  return { files, inline };
}

/** The message of an email job, or null when its return is gone (nothing to send). */
export async function composeEmail(
  ctx: Ctx,
  job: { id: string; merchantId: string; topic: string; payload: Record<string, unknown> },
): Promise<{ message: MailMessage; template: EmailTemplate; returnId: string } | null> {
  const template = job.topic.slice('email.'.length);
  if (!isEmailTemplate(template)) throw new Error(`no email template for ${job.topic}`);
  const returnId = String(job.payload.returnId);
  const l = await load(ctx, job.merchantId, returnId);
  if (!l) return null;
  // A label reminder only while the label is unused and the portal still sends reminders.
  if (template === 'label_reminder' && (!labelStillUnused(l.agg.ret) || labelReminderDays(l.settings?.labelReminderDays) === null))
    return null;
  // A drop-off reminder likewise, and only while the portal still counts down.
  if (
    template === 'drop_off_reminder' &&
    (!labelStillUnused(l.agg.ret) || dropOffReminderDays(l.settings?.expiryDays, l.settings?.dropOffReminderDays) === null)
  )
    return null;
  const language = emailLanguage(job.payload.language);
  const text = await templateText(ctx, job.merchantId, template, language);
  const { files, inline } = await attachments(ctx, template, l, language, job.payload);
  const rendered = renderEmail(text, values(ctx, l, language, job.payload, template), l.brand, inline);
  const to = typeof job.payload.to === 'string' ? job.payload.to : l.agg.ret.contactEmail;
  return {
    template,
    returnId,
    message: {
      messageId: `<${job.id}@retour>`,
      from: sender(ctx, l.brand),
      to,
      replyTo: template === 'new_return' ? l.agg.ret.contactEmail : (l.settings?.notificationEmail ?? null),
      ...rendered,
      attachments: files,
    },
  };
}

/** Placeholder values for previews: a made-up return of the merchant's first brand. */
export function sampleValues(ctx: Ctx, brand: Brand, language: Language): Record<string, string> {
  return {
    reference: 'R-7K3Q9M',
    orderNumber: '#1001',
    shopName: brand.name,
    customerName: 'Sanne de Vries',
    customerEmail: 'sanne@example.com',
    statusUrl: `${ctx.publicUrl}/r/your-shop/returns/ret_example?access=example`,
    carrier: 'Sandbox Post',
    trackingNumber: 'SBX123456789NL',
    trackingUrl: 'https://tracking.example.com/SBX123456789NL',
    deadline: formatDate('2026-07-14', language as DocLanguage),
    amount: '29.95 EUR',
    reason: 'The item was worn.',
    withdrawnAt: '2026-07-01 10:30:00 (Europe/Amsterdam)',
    items: '1× T-shirt, 1× Jeans',
    method: 'drop_off',
    code: 'RTR7K3Q9M2XAB4CD',
    expiresOn: formatDate('2027-12-31', language as DocLanguage),
    shopUrl: 'https://shop.example.com',
    replacementOrder: '#1002',
  };
}
