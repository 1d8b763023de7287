// Uploaded images (logos, portal backgrounds), stored as base64 text.
import type { Executor } from '../database.ts';
import type { UploadsTable } from '../schema.ts';

export async function insertUpload(db: Executor, upload: UploadsTable): Promise<void> {
  await db.insertInto('uploads').values(upload).execute();
}

export async function getUpload(db: Executor, merchantId: string, id: string): Promise<UploadsTable | undefined> {
  return db.selectFrom('uploads').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}
