// Everything a use case may touch, built once per process and passed in (no globals).
import type { Db, Dialect } from '@retour/db/database';
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';
import type { CarrierRegistry } from '@retour/integrations/carriers/registry';
import type { MailTransport } from '@retour/integrations/email/port';
import type { ProviderEndpoints } from '@retour/integrations/endpoints';

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
}

export const iso = (d: Date): string => d.toISOString();
