// Objects in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Scaleway, Hetzner, OVH…), for
// installs whose instances must share the files. PutObject, GetObject and DeleteObject over HTTP(S)
// signed with AWS Signature Version 4 (aws4fetch's signer; payload hash signed), path-style
// (`endpoint/bucket/key`) or virtual-hosted-style (`bucket.endpoint/key`) addressing.
// Each try has a timeout; 5xx, SlowDown and dropped connections are tried again with jittered
// exponential backoff (Retry-After honoured); the caller's AbortSignal stops everything at once.
// References: docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html, API_GetObject.html,
// API_DeleteObject.html, sig-v4-header-based-auth.html, ErrorResponses.html.
import { createHash } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';
import { parseRetryAfterMs } from '../retry-after.ts';
import { checkStorageKey, type ObjectStorage, type StoredObject } from './port.ts';
import { describeS3Error, isRetryable, parseS3Error, StorageError } from './s3-errors.ts';

export interface S3StorageOptions {
  bucket: string;
  /** Signing region (`us-east-1`, `eu-central-1`, `auto` for R2…). */
  region: string;
  /** Origin of a non-AWS service, e.g. `https://s3.fr-par.scw.cloud`; null = `https://s3.<region>.amazonaws.com`. */
  endpoint: string | null;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`. */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Put before every key, e.g. `retour/` (empty: none). */
  prefix: string;
  /** Time allowed to each try (default 15 s). */
  timeoutMs?: number;
  /** Tries after the first one for an answer worth trying again (default 3). */
  retries?: number;
  /** First backoff step (default 200 ms; doubles each try, capped at 5 s, full jitter). */
  retryBaseMs?: number;
  /** For tests: the transport and the clock used to sign. */
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const MAX_BACKOFF_MS = 5_000;

/** RFC 3986 encoding of each segment, as S3's canonical URI wants it (slashes kept). */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function s3Storage(
  options: S3StorageOptions,
): ObjectStorage & { objectUrl(key: string): string; check(signal?: AbortSignal): Promise<void> } {
  const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
  const base = endpoint.pathname.replace(/\/+$/, '');
  // HeadBucket's address; objects are below it.
  const bucketRoot = options.forcePathStyle
    ? `${endpoint.protocol}//${endpoint.host}${base}/${encodeURIComponent(options.bucket)}`
    : `${endpoint.protocol}//${options.bucket}.${endpoint.host}${base}/`;
  const bucketUrl = bucketRoot.endsWith('/') ? bucketRoot : `${bucketRoot}/`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 200;
  const objectUrl = (key: string) => `${bucketUrl}${encodeKey(options.prefix + checkStorageKey(key))}`;

  /** One signed try; a failure that deserves another try comes back as `retry`. */
  async function attempt(
    method: string,
    url: string,
    body: Buffer | null,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; bytes: Buffer } | { retry: StorageError; afterMs: number | null }> {
    const signer = new AwsV4Signer({
      method,
      url,
      headers,
      body: body ?? undefined,
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.region,
      datetime: now()
        .toISOString()
        .replace(/[:-]|\.\d{3}/g, ''),
    });
    const signed = await signer.sign();
    const timeout = AbortSignal.timeout(timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await doFetch(signed.url, {
        method,
        headers: signed.headers,
        body: body ?? undefined,
        signal: both,
        redirect: 'manual',
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const parsed = response.status >= 300 ? parseS3Error(bytes.toString('utf8')) : null;
      if (parsed && isRetryable(response.status, parsed.code)) {
        return {
          retry: describeS3Error(response.status, parsed, options.bucket),
          afterMs: parseRetryAfterMs(response.headers.get('retry-after'), Date.now()),
        };
      }
      return { response, bytes };
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        return {
          retry: new StorageError(
            `S3 storage: no answer from ${endpoint.host} within ${timeoutMs} ms; check S3_ENDPOINT and the network.`,
            'Timeout',
            null,
          ),
          afterMs: null,
        };
      }
      const cause = (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      return {
        retry: new StorageError(
          `S3 storage: cannot reach ${endpoint.host} (${cause}); check S3_ENDPOINT, S3_REGION and the network.`,
          'NetworkError',
          null,
        ),
        afterMs: null,
      };
    }
  }

  async function send(method: string, url: string, body: Buffer | null, headers: Record<string, string>, signal?: AbortSignal) {
    signal?.throwIfAborted();
    // The payload's SHA-256 is signed (S3 checks it: a corrupted upload is refused).
    const payloadHash = body ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256;
    const signedHeaders = { ...headers, 'x-amz-content-sha256': payloadHash };
    for (let i = 0; ; i++) {
      const result = await attempt(method, url, body, signedHeaders, signal);
      if ('response' in result) return result;
      if (i >= retries) throw result.retry;
      const backoff = Math.random() * Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** i);
      await sleep(Math.min(MAX_BACKOFF_MS, Math.max(backoff, result.afterMs ?? 0)), signal);
    }
  }

  const refusal = (response: Response, bytes: Buffer) => {
    const body = parseS3Error(bytes.toString('utf8'));
    return describeS3Error(
      response.status,
      { ...body, region: body.region ?? response.headers.get('x-amz-bucket-region') },
      options.bucket,
    );
  };

  return {
    kind: 's3',
    objectUrl,
    async put(key, data, contentType, signal) {
      const { response, bytes } = await send('PUT', objectUrl(key), data, { 'content-type': contentType }, signal);
      if (response.status !== 200) throw refusal(response, bytes);
    },
    async get(key, signal): Promise<StoredObject | null> {
      const { response, bytes } = await send('GET', objectUrl(key), null, {}, signal);
      if (response.status === 200) return { data: bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
      if (response.status === 404 && parseS3Error(bytes.toString('utf8')).code === 'NoSuchKey') return null;
      throw refusal(response, bytes);
    },
    async delete(key, signal) {
      const { response, bytes } = await send('DELETE', objectUrl(key), null, {}, signal);
      // S3 answers 204 whether or not the key existed; some compatible services say 404 NoSuchKey.
      if (response.status === 204 || response.status === 200) return;
      if (response.status === 404 && parseS3Error(bytes.toString('utf8')).code === 'NoSuchKey') return;
      throw refusal(response, bytes);
    },
    /** HeadBucket: the bucket exists and the key may use it (readiness). */
    async check(signal) {
      const { response, bytes } = await send('HEAD', bucketRoot, null, {}, signal);
      if (response.status !== 200) throw refusal(response, bytes);
    },
  };
}
