// Sliding-window limits on failures, counted in the database so every process shares them.
import { newId } from '@retour/db/ids';
import { hitCounts, pruneHits, recordHit } from '@retour/db/repos/rate-limits';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';

export type Limit = { key: string; max: number; windowMs: number };

/**
 * Throws 429 too_many_attempts with Retry-After when any limit has `max` failures inside its
 * window. All limits share one window start (the longest) in the query; each is judged on its own.
 */
export async function assertUnderLimits(ctx: Ctx, limits: Limit[], message: string): Promise<void> {
  const now = ctx.now().getTime();
  const longest = Math.max(...limits.map((l) => l.windowMs));
  const counts = await hitCounts(
    ctx.db,
    limits.map((l) => l.key),
    new Date(now - longest).toISOString(),
  );
  for (const limit of limits) {
    const seen = counts.get(limit.key);
    if (!seen || seen.count < limit.max) continue;
    // The coarse count covered the longest window; count this limit's own window precisely.
    const own =
      limit.windowMs === longest
        ? seen
        : (await hitCounts(ctx.db, [limit.key], new Date(now - limit.windowMs).toISOString())).get(limit.key);
    if (!own || own.count < limit.max) continue;
    const retryAfter = Math.max(1, Math.ceil((new Date(own.oldest).getTime() + limit.windowMs - now) / 1000));
    throw new AppError('too_many_attempts', message, { retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
  }
}

export async function recordFailure(ctx: Ctx, limit: Limit): Promise<void> {
  const now = ctx.now();
  await recordHit(ctx.db, limit.key, now.toISOString(), newId('hit', now.getTime()));
  await pruneHits(ctx.db, limit.key, new Date(now.getTime() - limit.windowMs).toISOString());
}
