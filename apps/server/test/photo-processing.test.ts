// Photo processing with real files: JPEG, PNG and WebP made here by sharp with EXIF (camera, GPS)
// and an orientation tag; HEIC from the committed fixture (64×48, made with libheif's heif-enc from
// a JPEG with EXIF incl. GPS and "TestCam"). The stored photo is a JPEG without any EXIF, upright,
// at most 2048 px on its longest side.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processPhoto, UnsupportedImage } from '../src/images/process-photo.ts';

const exif = {
  IFD0: { Make: 'TestCam', Copyright: 'Shopper home' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
};

async function sample(format: 'jpeg' | 'png' | 'webp', width: number, height: number, orientation?: number): Promise<Buffer> {
  let img = sharp({ create: { width, height, channels: 3, background: '#cc3366' } })
    .composite([
      {
        input: { create: { width: Math.max(1, width >> 2), height: Math.max(1, height >> 2), channels: 3, background: '#00ff00' } },
        left: 0,
        top: 0,
      },
    ])
    .withExif(exif);
  if (orientation) img = img.withMetadata({ orientation });
  return img.toFormat(format).toBuffer();
}

describe('processPhoto', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('%s with EXIF and GPS: stored as a JPEG without them', async (format) => {
    const input = await sample(format, 300, 200);
    const before = await sharp(input).metadata();
    expect(before.exif?.length ?? 0).toBeGreaterThan(0);
    const out = await processPhoto(input);
    expect(out.contentType).toBe('image/jpeg');
    expect(out.sourceType).toBe(`image/${format}`);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(out.data.includes('TestCam')).toBe(false);
    expect([out.width, out.height]).toEqual([300, 200]);
  });

  it('scales a large photo down to 2048 px on its longest side', async () => {
    const out = await processPhoto(await sample('jpeg', 4000, 1000));
    expect([out.width, out.height]).toEqual([2048, 512]);
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 512]);
  });

  it('turns a photo upright by its orientation tag (6: rotate 90°) and drops the tag', async () => {
    const out = await processPhoto(await sample('jpeg', 400, 100, 6));
    expect([out.width, out.height]).toEqual([100, 400]);
    const meta = await sharp(out.data).metadata();
    expect(meta.orientation).toBeUndefined();
  });

  it('decodes HEIC by its ftyp brand and strips its EXIF', async () => {
    const heic = readFileSync(new URL('./fixtures/photo-exif.heic', import.meta.url));
    expect(heic.includes('TestCam')).toBe(true);
    const out = await processPhoto(heic);
    expect(out.sourceType).toBe('image/heic');
    expect([out.width, out.height]).toEqual([64, 48]);
    expect(out.data.includes('TestCam')).toBe(false);
    expect((await sharp(out.data).metadata()).exif).toBeUndefined();
  });

  it.each([
    [
      'a GIF',
      async () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .gif()
          .toBuffer(),
    ],
    ['a text file named like a photo', async () => Buffer.from('not an image at all, but photo.jpg')],
    ['a JPEG header with garbage after it', async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])],
    [
      'a HEIC header with garbage after it',
      async () =>
        Buffer.concat([readFileSync(new URL('./fixtures/photo-exif.heic', import.meta.url)).subarray(0, 40), Buffer.alloc(100, 1)]),
    ],
  ])('refuses %s', async (_name, make) => {
    await expect(processPhoto(await make())).rejects.toBeInstanceOf(UnsupportedImage);
  });
});
