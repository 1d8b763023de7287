import { describe, expect, it } from 'vitest';
import { renderLabelPdf } from '../src/label-pdf.ts';
import { label, routes, shopperGb } from './fixtures.ts';
import { decodeRaw, decodeTyped, pageCount, pdfText, rasterise, squash, wordBoxes } from './scan.ts';

const formats = ['a6', '4x6', 'a4'] as const;
const cases = routes.flatMap(({ route, data }) => formats.map((format) => ({ route, format, data })));

describe('renderLabelPdf', () => {
  it.each(cases)('$route $format: the Code 128 decodes to the tracking number at 300 and 203 dpi', async ({ format, data }) => {
    const pdf = await renderLabelPdf(data, format);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    for (const dpi of [300, 203]) {
      expect(decodeRaw(rasterise(pdf, dpi))).toEqual([data.trackingNumber]);
    }
  });

  it.each(cases)('$route $format: the text layer has reference, tracking number, names and carrier', async ({ format, data }) => {
    const text = pdfText(await renderLabelPdf(data, format));
    for (const expected of [
      data.reference,
      data.trackingNumber,
      data.from.name,
      data.to.name,
      data.carrierName,
      data.from.city,
      data.to.city,
    ]) {
      expect(text).toContain(expected);
    }
    if (data.from.company) expect(text).toContain(data.from.company);
    if (data.from.addressLine2) expect(text).toContain(data.from.addressLine2);
    expect(text).toContain('NETHERLANDS');
  });

  it('keeps Unicode addresses intact in the text layer', async () => {
    const text = pdfText(await renderLabelPdf(label({ from: shopperGb }), 'a6'));
    for (const word of ['İstanbullu', 'Łódź', 'Ærøskøbing']) expect(text).toContain(word);
    const german = pdfText(await renderLabelPdf(routes[1]!.data, '4x6'));
    for (const word of ['Jürgen Weiß', 'Straße des 17. Juni', 'Ελλάδα']) expect(german).toContain(word);
  });

  it('prints the weight in kg with one decimal in the label language', async () => {
    expect(pdfText(await renderLabelPdf(label({ language: 'nl', weightGrams: 1234 }), 'a6'))).toContain('1,2 kg');
    expect(pdfText(await renderLabelPdf(label({ language: 'en', weightGrams: 860 }), 'a6'))).toContain('0.9 kg');
  });

  it('A4 in Dutch: numbered instructions, the carrier and the deadline', async () => {
    const text = squash(pdfText(await renderLabelPdf(label({ language: 'nl' }), 'a4')));
    expect(text).toContain(squash('Verpak de artikelen stevig'));
    expect(text).toContain(squash('Knip het label langs de stippellijn uit'));
    expect(text).toContain(squash('Lever het pakket in bij een Sandbox Post-punt.'));
    expect(text).toContain(squash('Lever het pakket uiterlijk 14 juli 2026 in.'));
  });

  it('A4 in German: numbered instructions, the carrier and the deadline', async () => {
    const text = squash(pdfText(await renderLabelPdf(label({ language: 'de' }), 'a4')));
    expect(text).toContain(squash('Verpacken Sie die Artikel sicher'));
    expect(text).toContain(squash('Geben Sie das Paket an einer Sandbox Post-Annahmestelle ab.'));
    expect(text).toContain(squash('Geben Sie das Paket spätestens am 14. Juli 2026 ab.'));
  });

  it('A4 without a deadline leaves the hand-in step out', async () => {
    const text = pdfText(await renderLabelPdf(label({ deadline: null }), 'a4'));
    expect(text).not.toContain('Hand it in by');
    expect(text).toContain('Drop the parcel off');
  });

  it('A4 label-less: shows the QR code (decodes to the payload) next to the label barcode', async () => {
    const qrPayload = 'https://sandbox-post.example/qr/R-7K3Q9M?token=Zk3uQ9x2';
    const pdf = await renderLabelPdf(label({ qrPayload }), 'a4');
    for (const dpi of [300, 203]) {
      const symbols = decodeTyped(rasterise(pdf, dpi));
      expect(symbols).toContainEqual({ type: 'QR-Code', value: qrPayload });
      expect(symbols).toContainEqual({ type: 'CODE-128', value: '3SRTR1234567890' });
      expect(symbols).toHaveLength(2);
    }
    const text = squash(pdfText(pdf));
    expect(text).toContain(squash('No printer needed: show the QR code'));
    expect(text).not.toContain(squash('Cut out the label along the dashed line'));
  });

  it.each(formats)('%s: the same data gives byte-identical PDFs', async (format) => {
    const data = label({ qrPayload: format === 'a4' ? 'QR-PAYLOAD-123' : null });
    const first = await renderLabelPdf(data, format);
    const second = await renderLabelPdf(label({ qrPayload: format === 'a4' ? 'QR-PAYLOAD-123' : null }), format);
    expect(first.equals(second)).toBe(true);
    const other = await renderLabelPdf(label({ reference: 'R-OTHER1', qrPayload: data.qrPayload }), format);
    expect(other.equals(first)).toBe(false);
  });

  it.each(formats)('%s: 200-character names and streets stay on the page and the barcode still decodes', async (format) => {
    const long = (word: string) => `${word} `.repeat(40).slice(0, 200);
    const data = label({
      from: { ...shopperGb, name: long('Łódź'), street: 'X'.repeat(200), addressLine2: long('Ærøskøbing'), city: long('İstanbul') },
      to: { ...label().to, name: long('Straße'), company: 'Y'.repeat(200), street: long('Industrieweg') },
      carrierName: long('Carrier'),
      service: long('Service'),
      reference: 'R-'.padEnd(60, 'Q'),
    });
    const pdf = await renderLabelPdf(data, format);
    expect(pageCount(pdf)).toBe(1);
    const { page, words } = wordBoxes(pdf);
    expect(words.length).toBeGreaterThan(10);
    for (const word of words) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(0);
      expect(word.yMin, word.text).toBeGreaterThanOrEqual(0);
      expect(word.xMax, word.text).toBeLessThanOrEqual(page.width);
      expect(word.yMax, word.text).toBeLessThanOrEqual(page.height);
    }
    if (format === 'a4') {
      // On the sheet, nothing that starts inside the cut line may cross it.
      const [left, top, right, bottom] = [36, 52, 36 + 105 * (72 / 25.4), 52 + 148 * (72 / 25.4)];
      const inside = words.filter((word) => word.xMin >= left && word.xMin < right && word.yMin >= top && word.yMin < bottom);
      expect(inside.length).toBeGreaterThan(10);
      for (const word of inside) {
        expect(word.xMax, word.text).toBeLessThanOrEqual(right + 0.5);
        expect(word.yMax, word.text).toBeLessThanOrEqual(bottom + 0.5);
      }
    }
    expect(decodeRaw(rasterise(pdf, 203))).toEqual([data.trackingNumber]);
  });
});
