import { describe, expect, it } from 'vitest';
import { renderLabelZpl, zplEscape } from '../src/label-zpl.ts';
import { label, routes } from './fixtures.ts';

/** The data of every ^FD…^FS field. */
function fields(zpl: string): string[] {
  return [...zpl.matchAll(/\^FD(.*?)\^FS/gs)].map((match) => match[1] ?? '');
}

describe('renderLabelZpl', () => {
  it.each(routes)('$route: a 4×6 in 203 dpi UTF-8 label with the Code 128 of the tracking number', ({ data }) => {
    const zpl = renderLabelZpl(data);
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    for (const command of ['^PW812', '^LL1218', '^CI28']) expect(zpl).toContain(command);
    expect(zpl).toMatch(new RegExp(`\\^BCN,\\d+,Y,N,N,A\\^FH\\^FD${data.trackingNumber}\\^FS`));
    const text = fields(zpl).join('\n');
    for (const expected of [
      data.reference,
      data.from.name,
      data.to.name,
      data.carrierName,
      data.from.city,
      data.to.city,
      data.to.postalCode,
    ]) {
      expect(text).toContain(zplEscape(expected));
    }
  });

  it('keeps Unicode as UTF-8 text', () => {
    const text = fields(renderLabelZpl(routes[2]!.data)).join('\n');
    for (const word of ['İstanbullu', 'Łódź', 'Ærøskøbing']) expect(text).toContain(word);
  });

  it('escapes ^, ~ and _ in text so no field can end early or start a command', () => {
    const zpl = renderLabelZpl(
      label({
        from: { ...label().from, name: 'Evil ^XZ^XA Name ~JR', street: 'Under_score street' },
        reference: 'R-^FS~',
      }),
    );
    expect(zpl).toContain('Evil _5EXZ_5EXA Name _7EJR');
    expect(zpl).toContain('Under_5Fscore street');
    expect(zpl).toContain('R-_5EFS_7E');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    for (const field of fields(zpl)) {
      expect(field).not.toMatch(/[\^~]/);
    }
    // Every text field declares the hex escapes.
    expect(zpl.match(/\^FD/g)?.length).toBe(zpl.match(/\^FH\^FD/g)?.length);
  });

  it('cuts 200-character texts instead of letting them overprint', () => {
    const long = 'Ærøskøbing '.repeat(20);
    const zpl = renderLabelZpl(label({ from: { ...label().from, name: long }, to: { ...label().to, street: long } }));
    for (const field of fields(zpl)) {
      for (const line of field.split('\\&')) expect(Array.from(line).length).toBeLessThanOrEqual(62);
    }
  });
});
