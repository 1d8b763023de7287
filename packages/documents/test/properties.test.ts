import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderLabelPdf } from '../src/label-pdf.ts';
import { renderLabelZpl } from '../src/label-zpl.ts';
import type { Party } from '../src/types.ts';
import { label, returnAddress, shopperGb } from './fixtures.ts';
import { decodeRaw, pageCount, rasterise } from './scan.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 200 });
const party: fc.Arbitrary<Party> = fc.record({
  name: text,
  company: fc.option(text),
  street: text,
  houseNumber: fc.option(fc.string({ maxLength: 12 })),
  addressLine2: fc.option(text),
  postalCode: fc.string({ maxLength: 12 }),
  city: text,
  region: fc.option(text),
  country: fc.constantFrom('NL', 'DE', 'GB', 'GR', 'TR', 'PL', 'XX', 'nl', ''),
});

describe('any text in any field', () => {
  it('renders a one-page A6 label whose barcode still decodes', async () => {
    await fc.assert(
      fc.asyncProperty(party, party, text, text, async (from, to, carrierName, service) => {
        const data = label({ from, to, carrierName, service });
        const pdf = await renderLabelPdf(data, 'a6');
        expect(pageCount(pdf)).toBe(1);
        expect(decodeRaw(rasterise(pdf, 203))).toEqual([data.trackingNumber]);
      }),
      { numRuns: 12, seed: 20260630 },
    );
  });

  it('renders one-page A4 sheets (with and without QR) without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(party, text, fc.option(fc.string({ minLength: 1, maxLength: 300 })), async (from, carrierName, qrPayload) => {
        const pdf = await renderLabelPdf(label({ from, to: returnAddress, carrierName, qrPayload }), 'a4');
        expect(pageCount(pdf)).toBe(1);
      }),
      { numRuns: 25, seed: 20260630 },
    );
  });

  it('ZPL: no field data ever contains a raw ^ or ~, and there is exactly one ^XA…^XZ', () => {
    const nasty = fc.string({ unit: fc.constantFrom('^', '~', '_', '\\', 'X', 'Z', 'A', 'F', 'S', ' ', '\n', 'ł', 'Ω'), maxLength: 80 });
    fc.assert(
      fc.property(nasty, nasty, nasty, (name, street, reference) => {
        const zpl = renderLabelZpl(label({ from: { ...shopperGb, name, street }, reference }));
        expect(zpl.match(/\^XA/g)).toHaveLength(1);
        expect(zpl.match(/\^XZ/g)).toHaveLength(1);
        for (const field of zpl.matchAll(/\^FD(.*?)\^FS/gs)) expect(field[1]).not.toMatch(/[\^~\n]/);
      }),
      { numRuns: 300, seed: 20260630 },
    );
  });
});
