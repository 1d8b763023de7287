// Objects as files under one folder (the default; RETOUR_STORAGE_DIR, else <data folder>/files).
// Each object is written to a temporary file and renamed into place, so a reader never sees half
// a file; its content type sits beside it in `<key>.type`.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkStorageKey, type ObjectStorage, type StoredObject } from './port.ts';

export function localStorage(dir: string): ObjectStorage {
  const pathOf = (key: string) => join(dir, checkStorageKey(key));
  return {
    kind: 'local',
    async put(key, data, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(`${tmp}.type`, contentType);
      await writeFile(tmp, data);
      await rename(`${tmp}.type`, `${path}.type`);
      await rename(tmp, path);
    },
    async get(key): Promise<StoredObject | null> {
      const path = pathOf(key);
      try {
        const [data, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8')]);
        return { data, contentType };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
  };
}
