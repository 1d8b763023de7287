// Test helpers: look at rendered documents the way a scanner and a reader would — rasterise with
// pdftoppm, decode with zbarimg, extract text with pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'retour-documents-'));
let counter = 0;

export function writeTemp(bytes: Buffer | string, extension: string): string {
  counter += 1;
  const file = join(dir, `doc-${process.pid}-${counter}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

/** First page as PNG at the given resolution. */
export function rasterise(pdf: Buffer, dpi: number): string {
  const file = writeTemp(pdf, 'pdf');
  const base = file.replace(/\.pdf$/, `-${dpi}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, base]);
  return `${base}.png`;
}

function zbarimg(args: string[]): string[] {
  try {
    return execFileSync('zbarimg', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((line) => line !== '');
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 4) throw new Error(`zbarimg found no barcode in ${args.at(-1)}`);
    throw error;
  }
}

/** Decoded values, one per symbol (`zbarimg -q --raw`). Throws when nothing is found (exit 4). */
export function decodeRaw(png: string): string[] {
  return zbarimg(['-q', '--raw', png]);
}

/** Decoded symbols with their type (`zbarimg -q`: 'CODE-128:…', 'QR-Code:…'). */
export function decodeTyped(png: string): { type: string; value: string }[] {
  return zbarimg(['-q', png]).map((line) => {
    const colon = line.indexOf(':');
    return { type: line.slice(0, colon), value: line.slice(colon + 1) };
  });
}

/** Text of the whole PDF; `layout` keeps table rows on one line. */
export function pdfText(pdf: Buffer, layout = false): string {
  const file = writeTemp(pdf, 'pdf');
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export function pageCount(pdf: Buffer): number {
  const file = writeTemp(pdf, 'pdf');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Every word's box (pdftotext -bbox), in points, with the page size. */
export function wordBoxes(pdf: Buffer): {
  page: { width: number; height: number };
  words: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
} {
  const file = writeTemp(pdf, 'pdf');
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  const words = [...html.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map(
    (match) => ({ xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: match[5] ?? '' }),
  );
  return { page: { width: Number(page?.[1] ?? 0), height: Number(page?.[2] ?? 0) }, words };
}

/** Whitespace removed: compares running text regardless of where lines wrapped. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
