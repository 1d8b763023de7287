// Password checks against the scrypt hashes written by hashPassword (create-merchant.ts):
// `scrypt$N$r$p$salt$hash`, compared in constant time.
import { scrypt, timingSafeEqual } from 'node:crypto';
import { hashPassword } from '../merchants/create-merchant.ts';

/** Verified instead of a real hash when the email is unknown, so both answers take as long. */
const DUMMY_HASH = hashPassword('no user has this password');

function derive(password: string, salt: Buffer, length: number, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  const parts = (storedHash ?? DUMMY_HASH).split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, Number(n), Number(r), Number(p));
  return timingSafeEqual(actual, expected) && storedHash !== undefined;
}
