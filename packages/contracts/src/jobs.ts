// Background work as the merchant sees it: the outbox jobs still waiting (due, backing off after a
// failure, or running) and the dead ones (out of tries), each with why; a retry makes one due now.
import { z } from 'zod';
import { InstantSchema } from './common.ts';

export const JOB_STATES = ['waiting', 'dead'] as const;
export const JobStateSchema = z.enum(JOB_STATES);

export const JobListQuerySchema = z.object({
  state: JobStateSchema.default('waiting'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const JobParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const JobSchema = z.object({
  id: z.string(),
  /** What the job does, e.g. carrier.announce, email.label_created, webhook.deliver. */
  topic: z.string(),
  state: JobStateSchema,
  /** Running now under a worker's lease (a retry must wait until it ends). */
  running: z.boolean(),
  /** The return it concerns, when it concerns one. */
  returnId: z.string().nullable(),
  /** The job's input, secrets left out. */
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  /** Tries it gets before it is dead. */
  maxAttempts: z.number().int(),
  /** When it runs next (null for dead jobs). */
  nextAttemptAt: InstantSchema.nullable(),
  /** Why the last try failed (null before the first failure). */
  lastError: z.string().nullable(),
  /** Why it has not run yet when that is not a failure, e.g. emails without a mail server. */
  waitingFor: z.string().nullable(),
  createdAt: InstantSchema,
  deadAt: InstantSchema.nullable(),
});
export const JobListSchema = z.object({ data: z.array(JobSchema) });

export type JobState = z.infer<typeof JobStateSchema>;
export type JobListQuery = z.infer<typeof JobListQuerySchema>;
export type JobView = z.infer<typeof JobSchema>;
