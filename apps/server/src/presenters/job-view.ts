// An outbox job as the merchant API shows it: state, tries and why it waits; the payload without
// anything secret-looking (none of today's payloads carry secrets; this keeps it so).
import type { JobView } from '@retour/contracts/jobs';
import type { OutboxJob } from '@retour/db/repos/outbox';
import { maxJobAttempts } from '@retour/domain/job-retries';

const SECRET_KEY = /secret|token|password|credential|authori[sz]ation|api_?key/i;

function withoutSecrets(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !SECRET_KEY.test(key)));
}

const NO_MAIL = 'This server has no mail server configured (SMTP_URL), so emails wait here until one is.';

/** `canSendEmail`: this process has a mail transport (ctx.mail). */
export function presentJob(job: OutboxJob, now: Date, canSendEmail: boolean): JobView {
  const running = job.lockedUntil !== null && job.lockedUntil > now.toISOString();
  return {
    id: job.id,
    topic: job.topic,
    state: job.deadAt ? 'dead' : 'waiting',
    running,
    returnId: typeof job.payload.returnId === 'string' ? job.payload.returnId : null,
    payload: withoutSecrets(job.payload),
    attempts: job.attempts,
    maxAttempts: maxJobAttempts(job.topic),
    nextAttemptAt: job.deadAt ? null : job.availableAt,
    lastError: job.lastError,
    waitingFor: !job.deadAt && !canSendEmail && job.topic.startsWith('email.') ? NO_MAIL : null,
    createdAt: job.createdAt,
    deadAt: job.deadAt,
  };
}
