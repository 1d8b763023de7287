// QR codes (error correction M, 4-module quiet zone, black on white): as a PNG for emails and pages,
// and drawn as vector modules inside PDFs.
import QRCode from 'qrcode';
import type { Pdf } from './pdf-document.ts';

const QUIET_MODULES = 4;

/** A PNG of at least 300 px, e.g. for the label-less drop-off email. */
export async function renderQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: QUIET_MODULES,
    width: 400,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/**
 * Draws the QR code (quiet zone included) as a `size`×`size` square at (x, y). Runs of dark modules
 * in a row become one rectangle, all filled at once.
 */
export function drawQrCode(doc: Pdf, payload: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const module = size / (count + 2 * QUIET_MODULES);
  const origin = QUIET_MODULES * module;
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.data[row * count + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.data[row * count + col]) col++;
      // A hair of overlap so anti-aliasing renderers show no seams between rows.
      doc.rect(x + origin + start * module, y + origin + row * module, (col - start) * module, module + 0.01);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
