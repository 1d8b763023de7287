// Everything a use case may touch, built once per process and passed in (no globals).
import type { Db, Dialect } from '@retour/db/database';
import type { CarrierRegistry } from '@retour/integrations/carriers/registry';

export interface Ctx {
  db: Db;
  dialect: Dialect;
  /** The clock; tests pass a fixed or movable one. */
  now: () => Date;
  carriers: CarrierRegistry;
  secret: Buffer;
  publicUrl: string;
}

export const iso = (d: Date): string => d.toISOString();
