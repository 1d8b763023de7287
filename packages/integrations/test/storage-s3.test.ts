// The S3 adapter against the fake S3 server (test/support/fake-s3.ts, which checks every
// signature as S3 does): addressing styles, prefix, refusals that name the setting to fix,
// retries of SlowDown / 5xx, timeouts and aborts.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type S3StorageOptions, s3Storage } from '../src/storage/s3.ts';
import { StorageError } from '../src/storage/s3-errors.ts';
import { type FakeS3, loopbackFetch, startFakeS3 } from './support/fake-s3.ts';

const SECRET = 'retour-s3-secret-do-not-log';
let fake: FakeS3;
beforeAll(async () => {
  fake = await startFakeS3({ accessKeyId: 'AKIDRETOUR', secretAccessKey: SECRET, region: 'eu-west-3', buckets: ['photos', 'other'] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.seen.length = 0;
});

const store = (over: Partial<S3StorageOptions> = {}) =>
  s3Storage({
    bucket: 'photos',
    region: 'eu-west-3',
    endpoint: fake.url,
    forcePathStyle: true,
    accessKeyId: 'AKIDRETOUR',
    secretAccessKey: SECRET,
    prefix: '',
    retryBaseMs: 1,
    ...over,
  });

async function refusal(work: Promise<unknown>): Promise<StorageError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as Error).message).not.toContain(SECRET);
  return error as StorageError;
}

describe('S3 storage: addressing', () => {
  it('path-style: endpoint/bucket/key, under the prefix, with the payload hash signed', async () => {
    const s = store({ prefix: 'retour/eu/' });
    await s.put('m_1/photos/a.jpg', Buffer.from('jpeg'), 'image/jpeg');
    expect(fake.objects.get('photos/retour/eu/m_1/photos/a.jpg')?.data.toString()).toBe('jpeg');
    expect(fake.seen[0]).toMatchObject({
      method: 'PUT',
      style: 'path',
      bucket: 'photos',
      contentSha256: createHash('sha256').update('jpeg').digest('hex'),
    });
    expect(s.objectUrl('m_1/photos/a.jpg')).toBe(`${fake.url}/photos/retour/eu/m_1/photos/a.jpg`);
  });

  it('virtual-hosted-style: bucket.endpoint/key', async () => {
    const s = store({ endpoint: fake.virtualUrl, forcePathStyle: false, fetch: loopbackFetch });
    expect(s.objectUrl('m_2/a.png')).toBe(`http://photos.localhost:${fake.port}/m_2/a.png`);
    await s.put('m_2/a.png', Buffer.from('png'), 'image/png');
    expect(await s.get('m_2/a.png')).toEqual({ data: Buffer.from('png'), contentType: 'image/png' });
    await s.delete('m_2/a.png');
    expect(await s.get('m_2/a.png')).toBeNull();
    await s.check();
    expect(fake.seen.map((r) => `${r.method} ${r.style} ${r.bucket}`)).toEqual([
      'PUT virtual photos',
      'GET virtual photos',
      'DELETE virtual photos',
      'GET virtual photos',
      'HEAD virtual photos',
    ]);
  });

  it('AWS itself by default: https://<bucket>.s3.<region>.amazonaws.com/<key>', () => {
    expect(store({ endpoint: null, forcePathStyle: false }).objectUrl('m_1/a.jpg')).toBe(
      'https://photos.s3.eu-west-3.amazonaws.com/m_1/a.jpg',
    );
    expect(store({ endpoint: null }).objectUrl('m_1/a.jpg')).toBe('https://s3.eu-west-3.amazonaws.com/photos/m_1/a.jpg');
  });
});

describe('S3 storage: refusals name the setting to fix, never the secret', () => {
  it.each([
    ['a wrong secret', { secretAccessKey: 'wrong' }, 'SignatureDoesNotMatch', /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    ['an unknown key id', { accessKeyId: 'AKIDNOBODY' }, 'InvalidAccessKeyId', /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
    ['a bucket that does not exist', { bucket: 'nope' }, 'NoSuchBucket', /no bucket "nope".*S3_BUCKET/],
    ['the wrong region', { region: 'us-east-1' }, 'AuthorizationHeaderMalformed', /S3_REGION=eu-west-3/],
    ['a clock 20 minutes fast', { now: () => new Date(Date.now() + 20 * 60_000) }, 'RequestTimeTooSkewed', /clock.*synchronise/],
  ] as const)('%s', async (_what, over, code, message) => {
    const s = store(over);
    for (const work of [() => s.put('m_1/x.jpg', Buffer.from('x'), 'image/jpeg'), () => s.get('m_1/x.jpg'), () => s.delete('m_1/x.jpg')]) {
      const error = await refusal(work());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(fake.seen).toHaveLength(3); // refusals of a setting are not tried again
  });

  it('a key without s3:ListBucket: a missing photo is "access denied", and the message says to grant it', async () => {
    const limited = await startFakeS3({
      accessKeyId: 'AKIDLIMITED',
      secretAccessKey: SECRET,
      region: 'eu-west-3',
      buckets: ['photos'],
      canListBucket: false,
    });
    try {
      const s = store({ endpoint: limited.url, accessKeyId: 'AKIDLIMITED' });
      await s.put('m_1/a.jpg', Buffer.from('x'), 'image/jpeg');
      expect((await s.get('m_1/a.jpg'))?.data.toString()).toBe('x');
      for (const work of [() => s.get('m_1/missing.jpg'), () => s.check()]) {
        const error = await refusal(work());
        expect(error.status).toBe(403);
        expect(error.message).toMatch(/s3:ListBucket on S3_BUCKET/);
      }
    } finally {
      await limited.close();
    }
  });

  it('the readiness check (HeadBucket) tells a missing bucket from refused credentials', async () => {
    await expect(store().check()).resolves.toBeUndefined();
    expect((await refusal(store({ bucket: 'nope' }).check())).message).toMatch(/S3_BUCKET/);
    expect((await refusal(store({ secretAccessKey: 'wrong' }).check())).message).toMatch(/S3_ACCESS_KEY_ID/);
    expect((await refusal(store({ region: 'us-east-1' }).check())).message).toMatch(/S3_REGION=eu-west-3/);
  });
});

describe('S3 storage: retries, timeouts and aborts', () => {
  it('tries again after 503 SlowDown and 500 InternalError, then succeeds', async () => {
    fake.failNext(1, 503, 'SlowDown', '0');
    fake.failNext(1, 500, 'InternalError');
    await store().put('m_3/a.jpg', Buffer.from('after'), 'image/jpeg');
    expect(fake.seen.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT']);
    expect((await store().get('m_3/a.jpg'))?.data.toString()).toBe('after');
  });

  it('gives up after the allowed tries with the last refusal', async () => {
    fake.failNext(3, 503, 'SlowDown');
    const error = await refusal(store({ retries: 2 }).get('m_3/a.jpg'));
    expect(error).toMatchObject({ code: 'SlowDown', status: 503 });
    expect(error.message).toMatch(/slow down/);
    expect(fake.seen).toHaveLength(3);
  });

  it('a try that gets no answer times out, and is tried again', async () => {
    const arrived = fake.holdNext();
    const work = store({ timeoutMs: 1000 }).put('m_4/a.jpg', Buffer.from('late'), 'image/jpeg');
    await arrived;
    await work;
    expect(fake.seen.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(fake.objects.get('photos/m_4/a.jpg')?.data.toString()).toBe('late');
    void fake.holdNext();
    const error = await refusal(store({ timeoutMs: 1000, retries: 0 }).get('m_4/a.jpg'));
    expect(error.code).toBe('Timeout');
    expect(error.message).toMatch(/S3_ENDPOINT/);
  });

  it("the caller's abort stops a request in flight, without another try", async () => {
    const arrived = fake.holdNext();
    const controller = new AbortController();
    const work = store().put('m_5/a.jpg', Buffer.from('x'), 'image/jpeg', controller.signal);
    await arrived;
    controller.abort();
    await expect(work).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.seen).toHaveLength(1);
    expect(fake.objects.has('photos/m_5/a.jpg')).toBe(false);
  });

  it('an endpoint nobody listens on: a network error naming S3_ENDPOINT', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const error = await refusal(store({ endpoint: `http://127.0.0.1:${port}`, retries: 1 }).get('m_6/a.jpg'));
    expect(error.code).toBe('NetworkError');
    expect(error.message).toMatch(/ECONNREFUSED.*S3_ENDPOINT/);
  });
});
