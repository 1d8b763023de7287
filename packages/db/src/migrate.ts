// Runs the schema migrations, which live in code so they ship with the package.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as initial from './migrations/0001-initial.ts';
import * as outboxByTopic from './migrations/0002-outbox-by-topic.ts';
import * as labels from './migrations/0003-labels.ts';
import * as emailTemplates from './migrations/0004-email-templates.ts';
import * as backoffice from './migrations/0005-backoffice.ts';
import * as integrations from './migrations/0006-integrations.ts';
import * as outboxLeases from './migrations/0007-outbox-leases.ts';
import * as carrierAccounts from './migrations/0008-carrier-accounts.ts';
import * as queryPlans from './migrations/0009-query-plans.ts';
import * as userLanguage from './migrations/0010-user-language.ts';
import * as outboxOpenJobs from './migrations/0012-outbox-open-jobs.ts';
import * as configVersions from './migrations/0013-config-versions.ts';
import * as catalogue from './migrations/0014-catalogue.ts';
import * as returnRules from './migrations/0016-return-rules.ts';
import * as orderLookups from './migrations/0017-order-lookups.ts';
import * as returnPhotos from './migrations/0018-return-photos.ts';
import * as returnExpiry from './migrations/0019-return-expiry.ts';
import * as stockReservations from './migrations/0020-stock-reservations.ts';
import * as instantExchange from './migrations/0021-instant-exchange.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-outbox-by-topic': outboxByTopic,
  '0003-labels': labels,
  '0004-email-templates': emailTemplates,
  '0005-backoffice': backoffice,
  '0006-integrations': integrations,
  '0007-outbox-leases': outboxLeases,
  '0008-carrier-accounts': carrierAccounts,
  '0009-query-plans': queryPlans,
  '0010-user-language': userLanguage,
  '0012-outbox-open-jobs': outboxOpenJobs,
  '0013-config-versions': configVersions,
  '0014-catalogue': catalogue,
  '0016-return-rules': returnRules,
  '0017-order-lookups': orderLookups,
  '0018-return-photos': returnPhotos,
  '0019-return-expiry': returnExpiry,
  '0020-stock-reservations': stockReservations,
  '0021-instant-exchange': instantExchange,
};

/** The migrations this build knows, oldest first: a database with any other name is newer than this build. */
export const migrationNames: readonly string[] = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // The migrations are written against the raw snake_case names, so run them without the plugin.
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  // Up to date: only read, so a server still starts on a database it cannot write for now (a
  // read-only SQLite file serves reads and answers writes with 503 database_unavailable).
  if ((await migrator.getMigrations()).every((m) => m.executedAt)) return [];
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the migrations up to and including `name` only: how a database made by an older Retour looks. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
