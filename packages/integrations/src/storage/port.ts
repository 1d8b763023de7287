// Where files of shoppers live (photos of returned items): a port with a local-disk default
// (local.ts) and S3-compatible storage for installs with several instances (s3.ts), chosen by
// configuration in registry.ts. Keys are chosen by Retour, never by a user.
export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface ObjectStorage {
  /** `local` or `s3`: shown in logs and the readiness answer. */
  readonly kind: string;
  /** Writes the object whole (a reader never sees half of it); overwrites a key that exists. */
  put(key: string, data: Buffer, contentType: string, signal?: AbortSignal): Promise<void>;
  /** The object, or null when there is none under this key. */
  get(key: string, signal?: AbortSignal): Promise<StoredObject | null>;
  /** Removes the object; a key that does not exist is not an error (deleting twice is fine). */
  delete(key: string, signal?: AbortSignal): Promise<void>;
  /** Throws, saying what to fix, unless objects can be written and read (readiness, start-up checks). */
  check?(signal?: AbortSignal): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Throws unless the key is a relative path of safe segments (no `..`, no leading slash). */
export function checkStorageKey(key: string): string {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`Invalid storage key "${key}".`);
  }
  return key;
}
