// The fake S3 server's signature check is only worth something if it is S3's: it must reproduce
// the signatures of AWS's published examples (sig-v4-header-based-auth.html, "Example: GET Object"
// and "Example: PUT Object") and refuse what S3 refuses.
import { createHash } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRequest, expectedSignature, type FakeS3, startFakeS3 } from './support/fake-s3.ts';

const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe("the fake's SigV4 check reproduces AWS's published examples", () => {
  it('GET Object (Range header, empty payload)', () => {
    const canonical = canonicalRequest({
      method: 'GET',
      rawPath: '/test.txt',
      rawQuery: '',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY,
        'x-amz-date': '20130524T000000Z',
      },
      signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
      payloadHash: EMPTY,
    });
    expect(expectedSignature(canonical, '20130524T000000Z', 'us-east-1', DOC_SECRET)).toBe(
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUT Object (a key with "$", a signed payload, x-amz-storage-class)', () => {
    const payload = createHash('sha256').update('Welcome to Amazon S3.').digest('hex');
    expect(payload).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const canonical = canonicalRequest({
      method: 'PUT',
      rawPath: '/test$file.text',
      rawQuery: '',
      headers: {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        host: 'examplebucket.s3.amazonaws.com',
        'x-amz-content-sha256': payload,
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      signedHeaders: ['date', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-storage-class'],
      payloadHash: payload,
    });
    expect(canonical.split('\n')[1]).toBe('/test%24file.text');
    expect(expectedSignature(canonical, '20130524T000000Z', 'us-east-1', DOC_SECRET)).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });
});

describe('the fake S3 server refuses what S3 refuses', () => {
  const creds = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' };
  let fake: FakeS3;
  beforeAll(async () => {
    fake = await startFakeS3({ ...creds, region: 'us-east-1', buckets: ['photos'] });
  });
  afterAll(() => fake.close());

  async function send(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; sign?: Partial<typeof creds> } = {},
  ) {
    const signer = new AwsV4Signer({
      method,
      url: `${fake.url}${path}`,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...creds,
      ...init.sign,
      service: 's3',
      region: 'us-east-1',
    });
    const signed = await signer.sign();
    const res = await fetch(signed.url, { method, headers: signed.headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), etag: res.headers.get('etag') };
  }

  it('accepts UNSIGNED-PAYLOAD and a true payload hash; answers ETag and Content-Type', async () => {
    const put = await send('PUT', '/photos/a.txt', { body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(200);
    expect(put.etag).toBe(`"${createHash('md5').update('hello').digest('hex')}"`);
    const hash = createHash('sha256').update('hello 2').digest('hex');
    expect(
      (await send('PUT', '/photos/a.txt', { body: 'hello 2', headers: { 'x-amz-content-sha256': hash, 'content-type': 'text/plain' } }))
        .status,
    ).toBe(200);
    const got = await send('GET', '/photos/a.txt');
    expect(got).toMatchObject({ status: 200, type: 'text/plain', text: 'hello 2' });
  });

  it.each([
    ['a payload hash of other bytes', 400, 'XAmzContentSHA256Mismatch', { body: 'hello', headers: { 'x-amz-content-sha256': EMPTY } }],
    ['a wrong secret', 403, 'SignatureDoesNotMatch', { body: 'x', sign: { secretAccessKey: 'other' } }],
    ['an unknown access key', 403, 'InvalidAccessKeyId', { body: 'x', sign: { accessKeyId: 'AKIDOTHER' } }],
  ])('PUT with %s: %i %s in an XML error', async (_what, status, code, init) => {
    const res = await send('PUT', '/photos/b.txt', init);
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/xml');
    expect(res.text).toContain(`<Code>${code}</Code>`);
    expect((await send('GET', '/photos/b.txt')).text).toContain('<Code>NoSuchKey</Code>');
  });

  it('refuses an x-amz-* header added after signing, and a request without Authorization', async () => {
    const signer = new AwsV4Signer({ method: 'GET', url: `${fake.url}/photos/a.txt`, ...creds, service: 's3', region: 'us-east-1' });
    const signed = await signer.sign();
    signed.headers.set('x-amz-meta-late', 'yes');
    const late = await fetch(signed.url, { headers: signed.headers });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
    const anonymous = await fetch(`${fake.url}/photos/a.txt`);
    expect(anonymous.status).toBe(403);
  });

  it('signs the path: a request sent to another key than signed is refused', async () => {
    const signer = new AwsV4Signer({ method: 'GET', url: `${fake.url}/photos/a.txt`, ...creds, service: 's3', region: 'us-east-1' });
    const signed = await signer.sign();
    const res = await fetch(`${fake.url}/photos/other.txt`, { headers: signed.headers });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});
