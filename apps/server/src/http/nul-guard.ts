// PostgreSQL cannot store the NUL character (U+0000) in text, and no field of this API needs it:
// a NUL anywhere in the path parameters, query or body is a validation error on every database
// alike, naming the field, instead of a database error (500) on PostgreSQL only.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** The path to the first string (or object key) containing a NUL, or null. */
export function nulPath(value: unknown, depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  // Raw bodies (signed webhooks) are bytes, not text fields: nothing to check, and walking a
  // Buffer index by index would cost an unauthenticated caller's megabyte almost a second.
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return null;
  if (value === null || typeof value !== 'object' || depth > 100) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = nulPath(value[i], depth + 1);
      if (hit) return [i, ...hit];
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return [key];
    const hit = nulPath(child, depth + 1);
    if (hit) return [key, ...hit];
  }
  return null;
}

/** The validation error for a NUL in the params, query or body, or null when there is none. */
export function nulError(request: FastifyRequest): AppError | null {
  const parts = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const;
  for (const [part, value] of parts) {
    const path = nulPath(value);
    if (path) {
      return new AppError('validation_error', 'The request has invalid fields; see details.issues.', {
        issues: [{ path, message: 'Remove the NUL character (\\u0000); it is not allowed in text.', in: part }],
      });
    }
  }
  return null;
}

export async function refuseNul(request: FastifyRequest): Promise<void> {
  const error = nulError(request);
  if (error) throw error;
}

/** The same check as a callback hook: no promise per request on the hot paths (issue #12). */
export function refuseNulHook(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void): void {
  const error = nulError(request);
  if (error) done(error);
  else done();
}
