// Every error leaves as { error: { code, message, details } } with the status of its code.
// Bad input is a 400 with field paths; nothing internal ever reaches the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '@retour/db/errors';
import { SealedCredentialsError } from '../credentials.ts';
import { AppError } from '../errors.ts';
import { localise, requestLanguage } from './portal-messages.ts';
import { issuesFromFastify } from './validation-issues.ts';

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
) {
  const portal = request.url.startsWith('/api/portal/');
  const text = portal ? localise(code, message, requestLanguage(request.query, request.headers['accept-language'])) : message;
  return reply.status(status).send({ error: { code, message: text, ...(details ? { details } : {}) } });
}

/** Seconds a client should wait before retrying while the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is unavailable for a moment (restarting, unreachable, read-only or out of disk space). Try again in a few seconds.';

/** 503 `database_unavailable` with Retry-After: a database fault is never the client's fault, nor a 500. */
export function sendDatabaseUnavailable(request: FastifyRequest, reply: FastifyReply) {
  void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  return send(request, reply, 503, 'database_unavailable', DATABASE_UNAVAILABLE_MESSAGE);
}

/** 503 `storage_unavailable` with Retry-After: the photo storage (RETOUR_STORAGE) does not answer. */
export function sendStorageUnavailable(request: FastifyRequest, reply: FastifyReply) {
  void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  return send(
    request,
    reply,
    503,
    'storage_unavailable',
    'The photo storage (RETOUR_STORAGE) does not answer; check that it is reachable and its settings, then try again.',
  );
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'validation_error', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'validation_error', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'validation_error', 'The request body is not valid JSON.'],
};

/**
 * Errors Fastify raises before a route is found (a malformed or over-long URL segment), given the
 * same envelope as every other error. Passed to Fastify as `frameworkErrors` in app.ts.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const problem = error.code === 'FST_ERR_BAD_URL' ? 'The URL is not validly encoded.' : 'A part of the URL is too long.';
    return send(request, reply, 400, 'validation_error', 'The request has invalid fields; see details.issues.', {
      issues: [{ path: [], message: problem, in: 'params' }],
    });
  }
  request.log.error({ err: error }, 'unhandled framework error');
  return send(
    request,
    reply,
    500,
    'internal_error',
    'Something went wrong on our side. Try again; if it keeps happening, contact support with the request id.',
    { requestId: request.id },
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return send(request, reply, error.status, error.code, error.message, error.details);
    }
    if ((error as unknown) instanceof SealedCredentialsError) {
      // SECRET_KEY changed since the credentials were stored: say what to do instead of a bare 500.
      return send(request, reply, 409, 'credentials_unreadable', error.message);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(request, reply, 400, 'validation_error', 'The request has invalid fields; see details.issues.', {
        issues: issuesFromFastify(error.validation, error.validationContext),
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendDatabaseUnavailable(request, reply);
    }
    const known = FASTIFY_CODES[error.code];
    if (known) return send(request, reply, known[0], known[1], known[2]);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return send(request, reply, 400, 'validation_error', 'The request body is not valid JSON.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code =
        error.statusCode === 404
          ? 'not_found'
          : error.statusCode === 413
            ? 'payload_too_large'
            : error.statusCode === 415
              ? 'unsupported_media_type'
              : 'validation_error';
      return send(request, reply, error.statusCode, code, 'The request could not be read; check its headers and body.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(
      request,
      reply,
      500,
      'internal_error',
      'Something went wrong on our side. Try again; if it keeps happening, contact support with the request id.',
      {
        requestId: request.id,
      },
    );
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, 404, 'route_not_found', `There is no ${request.method} ${request.url.split('?')[0]}; see /api/docs for the API.`),
  );
}
