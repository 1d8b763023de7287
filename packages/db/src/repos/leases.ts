// Leases: one holder at a time for a named piece of work, across processes and both databases.
// Taking one is a single statement (insert, or take over an expired one), so two processes can
// never both hold it; a holder that dies loses it when it expires.
import type { Executor } from '../database.ts';

/** True when `holder` now holds `name` until `until` (it was free, expired, or already theirs). */
export async function acquireLease(db: Executor, name: string, holder: string, now: string, until: string): Promise<boolean> {
  await db
    .insertInto('leases')
    .values({ name, holder, expiresAt: until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expiresAt: until })
        .where((eb) => eb.or([eb('leases.expiresAt', '<=', now), eb('leases.holder', '=', holder)])),
    )
    .execute();
  const row = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export async function leaseHolder(db: Executor, name: string): Promise<string | null> {
  const row = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder ?? null;
}
