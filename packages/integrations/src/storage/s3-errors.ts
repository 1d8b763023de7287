// What an S3-compatible service's refusal means for the person running Retour. S3 answers errors
// as an XML document (<Error><Code/><Message/>…</Error>, docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html);
// each code that a wrong setting causes names the environment variable to fix. The secret key
// never appears: only the code, S3's own message and the bucket.

export class StorageError extends Error {
  /** S3's error code (`NoSuchBucket`, `SlowDown`…), or `Timeout` / `NetworkError` when there was no answer. */
  readonly code: string;
  /** HTTP status, or null when there was no answer. */
  readonly status: number | null;
  constructor(message: string, code: string, status: number | null) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.status = status;
  }
}

export interface S3ErrorBody {
  code: string | null;
  message: string | null;
  /** The region S3 expected (AuthorizationHeaderMalformed, PermanentRedirect answers). */
  region: string | null;
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1]
    ? m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
    : null;
}

export function parseS3Error(xml: string): S3ErrorBody {
  return { code: element(xml, 'Code'), message: element(xml, 'Message'), region: element(xml, 'Region') };
}

/** Codes worth another try (AWS "error best practices": InternalError, SlowDown; plus the 5xx family). */
export function isRetryable(status: number, code: string | null): boolean {
  if (code === 'SlowDown' || code === 'InternalError' || code === 'ServiceUnavailable' || code === 'RequestTimeout') return true;
  return status >= 500 || status === 429;
}

/** A sentence that says what went wrong and which setting to fix. */
export function describeS3Error(status: number, body: S3ErrorBody, bucket: string): StorageError {
  // HEAD answers have no body: the status (and x-amz-bucket-region, read by the caller) must do.
  const code =
    body.code ??
    ({ 301: 'PermanentRedirect', 400: 'AuthorizationHeaderMalformed', 403: 'Forbidden', 404: 'NotFound' } as Record<number, string>)[
      status
    ] ??
    `HTTP${status}`;
  const said = body.message ? ` ("${body.message}")` : '';
  const sentence = ((): string => {
    switch (code) {
      case 'InvalidAccessKeyId':
      case 'SignatureDoesNotMatch':
        return 'the storage service refused the credentials: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (a key pair of this service and account).';
      case 'Forbidden':
      case 'AccessDenied':
        return `the storage service denied access to bucket "${bucket}": check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that this key has s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket's objects and s3:ListBucket on S3_BUCKET (without it S3 answers "access denied" for a photo that does not exist).`;
      case 'NoSuchBucket':
      case 'NotFound':
        return `the storage service has no bucket "${bucket}": check S3_BUCKET, and S3_ENDPOINT / S3_REGION for the service and region it lives in.`;
      case 'RequestTimeTooSkewed':
        return "this machine's clock is more than 15 minutes off the storage service's: synchronise it (NTP, e.g. systemd-timesyncd).";
      case 'AuthorizationHeaderMalformed':
      case 'PermanentRedirect':
      case 'IllegalLocationConstraintException':
        return `the bucket is in another region${body.region ? ` (${body.region})` : ''}: set S3_REGION${body.region ? `=${body.region}` : ''} (and S3_ENDPOINT for a non-AWS service).`;
      case 'SlowDown':
        return 'the storage service asked to slow down and kept refusing after several tries; try again later.';
      default:
        return status >= 500
          ? 'the storage service failed and kept failing after several tries; try again later.'
          : 'the storage service refused the request.';
    }
  })();
  return new StorageError(`S3 storage: ${status} ${code}${said}: ${sentence}`, code, status);
}
