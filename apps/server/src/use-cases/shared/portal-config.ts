// An enabled portal's configuration kept in process memory for the hot paths (lookup, creation):
// the portal and its settings, its return address, the merchant's stores and carrier accounts.
// Correct with several processes on one database: migration 0013's triggers bump the merchant's
// config version in the same transaction as any write to portals, addresses or carrier accounts,
// and every hot path reads that version inside its one order query (repos/order-aggregate.ts);
// when it moved, the caller drops the entry (`staleConfig`) and starts over with a fresh load.
// Unknown and disabled portals are never cached (they are read every time, so enabling one
// elsewhere takes effect at once).
import type { PortalSettings } from '@retour/contracts/config';
import { addressesOfKind, findPortalBySlug, getRow } from '@retour/db/repos/config';
import { configVersion } from '@retour/db/repos/order-aggregate';
import type { AddressesTable, PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { type AccountCarrier, loadAccountCarriers } from './carrier-accounts.ts';
import { type LoadedRules, loadRules } from '../rules/rule-facts.ts';
import { PORTAL_NOT_FOUND, portalSettingsOf } from './load-portal.ts';

export type PortalConfig = {
  portal: PortalsTable;
  settings: PortalSettings;
  merchantId: string;
  /** The merchant's config version this was read at (read before the rows themselves). */
  version: number;
  returnAddress: AddressesTable | undefined;
  stores: AddressesTable[];
  accounts: AccountCarrier[];
  /** The return rules in force (a saved rule set bumps the version too: migration 0016). */
  rules: LoadedRules;
};

/** One cache per server context (each test harness has its own). */
const caches = new WeakMap<Ctx, Map<string, PortalConfig>>();
const MAX_ENTRIES = 1_000;

function cacheOf(ctx: Ctx): Map<string, PortalConfig> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

/** Thrown inside a hot path that found the merchant's config version moved; the caller starts over. */
export class StaleConfig extends Error {}

/** Throws StaleConfig (and forgets the entry) when `seen` is not the version `config` was read at. */
export function checkConfigVersion(ctx: Ctx, config: PortalConfig, seen: number): void {
  if (seen === config.version) return;
  cacheOf(ctx).delete(config.portal.slug);
  throw new StaleConfig();
}

/** Before refusing on the configuration in memory: one read of the version (StaleConfig when it moved). */
export async function confirmConfig(ctx: Ctx, config: PortalConfig): Promise<void> {
  checkConfigVersion(ctx, config, await configVersion(ctx.db, config.merchantId));
}

async function load(ctx: Ctx, slug: string): Promise<PortalConfig> {
  for (;;) {
    const first = await findPortalBySlug(ctx.db, slug);
    if (!first || first.enabled !== 1) fail('portal_not_found', PORTAL_NOT_FOUND);
    // The version first, then the rows: a write in between leaves a version that is already old,
    // so the next check reloads (never a new version with old rows).
    const version = await configVersion(ctx.db, first.merchantId);
    const portal = await findPortalBySlug(ctx.db, slug);
    if (!portal || portal.enabled !== 1) fail('portal_not_found', PORTAL_NOT_FOUND);
    if (portal.merchantId !== first.merchantId) continue;
    const merchantId = portal.merchantId;
    const settings = portalSettingsOf(portal);
    const [returnAddress, stores, accounts, rules] = await Promise.all([
      settings.returnAddressId ? getRow(ctx.db, 'addresses', merchantId, settings.returnAddressId) : undefined,
      settings.methods.includes('in_store') ? addressesOfKind(ctx.db, merchantId, 'store') : [],
      loadAccountCarriers(ctx.db, merchantId),
      loadRules(ctx.db, merchantId),
    ]);
    return { portal, settings, merchantId, version, returnAddress, stores, accounts, rules };
  }
}

/** The enabled portal at `slug` with its configuration: from memory, or read (and kept) when `fresh` or unknown. */
export async function portalConfig(ctx: Ctx, slug: string, fresh = false): Promise<PortalConfig> {
  const cache = cacheOf(ctx);
  const cached = fresh ? undefined : cache.get(slug);
  if (cached) return cached;
  cache.delete(slug);
  const config = await load(ctx, slug);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(slug, config);
  return config;
}

/** Runs `attempt` with the portal's configuration; once more with a fresh read when it met a moved version. */
export async function withPortalConfig<T>(ctx: Ctx, slug: string, attempt: (config: PortalConfig) => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(await portalConfig(ctx, slug, tries > 0));
    } catch (error) {
      if (!(error instanceof StaleConfig) || tries >= 3) throw error;
    }
  }
}
