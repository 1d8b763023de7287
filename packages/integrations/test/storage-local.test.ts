import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localStorage } from '../src/storage/local.ts';
import { checkStorageKey } from '../src/storage/port.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'retour-storage-'));
  dirs.push(d);
  return d;
};

describe('local object storage', () => {
  it('puts, gets, overwrites and deletes an object, leaving no temporary files', async () => {
    const dir = fresh();
    const store = localStorage(dir);
    expect(await store.get('m_1/photos/a.jpg')).toBeNull();
    await store.put('m_1/photos/a.jpg', Buffer.from('first'), 'image/jpeg');
    await store.put('m_1/photos/a.jpg', Buffer.from('second'), 'image/webp');
    const got = await store.get('m_1/photos/a.jpg');
    expect(got?.data.toString()).toBe('second');
    expect(got?.contentType).toBe('image/webp');
    expect(readdirSync(join(dir, 'm_1/photos')).sort()).toEqual(['a.jpg', 'a.jpg.type']);
    await store.delete('m_1/photos/a.jpg');
    await store.delete('m_1/photos/a.jpg');
    expect(await store.get('m_1/photos/a.jpg')).toBeNull();
    expect(readdirSync(join(dir, 'm_1/photos'))).toEqual([]);
  });

  it.each(['../etc/passwd', '/abs', 'a/../b', 'a//b', 'a/./b', '', 'a b', `${'x'.repeat(513)}`])('refuses the key %j', async (key) => {
    expect(() => checkStorageKey(key)).toThrow(/Invalid storage key/);
    await expect(localStorage(fresh()).put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/Invalid storage key/);
  });
});
