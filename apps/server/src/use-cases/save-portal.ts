// Create or change a portal. POST fills defaults, PATCH changes any subset; either way the
// complete settings are checked again as a whole (cross-field rules, references, carriers).
import { EXCHANGE_SETTINGS_OFF } from '@retour/contracts/catalogue';
import {
  type Portal,
  type PortalSettings,
  PortalSettingsSchema,
  type PortalCreateSchema,
  type PortalPatchSchema,
} from '@retour/contracts/config';
import { DEFAULT_TIMEZONE, DEFAULT_TRANSIT_ALLOWANCE_DAYS } from '@retour/domain/return-window';
import { parseMoneyValue } from '@retour/domain/money';
import { SUPPORTED_LANGUAGES } from '@retour/domain/reasons';
import type { z } from 'zod';
import { isUniqueViolation } from '@retour/db/errors';
import { newId } from '@retour/db/ids';
import { findPortalBySlug, getRow, insertRow, updateRow } from '@retour/db/repos/config';
import { getPaymentAccount } from '@retour/db/repos/payments';
import type { PortalsTable } from '@retour/db/schema';
import type { Ctx } from '../context.ts';
import { AppError, fail, invalid } from '../errors.ts';
import { issuesOf } from '../http/validation-issues.ts';
import { toPortal } from '../presenters/config-view.ts';
import { listCarrierAccounts } from '@retour/db/repos/carrier-accounts';
import { sanitizeRichText } from './shared/sanitize.ts';

const DEFAULTS: Omit<PortalSettings, 'brandId'> = {
  enabled: false,
  returnAddressId: null,
  returnWindowDays: 30,
  transitAllowanceDays: DEFAULT_TRANSIT_ALLOWANCE_DAYS,
  timezone: DEFAULT_TIMEZONE,
  allowReturnsWithoutOutboundShipment: true,
  approval: 'automatic',
  methods: ['drop_off'],
  carriers: { '*': ['sandbox'] },
  returnFee: null,
  resolutions: ['refund'],
  reasons: [
    { code: 'too_small', labels: {} },
    { code: 'too_large', labels: {} },
    { code: 'not_as_described', labels: {} },
    { code: 'damaged', labels: {} },
    { code: 'changed_mind', labels: {} },
  ],
  notificationEmail: null,
  policyUrl: null,
  instructionsHtml: null,
  appearance: { layout: 'standard', showHeader: true, showFooter: true },
  languages: [...SUPPORTED_LANGUAGES],
  defaultLanguage: 'en',
  withdrawalFunction: false,
  allowedFrameAncestors: [],
  exchanges: EXCHANGE_SETTINGS_OFF,
};

async function check(ctx: Ctx, merchantId: string, candidate: unknown): Promise<PortalSettings> {
  const parsed = PortalSettingsSchema.safeParse(candidate);
  if (!parsed.success)
    throw new AppError('validation_error', 'The portal settings are invalid; see details.issues.', { issues: issuesOf(parsed.error) });
  const s = parsed.data;
  if (!(await getRow(ctx.db, 'brands', merchantId, s.brandId))) invalid(['brandId'], 'There is no brand with this id for your account.');
  if (s.returnAddressId) {
    const address = await getRow(ctx.db, 'addresses', merchantId, s.returnAddressId);
    if (!address || address.kind !== 'return') invalid(['returnAddressId'], 'Use the id of one of your addresses of kind "return".');
  }
  if (s.enabled && !s.returnAddressId)
    fail('return_address_required', 'Choose a return address before enabling the portal.', { field: 'returnAddressId' });
  const accountCodes = new Set((await listCarrierAccounts(ctx.db, merchantId)).map((a) => a.code));
  for (const [country, codes] of Object.entries(s.carriers)) {
    codes.forEach((code, i) => {
      if (!ctx.carriers.get(code) && !accountCodes.has(code))
        invalid(
          ['carriers', country, i],
          `Unknown carrier "${code}"; GET /api/v1/carriers lists the built-in ones and GET /api/v1/carrier-accounts your connected accounts.`,
        );
    });
  }
  return { ...s, instructionsHtml: s.instructionsHtml ? sanitizeRichText(s.instructionsHtml) : null };
}

/** A fee paid up front needs a way to pay it: a connected Mollie account. */
async function checkFeePayable(ctx: Ctx, merchantId: string, s: PortalSettings): Promise<void> {
  const fee = s.returnFee;
  if (!fee || fee.payment !== 'upfront' || !parseMoneyValue(fee.amount.value, fee.amount.currency)) return;
  if (await getPaymentAccount(ctx.db, merchantId, 'mollie')) return;
  fail(
    'payments_not_configured',
    'A return fee paid up front needs a payment provider: connect Mollie first (PUT /api/v1/payment-accounts/mollie, or Settings → Payments), or deduct the fee from the refund.',
    { field: 'returnFee' },
  );
}

function rowOf(merchantId: string, id: string, slug: string, s: PortalSettings, createdAt: string, updatedAt: string): PortalsTable {
  return {
    merchantId,
    id,
    slug,
    brandId: s.brandId,
    returnAddressId: s.returnAddressId,
    enabled: s.enabled ? 1 : 0,
    settings: JSON.stringify(s),
    createdAt,
    updatedAt,
  };
}

async function assertSlugFree(ctx: Ctx, slug: string, ownId: string | null): Promise<void> {
  const other = await findPortalBySlug(ctx.db, slug);
  if (other && other.id !== ownId) fail('slug_taken', `The address /r/${slug} is taken; choose another slug.`, { slug });
}

/** Two requests racing for one slug: the loser gets slug_taken, not a 500. */
async function slugSafe(slug: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) fail('slug_taken', `The address /r/${slug} is taken; choose another slug.`, { slug });
    throw error;
  }
}

export async function createPortal(ctx: Ctx, merchantId: string, input: z.infer<typeof PortalCreateSchema>): Promise<Portal> {
  const { slug, ...settings } = input;
  const checked = await check(ctx, merchantId, { ...DEFAULTS, ...settings });
  await checkFeePayable(ctx, merchantId, checked);
  await assertSlugFree(ctx, slug, null);
  const at = ctx.now().toISOString();
  const row = rowOf(merchantId, newId('prt'), slug, checked, at, at);
  await slugSafe(slug, () => insertRow(ctx.db, 'portals', row));
  return toPortal(row, ctx.publicUrl);
}

export async function updatePortal(ctx: Ctx, merchantId: string, id: string, patch: z.infer<typeof PortalPatchSchema>): Promise<Portal> {
  const existing = await getRow(ctx.db, 'portals', merchantId, id);
  if (!existing) fail('portal_not_found', 'There is no portal with this id for your account.');
  const { slug = existing.slug, ...changes } = patch;
  const checked = await check(ctx, merchantId, { ...(JSON.parse(existing.settings) as PortalSettings), ...changes });
  if ('returnFee' in changes) await checkFeePayable(ctx, merchantId, checked);
  if (slug !== existing.slug) await assertSlugFree(ctx, slug, id);
  const row = rowOf(merchantId, id, slug, checked, existing.createdAt, ctx.now().toISOString());
  await slugSafe(slug, () => updateRow(ctx.db, 'portals', merchantId, id, row));
  return toPortal(row, ctx.publicUrl);
}
