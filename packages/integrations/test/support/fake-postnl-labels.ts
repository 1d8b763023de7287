// The documents the fake PostNL Labelling API answers with: real files a scanner reads. A PostNL
// parcel label carries the 3S barcode as Code 128 (GraphicFile|PDF: an A6 page; Zebra|Generic ZPL II:
// ZPL text with ^BC); a Smart Returns answer is the PDF the shopper shows at the PostNL point, with
// the code as a QR code. Drawn with Retour's own PDF helpers (pdfkit + bwip-js + qrcode).
import { drawCode128 } from '@retour/documents/barcode';
import { FONT_BOLD, FONT_REGULAR } from '@retour/documents/fonts';
import { finishPdf, MM, openPdf, PAGE_SIZES } from '@retour/documents/pdf-document';
import { drawQrCode } from '@retour/documents/qr';

type Party = {
  Name?: string;
  CompanyName?: string;
  Street?: string;
  HouseNr?: string;
  HouseNrExt?: string;
  Zipcode?: string;
  City?: string;
  Countrycode?: string;
};

const lines = (p: Party): string[] =>
  [
    p.CompanyName ?? p.Name ?? '',
    `${p.Street ?? ''} ${p.HouseNr ?? ''}${p.HouseNrExt ?? ''}`.trim(),
    `${p.Zipcode ?? ''} ${p.City ?? ''}`.trim(),
    p.Countrycode ?? '',
  ].filter((l) => l !== '');

export async function labelPdf(barcode: string, product: string, sender: Party, receiver: Party): Promise<Buffer> {
  const doc = openPdf({ size: PAGE_SIZES.a6, date: null, title: `PostNL ${barcode}`, language: 'nl' });
  const width = PAGE_SIZES.a6[0];
  doc
    .font(FONT_BOLD)
    .fontSize(14)
    .text('PostNL', 6 * MM, 6 * MM);
  doc
    .font(FONT_REGULAR)
    .fontSize(7)
    .text(`Product ${product} · Retour`, 6 * MM, 13 * MM);
  doc.fontSize(7).text(['Afzender:', ...lines(sender)].join('\n'), 6 * MM, 20 * MM);
  doc
    .font(FONT_BOLD)
    .fontSize(10)
    .text(lines(receiver).join('\n'), 6 * MM, 42 * MM);
  drawCode128(doc, barcode, 4 * MM, 90 * MM, width - 8 * MM, 28 * MM);
  doc
    .font(FONT_REGULAR)
    .fontSize(9)
    .text(barcode, 6 * MM, 121 * MM, { width: width - 12 * MM, align: 'center' });
  return finishPdf(doc);
}

export async function smartReturnPdf(barcode: string): Promise<Buffer> {
  const doc = openPdf({ size: PAGE_SIZES.a6, date: null, title: `PostNL Smart Return ${barcode}`, language: 'nl' });
  const width = PAGE_SIZES.a6[0];
  doc
    .font(FONT_BOLD)
    .fontSize(12)
    .text('PostNL retourcode', 6 * MM, 8 * MM);
  doc
    .font(FONT_REGULAR)
    .fontSize(8)
    .text('Laat deze code scannen bij een PostNL-punt.', 6 * MM, 16 * MM);
  drawQrCode(doc, barcode, (width - 60 * MM) / 2, 30 * MM, 60 * MM);
  doc.fontSize(9).text(barcode, 6 * MM, 96 * MM, { width: width - 12 * MM, align: 'center' });
  return finishPdf(doc);
}

const zplText = (text: string): string => text.replace(/[\^~\\]/g, ' ');

/** A 4x6 in label at 203 dpi with the barcode as Code 128 (^BC) and its text. */
export function labelZpl(barcode: string, product: string, sender: Party, receiver: Party): string {
  const from = lines(sender).map((l, i) => `^FO30,${110 + i * 26}^A0N,22,22^FD${zplText(l)}^FS`);
  const to = lines(receiver).map((l, i) => `^FO30,${300 + i * 40}^A0N,36,36^FD${zplText(l)}^FS`);
  return [
    '^XA',
    '^PW812',
    '^LL1218',
    '^CI28',
    '^FO30,30^A0N,50,50^FDPostNL^FS',
    `^FO30,85^A0N,22,22^FDProduct ${product}^FS`,
    ...from,
    ...to,
    '^FO60,700^BY3^BCN,240,Y,N,N',
    `^FD${barcode}^FS`,
    '^XZ',
    '',
  ].join('\n');
}
