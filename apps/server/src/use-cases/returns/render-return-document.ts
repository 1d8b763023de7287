// A return's documents. Sandbox carriers: rendered on request from stored data (deterministic, so
// nothing is stored): the label (A6, 4×6 in, A4 print-at-home, ZPL), the label-less QR code, and
// the CN23 customs declaration when the return crosses a customs border. Carrier accounts: the
// carrier's own documents, served byte for byte with their MIME type (never redrawn); Retour draws
// only what the carrier did not make — the QR of a label-less code it gave without an image, and
// the CN23 when it made no customs papers.
import type { DocLanguage, LabelData, Party } from '@retour/documents/types';
import { localDate } from '@retour/domain/calendar';
import { handInDeadline } from '@retour/domain/parcel';
import { getOrder, type OrderAggregate } from '@retour/db/repos/orders';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import { getRow } from '@retour/db/repos/config';
import type { Ctx } from '../../context.ts';
import { renderCn23Pdf, renderLabelPdf, renderLabelZpl, renderQrPng } from '../../documents.ts';
import { fail } from '../../errors.ts';
import { labelFormats } from '@retour/domain/documents';
import { getCarrierDocument } from '@retour/db/repos/carrier-accounts';
import { documentFormats } from '../../presenters/document-formats.ts';
import { portalSettingsOf } from '../shared/load-portal.ts';
import { returnAddressOf, returnWeightGrams, shopperOf } from '../shared/return-parties.ts';

export type DocumentRequest = { kind: 'label'; format: 'a6' | 'a4' | '4x6' | 'zpl' | 'png' | 'gif' } | { kind: 'qr' } | { kind: 'customs' };
export type RenderedDocument = { contentType: string; filename: string; body: Buffer | string };

const SERVICE: Record<string, string> = {
  drop_off: 'Return — drop-off',
  drop_off_labelless: 'Return — label-less drop-off',
  pickup: 'Return — pickup',
};

function notAvailable(what: string, agg: ReturnAggregate): never {
  const formats = documentFormats(agg.ret).formats;
  fail(
    'document_not_found',
    `This return has no ${what}.${formats.length ? ` Available: ${formats.join(', ')}.` : agg.ret.labelStatus === 'pending' ? ' The carrier is still booking it; try again in a minute.' : ''}`,
    {
      labelStatus: agg.ret.labelStatus,
      formats,
    },
  );
}

async function timezoneOf(ctx: Ctx, agg: ReturnAggregate): Promise<string> {
  const portal = agg.ret.portalId ? await getRow(ctx.db, 'portals', agg.ret.merchantId, agg.ret.portalId) : undefined;
  return portal ? portalSettingsOf(portal).timezone : 'Europe/Amsterdam';
}

async function parties(ctx: Ctx, agg: ReturnAggregate): Promise<{ order: OrderAggregate; from: Party; to: Party }> {
  const [order, to] = await Promise.all([getOrder(ctx.db, agg.ret.merchantId, agg.ret.orderId), returnAddressOf(ctx.db, agg)]);
  if (!order || !to) fail('document_not_found', 'The order or return address of this return no longer exists, so no document can be made.');
  return { order, from: shopperOf(agg, order), to };
}

async function labelData(ctx: Ctx, agg: ReturnAggregate): Promise<LabelData> {
  const { ret } = agg;
  const [{ order, from, to }, timezone] = await Promise.all([parties(ctx, agg), timezoneOf(ctx, agg)]);
  const date = localDate(new Date(ret.bookedAt ?? ret.createdAt), timezone);
  return {
    reference: ret.reference,
    trackingNumber: ret.trackingNumber ?? '',
    carrierName: (ret.carrier && ctx.carriers.get(ret.carrier)?.info.name) || ret.carrier || '',
    service: SERVICE[ret.method] ?? 'Return',
    weightGrams: returnWeightGrams(agg, order),
    date,
    deadline: handInDeadline(date),
    language: ret.language as DocLanguage,
    from,
    to,
    qrPayload: ret.method === 'drop_off_labelless' ? ret.reference : null,
  };
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/zpl': 'zpl',
  'image/png': 'png',
  'image/gif': 'gif',
};

/** A carrier's document as it made it, or null when it made none of this kind (and format). */
async function carrierDocument(ctx: Ctx, agg: ReturnAggregate, kind: string, format?: string): Promise<RenderedDocument | null> {
  const doc = await getCarrierDocument(ctx.db, agg.ret.merchantId, agg.ret.id, kind, format);
  if (!doc) return null;
  const extension = EXTENSIONS[doc.mimeType.split(';')[0]?.trim() ?? ''] ?? 'bin';
  const suffix = kind === 'label' ? `-${doc.format}` : `-${kind === 'customs' ? 'customs' : 'qr'}`;
  return {
    contentType: doc.mimeType,
    filename: `return-${agg.ret.reference}${suffix}.${extension}`,
    body: Buffer.from(doc.body, 'base64'),
  };
}

async function renderAccountDocument(ctx: Ctx, agg: ReturnAggregate, request: DocumentRequest): Promise<RenderedDocument> {
  const { ret } = agg;
  const { formats, customs } = documentFormats(ret);
  if (ret.labelStatus !== 'ready' || ret.trackingNumber === null)
    notAvailable(request.kind === 'label' ? `label in format ${request.format}` : request.kind, agg);
  if (request.kind === 'label') {
    const found = formats.includes(request.format) ? await carrierDocument(ctx, agg, 'label', request.format) : null;
    return found ?? notAvailable(`label in format ${request.format}`, agg);
  }
  if (request.kind === 'qr') {
    const image = await carrierDocument(ctx, agg, 'qr');
    if (image) return image;
    const code = ret.labelless ? (JSON.parse(ret.labelless) as { payload: string }).payload : null;
    if (!code) notAvailable('QR code (it is for label-less drop-off returns)', agg);
    // The carrier gave only the code: Retour draws it.
    return { contentType: 'image/png', filename: `return-${ret.reference}-qr.png`, body: await renderQrPng(code) };
  }
  if (!customs) notAvailable('customs declaration (it is needed only when the return crosses a customs border)', agg);
  return (await carrierDocument(ctx, agg, 'customs')) ?? renderCn23(ctx, agg);
}

export async function renderReturnDocument(ctx: Ctx, agg: ReturnAggregate, request: DocumentRequest): Promise<RenderedDocument> {
  const { ret } = agg;
  if (ret.carrierAccountId && ret.carrierFormats) return renderAccountDocument(ctx, agg, request);
  const ready = ret.labelStatus === 'ready' && ret.trackingNumber !== null;
  const base = `return-${ret.reference}`;
  if (request.kind === 'label') {
    if (!ready || request.format === 'png' || request.format === 'gif' || !labelFormats(ret.method).includes(request.format))
      notAvailable(`label in format ${request.format}`, agg);
    const data = await labelData(ctx, agg);
    if (request.format === 'zpl')
      return { contentType: 'text/plain; charset=utf-8', filename: `${base}.zpl`, body: await renderLabelZpl(data) };
    return { contentType: 'application/pdf', filename: `${base}-${request.format}.pdf`, body: await renderLabelPdf(data, request.format) };
  }
  if (request.kind === 'qr') {
    if (!ready || ret.method !== 'drop_off_labelless') notAvailable('QR code (it is for label-less drop-off returns)', agg);
    return { contentType: 'image/png', filename: `${base}-qr.png`, body: await renderQrPng(ret.reference) };
  }
  if (!ready || ret.customsRequired !== 1)
    notAvailable('customs declaration (it is needed only when the return crosses a customs border)', agg);
  return renderCn23(ctx, agg);
}

async function renderCn23(ctx: Ctx, agg: ReturnAggregate): Promise<RenderedDocument> {
  const { ret } = agg;
  const base = `return-${ret.reference}`;
  const [{ order, from, to }, timezone] = await Promise.all([parties(ctx, agg), timezoneOf(ctx, agg)]);
  const outbound = order.shipments[0];
  return {
    contentType: 'application/pdf',
    filename: `${base}-cn23.pdf`,
    body: await renderCn23Pdf({
      reference: ret.reference,
      trackingNumber: ret.trackingNumber,
      date: localDate(new Date(ret.bookedAt ?? ret.createdAt), timezone),
      currency: ret.currency,
      sender: from,
      addressee: to,
      items: agg.items
        .filter((line) => line.kept !== 1) // kept items do not travel
        .map((line) => {
          const item = order.items.find((i) => i.id === line.orderItemId);
          return {
            description: line.name,
            quantity: line.quantity,
            netWeightGrams: (item?.weightGrams ?? 0) * line.quantity,
            value: line.unitPrice * line.quantity,
            hsCode: item?.hsCode ?? '',
            originCountry: item?.originCountry ?? '',
          };
        }),
      outboundTrackingNumber: outbound?.trackingNumber ?? null,
      outboundDate: outbound?.shippedAt ? localDate(new Date(outbound.shippedAt), timezone) : null,
      language: ret.language as DocLanguage,
    }),
  };
}
