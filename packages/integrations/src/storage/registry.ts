// Picks the object storage the configuration asks for (apps/server/src/config.ts: RETOUR_STORAGE).
import { localStorage } from './local.ts';
import type { ObjectStorage } from './port.ts';
import { s3Storage } from './s3.ts';

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** null = AWS (`https://s3.<region>.amazonaws.com`). */
      endpoint: string | null;
      forcePathStyle: boolean;
      accessKeyId: string;
      /** A secret: never logged, never shown. */
      secretAccessKey: string;
      /** `''` or segments ending in `/`, put before every key. */
      prefix: string;
    };

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  return config.kind === 's3' ? s3Storage(config) : localStorage(config.dir);
}
