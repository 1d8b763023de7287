// One behavioural table for every ObjectStorage: the local folder and an S3 bucket (the fake S3
// server, which checks each request's signature) must answer the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStorage } from '../src/storage/local.ts';
import type { ObjectStorage } from '../src/storage/port.ts';
import { s3Storage } from '../src/storage/s3.ts';
import { type FakeS3, startFakeS3 } from './support/fake-s3.ts';

const CREDENTIALS = { accessKeyId: 'AKIDRETOURTEST', secretAccessKey: 'retour-test-secret/with+chars' };
let fake: FakeS3;
let dir: string;
beforeAll(async () => {
  fake = await startFakeS3({ ...CREDENTIALS, region: 'eu-central-1', buckets: ['photos'] });
  dir = mkdtempSync(join(tmpdir(), 'retour-storage-contract-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const implementations: [string, () => ObjectStorage][] = [
  ['local', () => localStorage(dir)],
  [
    's3',
    () =>
      s3Storage({
        ...CREDENTIALS,
        bucket: 'photos',
        region: 'eu-central-1',
        endpoint: fake.url,
        forcePathStyle: true,
        prefix: '',
        retryBaseMs: 1,
      }),
  ],
];

const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
let n = 0;
const freshKey = (name: string) => `m_${++n}/photos/${name}`;

describe.each(implementations)('object storage: %s', (_kind, make) => {
  it.each([
    ['a JPEG', 'a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg'],
    ['every byte value', 'bytes.bin', everyByte, 'application/octet-stream'],
    ['an empty object', 'empty.txt', Buffer.alloc(0), 'text/plain'],
    ['a larger object (1 MiB)', 'big.webp', Buffer.alloc(1 << 20, 7), 'image/webp'],
  ])('puts and gets back %s with its content type', async (_what, name, data, type) => {
    const store = make();
    const key = freshKey(name);
    await store.put(key, data, type);
    const got = await store.get(key);
    expect(got?.contentType).toBe(type);
    expect(got?.data.equals(data)).toBe(true);
  });

  it('answers null for a key never written', async () => {
    expect(await make().get(freshKey('none.jpg'))).toBeNull();
  });

  it('overwrites an object, content type included', async () => {
    const store = make();
    const key = freshKey('a.jpg');
    await store.put(key, Buffer.from('first'), 'image/jpeg');
    await store.put(key, Buffer.from('second'), 'image/png');
    expect(await store.get(key)).toEqual({ data: Buffer.from('second'), contentType: 'image/png' });
  });

  it('deletes an object; deleting it again, or a key never written, is fine', async () => {
    const store = make();
    const key = freshKey('gone.jpg');
    const other = freshKey('stays.jpg');
    await store.put(key, Buffer.from('x'), 'image/jpeg');
    await store.put(other, Buffer.from('y'), 'image/jpeg');
    await store.delete(key);
    await store.delete(key);
    await store.delete(freshKey('never.jpg'));
    expect(await store.get(key)).toBeNull();
    expect((await store.get(other))?.data.toString()).toBe('y');
  });

  it.each(['../escape', '/abs', 'a/../b', 'a b'])('refuses the key %j before doing anything', async (key) => {
    const store = make();
    await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/Invalid storage key/);
    await expect(store.get(key)).rejects.toThrow(/Invalid storage key/);
    await expect(store.delete(key)).rejects.toThrow(/Invalid storage key/);
  });

  it('stops at once on an aborted signal and writes nothing', async () => {
    const store = make();
    const key = freshKey('aborted.jpg');
    const signal = AbortSignal.abort();
    await expect(store.put(key, Buffer.from('x'), 'image/jpeg', signal)).rejects.toThrow(/abort/i);
    await expect(store.get(key, signal)).rejects.toThrow(/abort/i);
    expect(await store.get(key)).toBeNull();
  });

  it('passes its readiness check', async () => {
    await expect(make().check?.()).resolves.toBeUndefined();
  });
});
