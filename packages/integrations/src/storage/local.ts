// Objects as files under one folder (the default; RETOUR_STORAGE_DIR, else <data folder>/files).
// Each object is written to a temporary file and renamed into place, so a reader never sees half
// a file; its content type sits beside it in `<key>.type`. Only for one machine: instances on
// several machines need a shared storage (s3.ts).
import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkStorageKey, type ObjectStorage, type StoredObject } from './port.ts';

export function localStorage(dir: string): ObjectStorage {
  const pathOf = (key: string) => join(dir, checkStorageKey(key));
  return {
    kind: 'local',
    async put(key, data, contentType, signal) {
      const path = pathOf(key);
      signal?.throwIfAborted();
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(`${tmp}.type`, contentType, { signal });
        await writeFile(tmp, data, { signal });
        signal?.throwIfAborted();
        await rename(`${tmp}.type`, `${path}.type`);
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
        await rm(`${tmp}.type`, { force: true });
      }
    },
    async get(key, signal): Promise<StoredObject | null> {
      const path = pathOf(key);
      try {
        const [data, contentType] = await Promise.all([readFile(path, { signal }), readFile(`${path}.type`, { encoding: 'utf8', signal })]);
        return { data, contentType };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async delete(key, signal) {
      const path = pathOf(key);
      signal?.throwIfAborted();
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
    async check(signal) {
      signal?.throwIfAborted();
      try {
        await mkdir(dir, { recursive: true });
        await access(dir, constants.W_OK | constants.R_OK);
      } catch (e) {
        throw new Error(
          `Local storage: cannot write to ${dir} (${(e as NodeJS.ErrnoException).code}); check RETOUR_STORAGE_DIR and its owner.`,
        );
      }
    },
  };
}
