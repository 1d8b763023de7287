// Runs every listener of a `return.event` job (see return-event-listeners.ts).
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';
import { RETURN_EVENT_LISTENERS } from './return-event-listeners.ts';

export async function dispatchReturnEvent(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const event = payload as unknown as ReturnDomainEvent;
  for (const listener of RETURN_EVENT_LISTENERS) await listener(ctx, merchantId, event);
}
