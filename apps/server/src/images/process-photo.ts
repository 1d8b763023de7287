// Shoppers' photos: decoded by their content (domain/photos.ts sniffPhotoType, never the file name
// or declared type), turned upright, scaled to at most PHOTO_MAX_SIDE on the longest side and
// written anew as JPEG, which leaves every metadata block behind (EXIF with GPS, XMP, ICC comments).
// sharp (libvips) decodes JPEG, PNG and WebP; its prebuilt libvips has no HEVC decoder, so HEIC is
// decoded by heic-decode (libheif compiled to wasm, in a worker thread) into pixels first. Both libraries are loaded on
// the first upload only (the server's memory stays small until someone sends a photo).
import { PHOTO_MAX_SIDE, type PhotoType, sniffPhotoType } from '@retour/domain/photos';

export type ProcessedPhoto = { data: Buffer; contentType: 'image/jpeg'; width: number; height: number; sourceType: PhotoType };

/** Why a file was refused: not an image of an accepted type, or one that does not decode. */
export class UnsupportedImage extends Error {}

/** Refuses images with more pixels than this before decoding (a 48-megapixel phone photo passes). */
const MAX_INPUT_PIXELS = 100_000_000;
const JPEG_QUALITY = 82;

type Sharp = typeof import('sharp')['default'];
let sharpModule: Promise<Sharp> | undefined;
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => {
    const sharp = m.default;
    // One photo at a time per process, nothing kept between photos: little memory on small servers.
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return sharpModule;
}

/**
 * heic-decode runs libheif as WebAssembly on the thread that calls it, for seconds on a phone's
 * photo: it runs in a worker thread of its own, so the server keeps answering meanwhile, and the
 * worker's memory (the wasm heap) is given back when it ends.
 */
const HEIC_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.module);
decode({ buffer: workerData.data }).then(
  (image) => parentPort.postMessage({ width: image.width, height: image.height, data: image.data }, [image.data.buffer]),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);`;

async function decodeHeic(data: Buffer): Promise<{ width: number; height: number; pixels: Buffer }> {
  const [{ Worker }, { createRequire }] = await Promise.all([import('node:worker_threads'), import('node:module')]);
  const module = createRequire(import.meta.url).resolve('heic-decode');
  const result = await new Promise<{ width: number; height: number; data: Uint8ClampedArray } | { error: string }>((resolve, reject) => {
    const worker = new Worker(HEIC_WORKER, { eval: true, workerData: { module, data } });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The HEIC decoder stopped (exit code ${code}).`)));
  });
  if ('error' in result) throw new UnsupportedImage(`The HEIC image could not be decoded: ${result.error}`);
  if (result.width * result.height > MAX_INPUT_PIXELS) throw new UnsupportedImage('The HEIC image has too many pixels.');
  return {
    width: result.width,
    height: result.height,
    pixels: Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength),
  };
}

/** The stored form of an uploaded photo; throws UnsupportedImage for anything else than a decodable JPEG, PNG, WebP or HEIC. */
export async function processPhoto(data: Buffer): Promise<ProcessedPhoto> {
  const sourceType = sniffPhotoType(data);
  if (!sourceType) throw new UnsupportedImage('The file is not a JPEG, PNG, WebP or HEIC image.');
  const sharp = await loadSharp();
  let pipeline: import('sharp').Sharp;
  if (sourceType === 'image/heic') {
    // libheif applies the HEIF rotation and mirroring itself: the pixels are upright already.
    const { width, height, pixels } = await decodeHeic(data);
    pipeline = sharp(pixels, { raw: { width, height, channels: 4 } });
  } else {
    pipeline = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  }
  try {
    const { data: out, info } = await pipeline
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { data: out, contentType: 'image/jpeg', width: info.width, height: info.height, sourceType };
  } catch (e) {
    throw new UnsupportedImage(`The image could not be decoded: ${(e as Error).message}`);
  }
}
