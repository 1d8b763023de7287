// Everything a use case may touch, built once per process and passed in (no globals).
import type { Db, Dialect } from '@retour/db/database';
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';
import type { CarrierRegistry } from '@retour/integrations/carriers/registry';
import type { MailTransport } from '@retour/integrations/email/port';
import type { ProviderEndpoints } from '@retour/integrations/endpoints';
import type { OutboxJob } from '@retour/db/repos/outbox';
import type { ObjectStorage } from '@retour/integrations/storage/port';
import type { ReturnDomainEvent } from './use-cases/shared/return-events.ts';

/** Does one outbox job's work (jobs/*.ts); registered per topic in composition.ts. */
export type JobHandler = (ctx: Ctx, merchantId: string, payload: Record<string, unknown>, job: OutboxJob) => Promise<void>;

/**
 * Hears about a change of a return, inside the `return.event` job; registered in composition.ts.
 * Must be safe to run twice (the job is retried when any listener throws): listeners only enqueue
 * further jobs with dedupe keys derived from the event id.
 */
export type ReturnEventListener = (ctx: Ctx, merchantId: string, event: ReturnDomainEvent) => Promise<void>;

/**
 * What the composition root (composition.ts) wires in: the job handlers and return-event
 * listeners, and the one way use cases reach the job runner. Use cases never import jobs/.
 */
export interface JobRegistry {
  /** Handlers by outbox topic, run by every process. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** Handlers run only by a process with a mail transport (ctx.mail): the email topics. */
  mailHandlers: Readonly<Record<string, JobHandler>>;
  /** Everyone who hears about changes of returns, in this order. */
  returnEventListeners: readonly ReturnEventListener[];
  /**
   * Runs just-committed jobs at once (so the shopper sees the tracking number in the response);
   * emails are left to the worker (jobs/run-jobs.ts runJobsNow).
   */
  runNow(ctx: Ctx, merchantId: string, ids: string[]): Promise<void>;
}

export interface Ctx {
  db: Db;
  dialect: Dialect;
  /** The clock; tests pass a fixed or movable one. */
  now: () => Date;
  /** The sandbox carriers (the demo default, no account needed). */
  carriers: CarrierRegistry;
  /** Adapters of merchants' carrier accounts (production: carrier-adapters.ts; tests inject theirs). Absent: none. */
  carrierAdapters?: CarrierAdapters;
  secret: Buffer;
  publicUrl: string;
  /** Where shop and payment provider APIs live (local servers in tests). */
  providers: ProviderEndpoints;
  /** Sends email jobs; without it (no SMTP_URL) they wait in the outbox. */
  mail?: MailTransport;
  /** The sender address of emails (MAIL_FROM); default no-reply@ the public host. */
  mailFrom?: string;
  /** This process's worker id: the holder recorded on the job leases it takes (jobs/worker-identity.ts). */
  workerId?: string;
  /** Set while a job handler runs: aborts past the handler's timeout or at shutdown. */
  signal?: AbortSignal;
  /** How long a job handler may run before its signal aborts (default 30 s; tests shorten it). */
  jobTimeoutMs?: number;
  /** Job handlers, return-event listeners and "run these jobs now" (composition.ts: JOBS). */
  jobs: JobRegistry;
  /** Where shoppers' photos are kept (config RETOUR_STORAGE); without it photo uploads answer 503. */
  storage?: ObjectStorage;
}

export const iso = (d: Date): string => d.toISOString();
