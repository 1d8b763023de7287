// Retry now: a waiting job becomes due at once; a dead one comes back with fresh tries. The worker
// picks it up on its next loop (within a second).
import type { JobView } from '@retour/contracts/jobs';
import { getJob, retryJob as retryOutboxJob } from '@retour/db/repos/outbox';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { presentJob } from '../../presenters/job-view.ts';

export async function retryJob(ctx: Ctx, merchantId: string, id: string): Promise<JobView> {
  const job = await getJob(ctx.db, merchantId, id);
  if (!job || job.doneAt) fail('job_not_found', 'No unfinished job has this id; list them with GET /api/v1/jobs.');
  const now = ctx.now();
  if (!(await retryOutboxJob(ctx.db, merchantId, id, now.toISOString())))
    fail('job_running', 'This job is running right now; look again in a minute and retry it if it failed.');
  const updated = await getJob(ctx.db, merchantId, id);
  if (!updated) fail('job_not_found', 'No unfinished job has this id; list them with GET /api/v1/jobs.');
  return presentJob(updated, now, Boolean(ctx.mail));
}
