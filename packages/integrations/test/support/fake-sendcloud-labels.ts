// Documents the fake Sendcloud serves from `GET /api/v3/parcels/{id}/documents/label`: real files a
// scanner reads. A label as PDF (A4 or A6 page) with the tracking number as Code 128 — the
// symbology of the parcel barcodes of the carriers behind Sendcloud (PostNL 3S, DHL, DPD) — as ZPL
// II (`^BC` Code 128, 203 dpi) or as a PNG; a label-less return's document is the carrier's QR code
// as a PNG (the counter scans it instead of a label).
import { drawCode128 } from '@retour/documents/barcode';
import { finishPdf, MM, openPdf } from '@retour/documents/pdf-document';
import { renderQrPng } from '@retour/documents/qr';
import bwipjs from 'bwip-js';

export type LabelParcel = { trackingNumber: string; carrier: string; fromName: string; toName: string; toCity: string };

export async function labelPdf(parcel: LabelParcel, paper: 'A4' | 'A5' | 'A6'): Promise<Buffer> {
  const size: [number, number] = paper === 'A4' ? [210 * MM, 297 * MM] : paper === 'A5' ? [148 * MM, 210 * MM] : [105 * MM, 148 * MM];
  const doc = openPdf({ size, date: '2026-12-04', title: `Return label ${parcel.trackingNumber}`, language: 'en' });
  const width = 105 * MM;
  doc.fontSize(9).text(`${parcel.carrier.toUpperCase()} — RETURN`, 12, 14);
  doc.fontSize(8).text(`From: ${parcel.fromName}`, 12, 30);
  doc.fontSize(11).text(`To: ${parcel.toName}, ${parcel.toCity}`, 12, 46);
  drawCode128(doc, parcel.trackingNumber, 8, 90, width - 16, 70);
  doc.fontSize(10).text(parcel.trackingNumber, 12, 166);
  return finishPdf(doc);
}

export function labelZpl(parcel: LabelParcel): Buffer {
  return Buffer.from(
    [
      '^XA^CI28^PW812^LL1218',
      `^FO30,30^A0N,40,40^FD${parcel.carrier.toUpperCase()} RETURN^FS`,
      `^FO30,100^A0N,30,30^FDTo: ${parcel.toName}, ${parcel.toCity}^FS`,
      `^FO60,200^BY3^BCN,200,Y,N,N^FD${parcel.trackingNumber}^FS`,
      '^XZ',
    ].join('\n'),
    'utf8',
  );
}

export async function labelPng(parcel: LabelParcel, dpi: number): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: parcel.trackingNumber,
    scale: dpi >= 300 ? 4 : 2,
    height: 20,
    includetext: true,
    backgroundcolor: 'FFFFFF',
    padding: 10,
  });
}

export function labellessQrPng(parcel: LabelParcel): Promise<Buffer> {
  return renderQrPng(parcel.trackingNumber);
}
