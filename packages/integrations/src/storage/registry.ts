// Picks the object storage the configuration asks for (apps/server/src/config.ts: RETOUR_STORAGE).
import { localStorage } from './local.ts';
import type { ObjectStorage } from './port.ts';

export type StorageConfig = { kind: 'local'; dir: string };

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  return localStorage(config.dir);
}
