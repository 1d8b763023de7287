// Credentials of shops, payment providers and webhook endpoints are stored sealed: AES-256-GCM
// with a key derived (HKDF) from the server's SECRET_KEY, and the owner (merchant + purpose) bound
// as associated data, so a sealed value copied to another merchant or field does not open. They
// are opened only to call the provider and are never returned by the API.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function keyOf(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'retour/credentials/v1', 32));
}

/** Seals any JSON value for `owner` (e.g. `${merchantId}:shopify:${integrationId}`). */
export function sealCredentials(secret: Buffer, owner: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export class SealedCredentialsError extends Error {}

/** Opens a sealed value; throws when it was sealed for another owner, with another key, or altered. */
export function openCredentials<T = unknown>(secret: Buffer, owner: string, sealed: string): T {
  const [version, data] = sealed.split('.');
  if (version !== VERSION || !data) throw new SealedCredentialsError('Unknown credentials format.');
  const raw = Buffer.from(data, 'base64url');
  if (raw.length < 28) throw new SealedCredentialsError('Credentials are truncated.');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    throw new SealedCredentialsError(
      'The stored credentials cannot be opened with this SECRET_KEY (was it changed?). Enter the credentials again.',
    );
  }
}
