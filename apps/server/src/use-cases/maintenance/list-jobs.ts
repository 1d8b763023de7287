// The merchant's background work that has not finished: waiting (with when it runs next and why
// the last try failed) or dead (out of tries, waiting for a retry by hand).
import type { JobListQuery, JobView } from '@retour/contracts/jobs';
import { listOpenJobs } from '@retour/db/repos/outbox';
import type { Ctx } from '../../context.ts';
import { presentJob } from '../../presenters/job-view.ts';

export async function listJobs(ctx: Ctx, merchantId: string, query: JobListQuery): Promise<{ data: JobView[] }> {
  const now = ctx.now();
  const jobs = await listOpenJobs(ctx.db, merchantId, query.state, query.limit);
  return { data: jobs.map((job) => presentJob(job, now, Boolean(ctx.mail))) };
}
