// Domain and application errors carry a stable code; the HTTP status comes from the one map in
// @retour/contracts/errors.
import { ERROR_STATUS, type ErrorCode } from '@retour/contracts/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, headers?: Record<string, string>) {
    super(message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new AppError(code, message, details);
}

/** A validation error in the same shape as the request-schema failures. */
export function invalid(path: (string | number)[], message: string): never {
  throw new AppError('validation_error', 'The request has invalid fields; see details.issues.', {
    issues: [{ path, message }],
  });
}
