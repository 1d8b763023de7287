// Runs outbox jobs: claimed with a lease, retried with exponential backoff, never lost. Topics
// without a handler in this process (emails when no mail transport is configured) stay queued.
import { EMAIL_TEMPLATES } from '@retour/contracts/emails';
import { newId } from '@retour/db/ids';
import { claimJobs, completeJob, failJob, type OutboxJob } from '@retour/db/repos/outbox';
import { appendEvents, getReturnRow, updateReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { anonymiseExpiredData } from '../use-cases/anonymise-expired-data.ts';
import { pollTracking } from '../use-cases/poll-tracking.ts';
import { announceReturn } from './announce-return.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { dispatchReturnEvent } from './dispatch-return-event.ts';
import { RetryLater } from './retry-later.ts';
import { RETENTION_TOPIC } from './system-jobs.ts';
import { refundPayment } from './refund-payment.ts';
import { checkFeeRefund, REFUND_CHECK_TOPIC } from './check-fee-refund.ts';
import { sendEmailJob } from './send-email.ts';
import { runShopifyBackfill } from './shopify-backfill.ts';
import { runShopifyMirror } from './shopify-mirror.ts';
import { woocommerceBackfill } from './woocommerce-backfill.ts';
import { woocommerceRefund } from './woocommerce-refund.ts';
import { CARRIER_CANCEL_TOPIC, voidCarrierLabel } from './void-carrier-label.ts';

type Handler = (ctx: Ctx, merchantId: string, payload: Record<string, unknown>, job: OutboxJob) => Promise<void>;
export const HANDLERS: Record<string, Handler> = {
  'carrier.announce': announceReturn,
  'tracking.poll': (ctx, merchantId, payload) => pollTracking(ctx, merchantId, payload),
  [CARRIER_CANCEL_TOPIC]: (ctx, merchantId, payload) => voidCarrierLabel(ctx, merchantId, payload),
  'return.event': (ctx, merchantId, payload) => dispatchReturnEvent(ctx, merchantId, payload),
  'payment.refund': refundPayment,
  [REFUND_CHECK_TOPIC]: checkFeeRefund,
  'webhook.deliver': deliverWebhook,
  'shopify.backfill': (ctx, merchantId, payload) => runShopifyBackfill(ctx, merchantId, payload),
  'shopify.mirror': (ctx, merchantId, payload) => runShopifyMirror(ctx, merchantId, payload),
  'woocommerce.backfill': woocommerceBackfill,
  'woocommerce.refund': (ctx, merchantId, payload) => woocommerceRefund(ctx, merchantId, payload),
  [RETENTION_TOPIC]: async (ctx) => {
    await anonymiseExpiredData(ctx);
  },
};
/** Email topics, run only by a process with a mail transport (ctx.mail). */
export const EMAIL_TOPICS = EMAIL_TEMPLATES.map((template) => `email.${template}`);
const sendEmail: Handler = (ctx, _merchantId, _payload, job) => sendEmailJob(ctx, job);

function handlersOf(ctx: Ctx): Record<string, Handler> {
  if (!ctx.mail) return HANDLERS;
  return { ...HANDLERS, ...Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, sendEmail])) };
}
const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
/** A handler gets well under the lease, so a slow provider cannot make two workers overlap. */
export const HANDLER_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

async function runOne(ctx: Ctx, job: OutboxJob): Promise<void> {
  const handler = handlersOf(ctx)[job.topic];
  if (!handler) return;
  try {
    await withTimeout(handler(ctx, job.merchantId, job.payload, job), HANDLER_TIMEOUT_MS);
    await completeJob(ctx.db, job.merchantId, job.id, ctx.now().toISOString(), job.lockedUntil);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const delay = error instanceof RetryLater ? error.delayMs : backoffMs(job.attempts);
    const retryAt = new Date(ctx.now().getTime() + delay).toISOString();
    await failJob(ctx.db, job.merchantId, job.id, message, retryAt, job.lockedUntil);
    if (job.topic === 'carrier.announce' && job.attempts >= MAX_ATTEMPTS) await markLabelFailed(ctx, job, message);
  }
}

/** The carrier kept failing: say so on the return (staff can see why), keep retrying less often. */
async function markLabelFailed(ctx: Ctx, job: OutboxJob, message: string): Promise<void> {
  const returnId = String(job.payload.returnId);
  const ret = await getReturnRow(ctx.db, job.merchantId, returnId);
  if (!ret || ret.labelStatus === 'failed') return;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await updateReturn(tx, job.merchantId, returnId, ret.version, { labelStatus: 'failed', updatedAt: at }))) return;
    await appendEvents(tx, [
      {
        merchantId: job.merchantId,
        id: newId('evt'),
        returnId,
        at,
        recordedAt: at,
        type: 'label_failed',
        status: null,
        message: `The carrier did not accept the return: ${message}`,
        actor: 'system',
        data: null,
        dedupeKey: null,
      },
    ]);
  });
}

/** Runs due jobs; `except` leaves some topics for later (tests that count one kind of job). */
export async function drainJobs(ctx: Ctx, limit = 50, except: string[] = []): Promise<number> {
  const now = ctx.now();
  const jobs = await claimJobs(ctx.db, ctx.dialect, {
    topics: Object.keys(handlersOf(ctx)).filter((topic) => !except.includes(topic)),
    limit,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
  });
  for (const job of jobs) await runOne(ctx, job);
  return jobs.length;
}

/**
 * Runs just-committed jobs at once (so the shopper sees the tracking number in the response).
 * Emails are left to the worker: a slow mail relay must not hold up the request.
 */
export async function runJobsNow(ctx: Ctx, merchantId: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const now = ctx.now();
    const [job] = await claimJobs(ctx.db, ctx.dialect, {
      topics: Object.keys(HANDLERS),
      limit: 1,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      only: { merchantId, id },
    });
    if (job) await runOne(ctx, job);
  }
}
