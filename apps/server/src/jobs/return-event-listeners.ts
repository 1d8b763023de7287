// Who hears about changes of returns. Each listener runs inside the `return.event` job and must
// be safe to run twice (the job is retried when any listener throws): listeners only enqueue
// further jobs with dedupe keys derived from the event id.
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';

export type ReturnEventListener = (ctx: Ctx, merchantId: string, event: ReturnDomainEvent) => Promise<void>;

export const RETURN_EVENT_LISTENERS: ReturnEventListener[] = [];
