import { describe, expect, it } from 'vitest';
import { renderCn23Pdf } from '../src/cn23.ts';
import { cn23 } from './fixtures.ts';
import { pageCount, pdfText, squash } from './scan.ts';

describe('renderCn23Pdf', () => {
  it('has every required field of the declaration (German + English captions)', async () => {
    const data = cn23();
    const pdf = await renderCn23Pdf(data);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    const flat = squash(text);
    for (const expected of [
      'CUSTOMS DECLARATION CN 23',
      'ZOLLINHALTSERKLÄRUNG CN 23',
      'Sender / Absender',
      'Addressee / Empfänger',
      'Returned goods',
      'Gift',
      'Documents',
      'Commercial sample',
      'Sale of goods',
      'Other',
      'R-GB77ZK',
      'RR123456785GB',
      'Zeynep İstanbullu',
      'Łódź Trading Ltd',
      'Ærøskøbing Lane',
      'Acme Fashion B.V.',
      'Retourcentrum Acme',
      'UNITED KINGDOM',
      'NETHERLANDS',
    ]) {
      expect(text).toContain(expected);
    }
    for (const expected of [
      'Detailed description of contents',
      'Net weight (kg)',
      'HS tariff number',
      'Country of origin of goods',
      'Outbound shipment: 3SACME0000012345 of 2026-05-02',
      'Hinsendung: 3SACME0000012345 vom 2026-05-02',
      'I certify that the particulars given in this customs declaration are correct',
      "Date and sender's signature / Datum und Unterschrift des Absenders",
      'Total gross weight (kg) / Gesamtbruttogewicht (kg)',
      'Total value / Gesamtwert',
    ]) {
      expect(flat).toContain(squash(expected));
    }
  });

  it('lists each item on one row: description, quantity, net weight, value with currency, HS code, origin', async () => {
    const layout = pdfText(await renderCn23Pdf(cn23()), true).split('\n');
    const rows: [string, string, string, string, string, string][] = [
      ['Wool sweater, knitted', '2', '0.640', '119.98 EUR', '611011', 'PT (Portugal)'],
      ['Leather belt', '1', '0.250', '34.95 EUR', '420330', 'IT (Italy)'],
      ['Cotton T-shirt', '3', '0.480', '59.97 EUR', '610910', 'BD (Bangladesh)'],
    ];
    const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const row of rows) {
      // Cells in column order, separated only by the spaces pdftotext -layout puts between columns.
      expect(
        layout.some((line) => new RegExp(row.map(escapeRegExp).join('\\s+')).test(line)),
        row[0],
      ).toBe(true);
    }
  });

  it('totals: gross weight and value over all items', async () => {
    const layout = pdfText(await renderCn23Pdf(cn23()), true);
    expect(layout).toMatch(/Total gross weight \(kg\) \/ Gesamtbruttogewicht \(kg\)\s+1\.370/);
    expect(layout).toMatch(/Total value \/ Gesamtwert\s+214\.90 EUR/);
  });

  it('uses the currency minor units (JPY has none) and English-only captions for en', async () => {
    const text = pdfText(
      await renderCn23Pdf(
        cn23({
          language: 'en',
          currency: 'JPY',
          items: [{ description: 'Ceramic bowl', quantity: 1, netWeightGrams: 400, value: 4500, hsCode: '691200', originCountry: 'JP' }],
        }),
      ),
    );
    expect(text).toContain('4500 JPY');
    expect(text).toContain('Sender');
    expect(text).not.toContain('Sender /');
  });

  it('continues long item lists on further pages, every item listed once', async () => {
    const items = Array.from({ length: 40 }, (_, index) => ({
      description: `Item number ${index + 1}`,
      quantity: 1,
      netWeightGrams: 100,
      value: 1000,
      hsCode: '610910',
      originCountry: 'NL',
    }));
    const pdf = await renderCn23Pdf(cn23({ items }));
    expect(pageCount(pdf)).toBeGreaterThan(1);
    const text = pdfText(pdf, true);
    for (const item of items) expect(text.match(new RegExp(`${item.description}\\b`, 'g'))).toHaveLength(1);
    expect(text).toMatch(/Total value \/ Gesamtwert\s+400\.00 EUR/);
    expect(squash(text)).toContain(squash("Date and sender's signature"));
  });

  it('the same data gives byte-identical PDFs', async () => {
    expect((await renderCn23Pdf(cn23())).equals(await renderCn23Pdf(cn23()))).toBe(true);
  });
});
