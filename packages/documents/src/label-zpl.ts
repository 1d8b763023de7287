// The return label as ZPL II for 4×6 in thermal printers at 203 dpi (812 × 1218 dots): the same fields
// as the PDF label. Text is UTF-8 (^CI28); every text field goes through ^FH so that '^', '~' and the
// hex indicator '_' in the data are sent as _5E, _7E and _5F and can never end a field or start a
// command. Lines are cut to what fits instead of relying on ^FB wrapping (which overprints its last
// line when text runs over).
import { code128 } from './barcode.ts';
import { addressLines, countryName, formatKg } from './format.ts';
import { strings } from './i18n.ts';
import { clean } from './text-fit.ts';
import type { LabelData, Party } from './types.ts';

const WIDTH = 812;
const LENGTH = 1218;
const MARGIN = 30;
const INNER = WIDTH - 2 * MARGIN;

/** Escapes text for a ^FH^FD field: hex escapes for the hex indicator, caret and tilde. */
export function zplEscape(text: string): string {
  return clean(text).replace(/\\/g, '/').replace(/_/g, '_5F').replace(/\^/g, '_5E').replace(/~/g, '_7E');
}

/** Cuts text to about what font 0 at this height fits into `width` dots (average glyph ≈ 0.55 × height). */
function fit(text: string, height: number, width = INNER): string {
  const cleaned = clean(text);
  const max = Math.max(4, Math.floor(width / (height * 0.55)));
  const chars = Array.from(cleaned);
  return chars.length <= max ? cleaned : `${chars.slice(0, max - 3).join('')}...`;
}

function text(x: number, y: number, height: number, value: string, width = INNER, align: 'L' | 'R' | 'C' = 'L'): string {
  const block = align === 'L' ? '' : `^FB${width},1,0,${align},0`;
  return `^FO${x},${y}^A0N,${height},${height}${block}^FH^FD${zplEscape(fit(value, height, width))}^FS`;
}

/** Several lines in one ^FB block (\& separates lines), each line already cut to fit. */
function lines(x: number, y: number, height: number, values: string[], maxLines: number, spacing = 4): string {
  const kept = values.map(clean).filter((value) => value !== '');
  const shown = kept.slice(0, maxLines).map((value) => zplEscape(fit(value, height)));
  return `^FO${x},${y}^A0N,${height},${height}^FB${INNER},${maxLines},${spacing},L,0^FH^FD${shown.join('\\&')}^FS`;
}

function rule(y: number, thickness = 3): string {
  return `^FO${MARGIN},${y}^GB${INNER},${thickness},${thickness}^FS`;
}

function senderLines(party: Party): string[] {
  const place = [`${party.postalCode} ${party.city}`.trim(), party.region].filter(Boolean).join(', ');
  return [
    party.name,
    party.company ?? '',
    addressLines(party, { company: false })[0] ?? '',
    party.addressLine2 ?? '',
    `${place} - ${countryName(party.country).toUpperCase()}`,
  ];
}

export function renderLabelZpl(data: LabelData): string {
  const t = strings(data.language).label;
  const tracking = clean(data.trackingNumber);
  const to = addressLines(data.to);
  const out = ['^XA', '^CI28', `^PW${WIDTH}`, `^LL${LENGTH}`, '^LH0,0'];

  // Header
  out.push(text(MARGIN, 30, 44, data.carrierName, INNER - 200));
  out.push(text(MARGIN, 82, 28, data.service, INNER - 200));
  out.push(text(MARGIN, 30, 22, t.date.toUpperCase(), INNER, 'R'));
  out.push(text(MARGIN, 58, 28, data.date, INNER, 'R'));
  out.push(rule(122));

  // FROM
  out.push(text(MARGIN, 134, 22, t.from.toUpperCase()));
  out.push(lines(MARGIN, 162, 26, senderLines(data.from), 5));
  out.push(rule(318));

  // TO (largest)
  out.push(text(MARGIN, 330, 22, t.to.toUpperCase()));
  out.push(text(MARGIN + 10, 360, 50, data.to.name, INNER - 10));
  out.push(lines(MARGIN + 10, 420, 34, to, 6, 4));
  out.push(rule(660, 6));

  // Reference and weight
  out.push(text(MARGIN, 676, 22, t.reference.toUpperCase(), INNER - 240));
  out.push(text(MARGIN, 704, 70, data.reference, INNER - 240));
  out.push(text(MARGIN, 676, 22, t.weight.toUpperCase(), INNER, 'R'));
  out.push(text(MARGIN, 712, 50, formatKg(data.weightGrams, data.language), INNER, 'R'));
  out.push(rule(792));

  // Barcode with interpretation line, centred; module width 2–4 dots as far as it fits.
  const modules = code128(tracking).modules + 20;
  const moduleWidth = Math.max(1, Math.min(4, Math.floor(INNER / modules)));
  const x = Math.max(0, Math.round((WIDTH - (modules - 20) * moduleWidth) / 2));
  out.push(text(MARGIN, 806, 22, t.tracking.toUpperCase()));
  out.push(`^FO${x},846^BY${moduleWidth},3,240^BCN,240,Y,N,N,A^FH^FD${zplEscape(tracking)}^FS`);

  out.push('^PQ1', '^XZ');
  return `${out.join('\n')}\n`;
}
