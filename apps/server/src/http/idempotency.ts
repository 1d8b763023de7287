// Idempotency-Key on creating POSTs: the first response is stored; a repeat with the same key and
// body gets it again and creates nothing; the same key with another body is refused. A route that
// uses it declares `config: { idempotencyKey: true }`, which documents the header in the API description.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dropIdempotent, finishIdempotent, findIdempotent, saveIdempotent } from '@retour/db/repos/idempotency';
import type { Ctx } from '../context.ts';
import { AppError, fail } from '../errors.ts';
import { sha256 } from '../secrets.ts';

/**
 * A claim still unfinished after this was abandoned (its request lost the database before it could
 * finish or drop it) and a retry with the key may take it over. Far beyond any request's duration.
 */
const ABANDONED_CLAIM_MS = 2 * 60_000;

export type Created = { status: number; body: unknown };

export async function idempotent(ctx: Ctx, request: FastifyRequest, reply: FastifyReply, scope: string, run: () => Promise<Created>) {
  if (!request.routeOptions.config.idempotencyKey) {
    // The API description lists the header from this flag (http/openapi-document.ts).
    throw new Error(`${request.method} ${request.routeOptions.url} honours Idempotency-Key: declare config: { idempotencyKey: true }.`);
  }
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) {
    const result = await run();
    return reply.status(result.status).send(result.body);
  }
  if (key.length > 200)
    fail('validation_error', 'The Idempotency-Key header is at most 200 characters.', {
      issues: [{ path: ['idempotency-key'], message: 'Too long.', in: 'headers' }],
    });
  const hash = sha256(`${request.method} ${request.url.split('?')[0]} ${JSON.stringify(request.body ?? null)}`);
  const claimed = await saveIdempotent(
    ctx.db,
    { scope, key, requestHash: hash, statusCode: 0, responseBody: '', createdAt: ctx.now().toISOString() },
    new Date(ctx.now().getTime() - ABANDONED_CLAIM_MS).toISOString(),
  );
  if (!claimed) {
    const stored = await findIdempotent(ctx.db, scope, key);
    if (stored) return replay(reply, stored, hash);
  }
  let result: Created;
  try {
    result = await run();
  } catch (error) {
    // A refused request stores nothing: the client may fix it and retry with the same key.
    await dropIdempotent(ctx.db, scope, key);
    throw error;
  }
  await finishIdempotent(ctx.db, scope, key, result.status, JSON.stringify(result.body));
  return reply.status(result.status).send(result.body);
}

function replay(reply: FastifyReply, stored: { requestHash: string; statusCode: number; responseBody: string }, hash: string) {
  if (stored.requestHash !== hash) {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request. Use a new key for a new request.',
    );
  }
  if (stored.statusCode === 0) {
    throw new AppError('idempotency_key_in_progress', 'A request with this Idempotency-Key is still being processed. Retry in a moment.');
  }
  return reply.status(stored.statusCode).header('idempotent-replayed', 'true').type('application/json').send(stored.responseBody);
}
