// Images for the back office (brand logos, portal backgrounds): at most 2 MB, and the bytes must
// really be the declared PNG, JPEG or WebP. Served publicly at /uploads/{merchantId}/{id}.
import { UPLOAD_MAX_BYTES } from '@retour/contracts/backoffice';
import { newId } from '@retour/db/ids';
import { getUpload, insertUpload } from '@retour/db/repos/uploads';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';

type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** True when the first bytes are the signature of the type. */
export function matchesMagicBytes(type: ImageType, data: Buffer): boolean {
  switch (type) {
    case 'image/png':
      return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    case 'image/webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
  }
}

export async function uploadImage(ctx: Ctx, merchantId: string, input: { contentType: ImageType; dataBase64: string }) {
  const clean = input.dataBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    invalid(['dataBase64'], 'Send the image as standard base64.');
  }
  const data = Buffer.from(clean, 'base64');
  if (data.length > UPLOAD_MAX_BYTES) fail('payload_too_large', 'Images may be at most 2 MB; make it smaller and try again.');
  if (!matchesMagicBytes(input.contentType, data)) {
    invalid(['dataBase64'], `This file is not a ${input.contentType.slice(6).toUpperCase()} image; check the file or the contentType.`);
  }
  const id = newId('upl', ctx.now().getTime());
  await insertUpload(ctx.db, {
    merchantId,
    id,
    contentType: input.contentType,
    data: data.toString('base64'),
    size: data.length,
    createdAt: ctx.now().toISOString(),
  });
  return { id, url: `${ctx.publicUrl.replace(/\/+$/, '')}/uploads/${merchantId}/${id}` };
}

export async function loadUpload(ctx: Ctx, merchantId: string, id: string) {
  const row = await getUpload(ctx.db, merchantId, id);
  if (!row) fail('not_found', 'There is no such upload.');
  return { contentType: row.contentType, data: Buffer.from(row.data, 'base64') };
}
