// A fake S3-compatible object store on 127.0.0.1 that enforces Amazon S3's published REST API:
// - Authentication: AWS Signature Version 4 in the Authorization header, recomputed here from
//   the request independently of any client library, after "Signature Calculations for the
//   Authorization Header: Transferring Payload in a Single Chunk"
//   (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): canonical request
//   (method, URI-encoded path not normalised, sorted query, lower-cased trimmed signed headers,
//   SignedHeaders, hashed payload), string to sign `AWS4-HMAC-SHA256\n<x-amz-date>\n<scope>\n<hex sha256>`,
//   signing key HMAC chain `AWS4<secret>` → date → region → `s3` → `aws4_request`. `host` and
//   every `x-amz-*` header must be signed; `x-amz-content-sha256` is required and is
//   `UNSIGNED-PAYLOAD` or the hex SHA-256 of the body, which is checked. Its own
//   `expectedSignature()` reproduces the page's GET Object and PUT Object examples (see the test).
// - Permissions: a key without s3:ListBucket gets 403 AccessDenied for a missing key (API_GetObject.html).
// - Operations: PutObject (docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html: 200, ETag,
//   Content-Length required, Content-Type kept, default binary/octet-stream), GetObject
//   (API_GetObject.html: 200 with Content-Type, Content-Length, ETag, Last-Modified), DeleteObject
//   (API_DeleteObject.html: 204 whether or not the key exists), HeadBucket (API_HeadBucket.html: 200 /
//   404 / 403 without a body).
// - Errors: XML `<Error><Code/><Message/><Resource/><RequestId/></Error>` with Content-Type
//   application/xml (docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html): NoSuchKey 404,
//   NoSuchBucket 404, SignatureDoesNotMatch 403, InvalidAccessKeyId 403, RequestTimeTooSkewed 403
//   (over 15 minutes), AccessDenied 403, AuthorizationHeaderMalformed 400 (with <Region>),
//   XAmzContentSHA256Mismatch 400, MissingContentLength 411, SlowDown 503 (injected).
// - Addressing: path-style `http://127.0.0.1:<port>/<bucket>/<key>` and virtual-hosted-style
//   `Host: <bucket>.localhost:<port>` (the test's transport connects to 127.0.0.1 for that name).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Options {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  buckets: string[];
  /**
   * Whether the key has s3:ListBucket. Without it S3 answers 403 AccessDenied, not 404 NoSuchKey, for
   * a key that does not exist (API_GetObject.html "Permissions"), and HeadBucket is refused.
   */
  canListBucket?: boolean;
}

interface Stored {
  data: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface SeenRequest {
  method: string;
  bucket: string;
  key: string;
  style: 'path' | 'virtual';
  contentSha256: string | undefined;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** AWS UriEncode: every byte but A-Z a-z 0-9 - . _ ~ as %XY (upper case). */
export function uriEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export interface CanonicalInput {
  method: string;
  /** The path as sent (percent-encoded), without the query. */
  rawPath: string;
  /** The query as sent, without `?`. */
  rawQuery: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest(r: CanonicalInput): string {
  const path = r.rawPath
    .split('/')
    .map((s) => uriEncode(decodeURIComponent(s)))
    .join('/');
  const query = r.rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split(/=(.*)/s);
      return [uriEncode(decodeURIComponent(k)), uriEncode(decodeURIComponent(v))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = r.signedHeaders.map((h) => `${h}:${(r.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [r.method, path, query, headers, r.signedHeaders.join(';'), r.payloadHash].join('\n');
}

/** The signature S3 expects for a canonical request (sig-v4-header-based-auth.html). */
export function expectedSignature(canonical: string, amzDate: string, region: string, secretAccessKey: string): string {
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [day, region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

class S3Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly extra: Record<string, string>;
  constructor(status: number, code: string, message: string, extra: Record<string, string> = {}) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.extra = extra;
  }
}

function amzDateMs(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

export async function startFakeS3(options: FakeS3Options) {
  const objects = new Map<string, Stored>();
  const seen: SeenRequest[] = [];
  const failures: { status: number; code: string; retryAfter?: string }[] = [];
  const holds: (() => void)[] = [];

  function authenticate(req: IncomingMessage, rawPath: string, rawQuery: string, body: Buffer): void {
    const auth = req.headers.authorization;
    if (!auth) throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
    const [, accessKeyId, day, region, signedList, signature] = m as unknown as string[];
    if (accessKeyId !== options.accessKeyId)
      throw new S3Refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: accessKeyId!,
      });
    if (region !== options.region)
      throw new S3Refusal(
        400,
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${region}' is wrong; expecting '${options.region}'`,
        { Region: options.region },
      );
    const amzDate = req.headers['x-amz-date'];
    const at = typeof amzDate === 'string' ? amzDateMs(amzDate) : null;
    if (typeof amzDate !== 'string' || at === null)
      throw new S3Refusal(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    if (amzDate.slice(0, 8) !== day)
      throw new S3Refusal(
        400,
        'AuthorizationHeaderMalformed',
        `Invalid credential date "${day}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
      );
    if (Math.abs(Date.now() - at) > MAX_SKEW_MS)
      throw new S3Refusal(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: amzDate,
        ServerTime: new Date().toISOString(),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
      });
    const payloadHash = req.headers['x-amz-content-sha256'];
    if (typeof payloadHash !== 'string')
      throw new S3Refusal(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    if (payloadHash !== 'UNSIGNED-PAYLOAD') {
      if (!/^[0-9a-f]{64}$/.test(payloadHash))
        throw new S3Refusal(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.');
      if (payloadHash !== hex(body))
        throw new S3Refusal(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          {
            ClientComputedContentSHA256: payloadHash,
            S3ComputedContentSHA256: hex(body),
          },
        );
    }
    const signed = signedList!.split(';');
    const unsigned = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') && !signed.includes(h));
    if (!signed.includes('host') || unsigned.length > 0)
      throw new S3Refusal(
        403,
        'AccessDenied',
        `There were headers present in the request which were not signed: ${unsigned.join(', ') || 'host'}`,
      );
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const canonical = canonicalRequest({ method: req.method ?? '', rawPath, rawQuery, headers, signedHeaders: signed, payloadHash });
    const expected = expectedSignature(canonical, amzDate, options.region, options.secretAccessKey);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)))
      throw new S3Refusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        {
          AWSAccessKeyId: accessKeyId!,
          CanonicalRequest: canonical,
        },
      );
  }

  function refuse(req: IncomingMessage, res: ServerResponse, e: S3Refusal, resource: string): void {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    if (req.method === 'HEAD') {
      res.writeHead(e.status, { 'x-amz-request-id': requestId, ...(e.extra.Region ? { 'x-amz-bucket-region': e.extra.Region } : {}) });
      res.end();
      return;
    }
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const extra = Object.entries(e.extra).map(([k, v]) => `<${k}>${esc(v)}</${k}>`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${esc(e.message)}</Message>${extra.join('')}<Resource>${esc(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
    res.writeHead(e.status, {
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(xml)),
      'x-amz-request-id': requestId,
    });
    res.end(xml);
  }

  function operate(req: IncomingMessage, res: ServerResponse, bucket: string, key: string, body: Buffer): void {
    if (!options.buckets.includes(bucket))
      throw new S3Refusal(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    const id = `${bucket}/${key}`;
    if (key === '') {
      if (req.method !== 'HEAD') throw new S3Refusal(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      if (options.canListBucket === false) throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
      res.writeHead(200, { 'x-amz-bucket-region': options.region });
      res.end();
      return;
    }
    if (req.method === 'PUT') {
      if (req.headers['content-length'] === undefined)
        throw new S3Refusal(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      objects.set(id, { data: body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', etag, lastModified: new Date() });
      res.writeHead(200, { etag, 'content-length': '0' });
      res.end();
    } else if (req.method === 'GET') {
      const o = objects.get(id);
      if (!o && options.canListBucket === false) throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
      if (!o) throw new S3Refusal(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
      res.writeHead(200, {
        'content-type': o.contentType,
        'content-length': String(o.data.length),
        etag: o.etag,
        'last-modified': o.lastModified.toUTCString(),
        'accept-ranges': 'bytes',
      });
      res.end(o.data);
    } else if (req.method === 'DELETE') {
      objects.delete(id);
      res.writeHead(204);
      res.end();
    } else throw new S3Refusal(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
      const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
      const virtual = hostName.endsWith('.localhost');
      const segments = rawPath.slice(1).split('/');
      const bucket = virtual ? hostName.slice(0, -'.localhost'.length) : decodeURIComponent(segments[0] ?? '');
      const key = (virtual ? segments : segments.slice(1)).map((s) => decodeURIComponent(s)).join('/');
      const resource = `/${bucket}/${key}`;
      seen.push({
        method: req.method ?? '',
        bucket,
        key,
        style: virtual ? 'virtual' : 'path',
        contentSha256: req.headers['x-amz-content-sha256'] as string | undefined,
      });
      const hold = holds.shift();
      if (hold) return hold();
      try {
        const failure = failures.shift();
        if (failure) {
          if (failure.retryAfter) res.setHeader('retry-after', failure.retryAfter);
          throw new S3Refusal(
            failure.status,
            failure.code,
            failure.code === 'SlowDown' ? 'Please reduce your request rate.' : 'We encountered an internal error. Please try again.',
          );
        }
        authenticate(req, rawPath, rawQuery, body);
        operate(req, res, bucket, key, body);
      } catch (e) {
        if (!(e instanceof S3Refusal)) throw e;
        refuse(req, res, e, resource);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    /** Path-style endpoint. */
    url: `http://127.0.0.1:${port}`,
    /** Endpoint for virtual-hosted-style (`<bucket>.localhost`); use `loopbackFetch` to reach it. */
    virtualUrl: `http://localhost:${port}`,
    objects,
    seen,
    /** The next `count` requests are answered with this error before anything else is looked at. */
    failNext(count: number, status: number, code: string, retryAfter?: string) {
      for (let i = 0; i < count; i++) failures.push({ status, code, ...(retryAfter ? { retryAfter } : {}) });
    },
    /** The next request is received and never answered; resolves once it has arrived. */
    holdNext(): Promise<void> {
      return new Promise((resolve) => holds.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeS3 = Awaited<ReturnType<typeof startFakeS3>>;

/**
 * A fetch for the tests that reaches `<bucket>.localhost:<port>` on 127.0.0.1 (this machine's
 * resolver does not know such names, and fetch does not let a caller choose the Host header):
 * the connection goes to 127.0.0.1 and the Host header stays the URL's, as DNS would make it.
 */
export const loopbackFetch: typeof globalThis.fetch = (input, init = {}) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== 'localhost' && !url.hostname.endsWith('.localhost'))
      throw new Error(`loopbackFetch only reaches *.localhost (got ${url.hostname})`);
    const body = init.body ? Buffer.from(init.body as Uint8Array) : null;
    const headers: Record<string, string> = { ...Object.fromEntries(new Headers(init.headers)), host: url.host };
    if (body) headers['content-length'] = String(body.length);
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'GET',
        headers,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const noBody = status === 204 || status === 304 || init.method === 'HEAD';
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
