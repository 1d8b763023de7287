// Sliding-window limits on failures, counted in the database so every process shares them.
import { newId } from '@retour/db/ids';
import { pruneHits, recentHits, recordHit } from '@retour/db/repos/rate-limits';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';

export type Limit = { key: string; max: number; windowMs: number };

/** Throws 429 too_many_attempts with Retry-After when `max` failures fall inside the window. */
export async function assertUnderLimit(ctx: Ctx, limit: Limit, message: string): Promise<void> {
  const now = ctx.now().getTime();
  const hits = await recentHits(ctx.db, limit.key, new Date(now - limit.windowMs).toISOString(), limit.max);
  if (hits.length >= limit.max) {
    const oldest = new Date(hits[0] as string).getTime();
    const retryAfter = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
    throw new AppError('too_many_attempts', message, { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
  }
}

export async function recordFailure(ctx: Ctx, limit: Limit): Promise<void> {
  const now = ctx.now();
  await recordHit(ctx.db, limit.key, now.toISOString(), newId('hit', now.getTime()));
  await pruneHits(ctx.db, limit.key, new Date(now.getTime() - limit.windowMs).toISOString());
}
