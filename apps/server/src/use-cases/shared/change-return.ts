// The one path that changes an existing return: load it, ask the state machine, then write the
// new status, the timeline entries and the side effects together, under a version check.
import { allowedEvents, type ReturnEvent, type ReturnStatus, transition } from '@retour/domain/state-machine';
import type { Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { appendEvents, getReturn, type ReturnAggregate, type ReturnRecord, updateReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { AppError, fail } from '../../errors.ts';
import { enqueueReturnEvent } from './return-events.ts';

export type TimelineEntry = {
  type: string;
  message?: string | null;
  data?: Record<string, unknown> | null;
  at?: string;
  dedupeKey?: string | null;
};
export type ReturnChange = {
  event: ReturnEvent;
  fields?: Partial<Omit<ReturnRecord, 'merchantId' | 'id' | 'version' | 'status'>>;
  timeline: TimelineEntry[];
  /** Side effects, due now unless `at` (ISO instant) says later (reminders, expiry). */
  jobs?: { topic: string; payload: Record<string, unknown>; dedupeKey?: string; at?: string }[];
};
export type ChangeOutcome = { changed: boolean; status: ReturnStatus; stored: boolean[] };

function refuseIllegal(current: ReturnStatus, event: ReturnEvent) {
  const result = transition(current, event);
  if (!result.ok) {
    throw new AppError('invalid_transition', `A return that is ${current.replace('_', ' ')} cannot be changed this way (${event.type}).`, {
      status: current,
      event: event.type,
      allowed: allowedEvents(current),
    });
  }
  return result;
}

export async function changeReturn(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  actor: string,
  plan: (agg: ReturnAggregate, tx: Tx) => Promise<ReturnChange | null> | ReturnChange | null,
  /** Checked before `plan` runs, so an illegal action is a 409 before its input is judged. */
  precheck?: ReturnEvent,
): Promise<ChangeOutcome> {
  const jobIds: string[] = [];
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const agg = await getReturn(tx, merchantId, returnId);
    if (!agg) fail('return_not_found', 'There is no return with this id for your account.');
    const current = agg.ret.status as ReturnStatus;
    if (precheck) refuseIllegal(current, precheck);
    const change = await plan(agg, tx);
    if (!change) return { changed: false, status: current, stored: [] };
    const result = refuseIllegal(current, change.event);
    const at = ctx.now().toISOString();
    const stored = await updateReturn(tx, merchantId, returnId, agg.ret.version, {
      ...change.fields,
      status: result.status,
      updatedAt: at,
    });
    if (!stored) fail('conflict', 'Someone else changed this return at the same moment. Reload it and try again.');
    const saved = await appendEvents(
      tx,
      change.timeline.map((entry, i) => ({
        merchantId,
        id: newId('evt'),
        returnId,
        at: entry.at ?? at,
        recordedAt: at,
        type: entry.type,
        status: i === 0 && result.changed ? result.status : null,
        message: entry.message ?? null,
        actor,
        data: entry.data ?? null,
        dedupeKey: entry.dedupeKey ?? null,
      })),
    );
    for (const job of change.jobs ?? []) {
      const id = newId('job');
      const due = job.at && job.at > at ? job.at : at;
      if (due === at) jobIds.push(id);
      await enqueue(tx, { merchantId, id, topic: job.topic, payload: job.payload, dedupeKey: job.dedupeKey ?? null, at: due });
    }
    // Left to the worker (not run after the commit): listeners must not slow the request.
    await enqueueReturnEvent(tx, merchantId, {
      returnId,
      trigger: change.event.type,
      from: current,
      to: result.status,
      at,
      actor,
      detail: change.timeline[0]?.data ?? null,
    });
    return { changed: result.changed, status: result.status, stored: saved };
  });
  await ctx.jobs.runNow(ctx, merchantId, jobIds);
  return outcome;
}
