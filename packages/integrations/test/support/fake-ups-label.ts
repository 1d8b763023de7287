// Labels as the fake UPS makes them, in the two formats Shipping.yaml lets a Print Return Label have
// that Retour asks for: GIF (LabelImageFormat GIF, base64 in ShippingLabel.GraphicImage) and ZPL
// (4×6 in stock). The 1Z tracking number is a Code 128 barcode, as on UPS labels, so a scanner
// (zbarimg) reads it from the GIF. The GIF is a real GIF89a: 2-colour palette, LZW-compressed.
import { code128 } from '@retour/documents/barcode';

const WIDTH = 812; // 4 in at 203 dpi
const HEIGHT = 1218; // 6 in at 203 dpi

/** LZW-compresses 1-bit pixels the way GIF wants it (minimum code size 2), in 255-byte sub-blocks. */
function lzw(pixels: Uint8Array): Buffer {
  const minCodeSize = 2;
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const out: number[] = [];
  let bitBuffer = 0;
  let bitCount = 0;
  let codeSize = minCodeSize + 1;
  const emit = (code: number) => {
    bitBuffer |= code << bitCount;
    bitCount += codeSize;
    while (bitCount >= 8) {
      out.push(bitBuffer & 0xff);
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
  };
  let table = new Map<number, number>();
  let next = eoi + 1;
  emit(clear);
  let current = pixels[0] as number;
  for (let i = 1; i < pixels.length; i++) {
    const k = pixels[i] as number;
    const key = (current << 8) | k;
    const found = table.get(key);
    if (found !== undefined) {
      current = found;
      continue;
    }
    emit(current);
    if (next === 4096) {
      emit(clear);
      table = new Map();
      next = eoi + 1;
      codeSize = minCodeSize + 1;
    } else {
      if (next >= 1 << codeSize) codeSize++;
      table.set(key, next++);
    }
    current = k;
  }
  emit(current);
  emit(eoi);
  if (bitCount > 0) out.push(bitBuffer & 0xff);
  const blocks: number[] = [minCodeSize];
  for (let i = 0; i < out.length; i += 255) {
    const chunk = out.slice(i, i + 255);
    blocks.push(chunk.length, ...chunk);
  }
  blocks.push(0);
  return Buffer.from(blocks);
}

/** A 2-colour GIF89a of the bitmap (0 = white, 1 = black). */
export function encodeGif(width: number, height: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.write('GIF89a', 0, 'ascii');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  header[10] = 0x80; // global colour table, 2 entries
  const palette = Buffer.from([0xff, 0xff, 0xff, 0x00, 0x00, 0x00]);
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(width, 5);
  descriptor.writeUInt16LE(height, 7);
  return Buffer.concat([header, palette, descriptor, lzw(pixels), Buffer.from([0x3b])]);
}

/** A 4×6 in GIF label at 203 dpi: a frame, a thick band like UPS's, and the 1Z number as Code 128. */
export function gifLabel(trackingNumber: string): Buffer {
  const pixels = new Uint8Array(WIDTH * HEIGHT);
  const fill = (x0: number, y0: number, w: number, h: number) => {
    for (let y = y0; y < y0 + h; y++) pixels.fill(1, y * WIDTH + x0, y * WIDTH + x0 + w);
  };
  fill(20, 20, WIDTH - 40, 4);
  fill(20, HEIGHT - 24, WIDTH - 40, 4);
  fill(20, 300, WIDTH - 40, 24);
  const symbol = code128(trackingNumber);
  const module = Math.max(2, Math.floor((WIDTH - 80) / (symbol.modules + 20)));
  let x = Math.floor((WIDTH - symbol.modules * module) / 2);
  symbol.widths.forEach((width, index) => {
    if (index % 2 === 0) fill(x, 420, width * module, 260);
    x += width * module;
  });
  return encodeGif(WIDTH, HEIGHT, pixels);
}

/** The same label as ZPL II: the 1Z number as a Code 128 field (^BC). */
export function zplLabel(trackingNumber: string, shipFrom: string, shipTo: string): string {
  const safe = (text: string) => text.replace(/[\^~]/g, ' ');
  return [
    '^XA',
    '^PW812^LL1218',
    `^FO40,40^A0N,30,30^FDSHIP FROM: ${safe(shipFrom)}^FS`,
    `^FO40,200^A0N,40,40^FDSHIP TO: ${safe(shipTo)}^FS`,
    '^FO20,300^GB772,24,24^FS',
    `^FO40,360^A0N,36,36^FDUPS TRACKING #: ${trackingNumber}^FS`,
    `^FO60,420^BY3^BCN,260,N,N,N^FD${trackingNumber}^FS`,
    '^XZ',
    '',
  ].join('\n');
}
