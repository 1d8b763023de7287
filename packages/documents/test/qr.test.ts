import { describe, expect, it } from 'vitest';
import { renderQrPng } from '../src/qr.ts';
import { decodeRaw, decodeTyped, writeTemp } from './scan.ts';

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderQrPng', () => {
  it.each(['https://sandbox-post.example/qr/R-7K3Q9M?token=Zk3uQ9x2', 'R-7K3Q9M', 'Ærøskøbing — Łódź — İstanbul — Straße'])(
    'decodes to the payload: %s',
    async (payload) => {
      const png = await renderQrPng(payload);
      const { width, height } = pngSize(png);
      expect(width).toBeGreaterThanOrEqual(300);
      expect(height).toBe(width);
      const file = writeTemp(png, 'png');
      expect(decodeTyped(file).map((symbol) => symbol.type)).toEqual(['QR-Code']);
      expect(decodeRaw(file)).toEqual([payload]);
    },
  );
});
