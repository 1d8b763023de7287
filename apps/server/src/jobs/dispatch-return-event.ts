// Runs every listener of a `return.event` job, in the order composition.ts registers them.
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';

export async function dispatchReturnEvent(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const event = payload as unknown as ReturnDomainEvent;
  for (const listener of ctx.jobs.returnEventListeners) await listener(ctx, merchantId, event);
}
