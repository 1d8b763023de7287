// Runs outbox jobs: claimed with a lease (held under this process's worker id), retried with
// exponential backoff, dead after the topic's tries (domain/job-retries.ts), never lost. Each
// handler gets an AbortSignal (ctx.signal, also ctx.providers.signal for the provider clients)
// that aborts past HANDLER_TIMEOUT_MS or when shutdown cuts it short; the job is then released.
// Topics without a handler in this process (emails without a mail transport) stay queued.
import { EMAIL_TEMPLATES } from '@retour/contracts/emails';
import { newId } from '@retour/db/ids';
import { claimJobs, completeJob, failJob, type OutboxJob, releaseJob } from '@retour/db/repos/outbox';
import { jobBackoffMs, LABEL_FAILED_AFTER_ATTEMPTS, maxJobAttempts } from '@retour/domain/job-retries';
import { appendEvents, getReturnRow, updateReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { anonymiseExpiredData } from '../use-cases/anonymise-expired-data.ts';
import { pollTracking } from '../use-cases/poll-tracking.ts';
import { refreshDatabaseStatistics } from '../use-cases/refresh-database-statistics.ts';
import { announceReturn } from './announce-return.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { dispatchReturnEvent } from './dispatch-return-event.ts';
import { RetryLater } from './retry-later.ts';
import { DB_OPTIMIZE_TOPIC, RETENTION_TOPIC } from './system-jobs.ts';
import { refundPayment } from './refund-payment.ts';
import { checkFeeRefund, REFUND_CHECK_TOPIC } from './check-fee-refund.ts';
import { sendEmailJob } from './send-email.ts';
import { runShopifyBackfill } from './shopify-backfill.ts';
import { runShopifyMirror } from './shopify-mirror.ts';
import { woocommerceBackfill } from './woocommerce-backfill.ts';
import { woocommerceRefund } from './woocommerce-refund.ts';
import { issueShopCredit } from './issue-shop-credit.ts';
import { SHOP_CREDIT_TOPIC } from '../use-cases/exchanges/shop-credit-topic.ts';
import { createReplacementOrder } from './create-replacement-order.ts';
import { REPLACEMENT_TOPIC } from '../use-cases/exchanges/replacement-topic.ts';
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
  [SHOP_CREDIT_TOPIC]: (ctx, merchantId, payload) => issueShopCredit(ctx, merchantId, payload),
  [REPLACEMENT_TOPIC]: (ctx, merchantId, payload) => createReplacementOrder(ctx, merchantId, payload),
  [RETENTION_TOPIC]: async (ctx) => {
    await anonymiseExpiredData(ctx);
  },
  [DB_OPTIMIZE_TOPIC]: (ctx) => refreshDatabaseStatistics(ctx),
};
/** Email topics, run only by a process with a mail transport (ctx.mail). */
export const EMAIL_TOPICS = EMAIL_TEMPLATES.map((template) => `email.${template}`);
const sendEmail: Handler = (ctx, _merchantId, _payload, job) => sendEmailJob(ctx, job);

function handlersOf(ctx: Ctx): Record<string, Handler> {
  if (!ctx.mail) return HANDLERS;
  return { ...HANDLERS, ...Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, sendEmail])) };
}
const LEASE_MS = 60_000;
/** A handler gets well under the lease, so a slow provider cannot make two workers overlap. */
export const HANDLER_TIMEOUT_MS = 30_000;
/** The wait after the n-th failed try (domain/job-retries.ts). */
export const backoffMs = jobBackoffMs;

/** Why a job's signal aborted: its time ran out, or the process is shutting down. */
export class JobAborted extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'shutdown',
  ) {
    super(message);
  }
}

/**
 * How a worker stops: once `draining` aborts no new job starts (claimed ones go back at once);
 * once `abort` aborts, running handlers are cut off and their jobs go back too.
 */
export type Shutdown = { draining: AbortSignal; abort: AbortSignal };

/** The handler's view of the context: its signal, also handed to the provider clients. */
function jobContext(ctx: Ctx, signal: AbortSignal): Ctx {
  return { ...ctx, signal, providers: { ...ctx.providers, signal } };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => {}); // a handler cut off may still fail later; nobody waits for it
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

async function runOne(ctx: Ctx, job: OutboxJob, shutdown?: Shutdown): Promise<void> {
  const handler = handlersOf(ctx)[job.topic];
  if (!handler) return;
  const controller = new AbortController();
  const timeoutMs = ctx.jobTimeoutMs ?? HANDLER_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(new JobAborted(`timed out after ${timeoutMs / 1000} s`, 'timeout')), timeoutMs);
  const onShutdown = () => controller.abort(new JobAborted('cut short by shutdown', 'shutdown'));
  if (shutdown?.abort.aborted) onShutdown();
  else shutdown?.abort.addEventListener('abort', onShutdown, { once: true });
  try {
    await untilAborted(handler(jobContext(ctx, controller.signal), job.merchantId, job.payload, job), controller.signal);
    await completeJob(ctx.db, job.merchantId, job.id, ctx.now().toISOString(), job.lockedUntil);
  } catch (error) {
    if (error instanceof JobAborted && error.kind === 'shutdown') {
      await releaseJob(ctx.db, job.merchantId, job.id, job.lockedUntil);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const delay = error instanceof RetryLater ? error.delayMs : backoffMs(job.attempts);
    const now = ctx.now();
    const dead = job.attempts >= maxJobAttempts(job.topic);
    const retryAt = new Date(now.getTime() + delay).toISOString();
    await failJob(ctx.db, job.merchantId, job.id, message, retryAt, job.lockedUntil, dead ? now.toISOString() : null);
    if (job.topic === 'carrier.announce' && job.attempts >= LABEL_FAILED_AFTER_ATTEMPTS) await markLabelFailed(ctx, job, message);
  } finally {
    clearTimeout(timer);
    shutdown?.abort.removeEventListener('abort', onShutdown);
  }
}

/** The carrier kept failing: say so on the return (staff can see why); tries go on until the job is dead. */
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

/**
 * Runs due jobs; `except` leaves some topics for later (tests that count one kind of job).
 * With `shutdown`, jobs not yet started when it starts draining go back to the queue at once.
 */
export async function drainJobs(ctx: Ctx, limit = 50, except: string[] = [], shutdown?: Shutdown): Promise<number> {
  if (shutdown?.draining.aborted) return 0;
  const now = ctx.now();
  const jobs = await claimJobs(ctx.db, ctx.dialect, {
    topics: Object.keys(handlersOf(ctx)).filter((topic) => !except.includes(topic)),
    limit,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    workerId: ctx.workerId ?? null,
  });
  const timeoutMs = ctx.jobTimeoutMs ?? HANDLER_TIMEOUT_MS;
  for (const job of jobs) {
    // Slow jobs earlier in the batch used up this one's lease: give it back rather than run it
    // when another worker may take it over mid-run.
    const leaseLeft = Date.parse(job.lockedUntil ?? '') - ctx.now().getTime();
    if (shutdown?.draining.aborted || !(leaseLeft > timeoutMs)) await releaseJob(ctx.db, job.merchantId, job.id, job.lockedUntil);
    else await runOne(ctx, job, shutdown);
  }
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
      workerId: ctx.workerId ?? null,
      only: { merchantId, id },
    });
    if (job) await runOne(ctx, job);
  }
}
