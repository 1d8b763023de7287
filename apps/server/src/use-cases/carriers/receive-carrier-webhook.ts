// A carrier posts tracking events for one merchant. The body is signed with a secret derived from
// the server secret per merchant and carrier (nothing stored, nothing in memory); an unsigned,
// wrongly signed or unknown-target request gets one answer and changes nothing. Events for
// tracking numbers of no return are reported, not refused: a carrier would retry them forever.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type CarrierWebhookBody, CarrierWebhookBodySchema, type CarrierWebhookResult } from '@retour/contracts/tracking';
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { findReturnIdByTracking, merchantExists } from '@retour/db/repos/tracking';
import type { CarrierInfo } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';
import { AppError, fail } from '../../errors.ts';
import { nulPath } from '../../http/nul-guard.ts';
import { type Issue, issuesOf } from '../../http/validation-issues.ts';
import { byEventTime, recordCarrierEvent } from './record-carrier-event.ts';

const INVALID_SIGNATURE =
  'The webhook signature is missing or wrong. Sign the exact body with HMAC-SHA256, keyed with the webhook secret ' +
  'from GET /api/v1/carriers, and send it as "x-retour-signature: sha256=<hex>".';

/** The signing key of one merchant's webhooks from one carrier (hex). */
export function carrierWebhookSecret(ctx: Ctx, merchantId: string, carrier: string): string {
  return createHmac('sha256', ctx.secret).update(`carrier-webhook:${merchantId}:${carrier}`).digest('hex');
}

/** Where and how a carrier sends this merchant's events; null for carriers that are polled. */
export function carrierWebhookInfo(ctx: Ctx, merchantId: string, info: CarrierInfo): { url: string; secret: string } | null {
  if (!info.webhooks) return null;
  return {
    url: `${ctx.publicUrl}/api/carriers/${encodeURIComponent(info.code)}/webhooks/${encodeURIComponent(merchantId)}`,
    secret: carrierWebhookSecret(ctx, merchantId, info.code),
  };
}

function signatureMatches(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  const expected = createHmac('sha256', secret).update(raw).digest();
  const match = typeof header === 'string' ? /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim()) : null;
  // Compared in constant time whatever was sent: a malformed header is compared as zeros.
  const given = match ? Buffer.from(match[1] as string, 'hex') : Buffer.alloc(expected.length);
  return timingSafeEqual(given, expected) && match !== null;
}

function invalidBody(issues: Issue[]): never {
  throw new AppError('validation_error', 'The request has invalid fields; see details.issues.', {
    issues: issues.map((i) => ({ ...i, in: 'body' })),
  });
}

function parseBody(raw: Buffer): CarrierWebhookBody {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    fail('validation_error', 'The request body is not valid JSON.');
  }
  const nul = nulPath(json);
  if (nul) invalidBody([{ path: nul, message: 'Remove the NUL character (\\u0000); it is not allowed in text.' }]);
  const parsed = CarrierWebhookBodySchema.safeParse(json);
  if (!parsed.success) invalidBody(issuesOf(parsed.error));
  return parsed.data;
}

export async function receiveCarrierWebhook(
  ctx: Ctx,
  carrierCode: string,
  merchantId: string,
  signature: string | string[] | undefined,
  raw: Buffer,
): Promise<CarrierWebhookResult> {
  // The signature first: without the server secret nobody gets further, so the checks below
  // (which touch the database) cannot be used to learn which merchants or carriers exist.
  if (!signatureMatches(carrierWebhookSecret(ctx, merchantId, carrierCode), raw, signature)) fail('invalid_signature', INVALID_SIGNATURE);
  const carrier = ctx.carriers.get(carrierCode);
  if (!carrier || !carrier.info.webhooks || !(await merchantExists(ctx.db, merchantId))) fail('invalid_signature', INVALID_SIGNATURE);

  const body = parseBody(raw);
  const returnIds = new Map<string, string | null>();
  const unknown = new Map<string, string>();
  let accepted = 0;
  let duplicates = 0;
  for (const event of byEventTime(body.events)) {
    const norm = normaliseTrackingNumber(event.trackingNumber);
    let returnId = returnIds.get(norm);
    if (returnId === undefined) {
      returnId = (await findReturnIdByTracking(ctx.db, merchantId, norm, carrier.info.code)) ?? null;
      returnIds.set(norm, returnId);
    }
    if (returnId === null) {
      if (!unknown.has(norm)) unknown.set(norm, event.trackingNumber);
      continue;
    }
    if (await recordCarrierEvent(ctx, merchantId, returnId, carrier.info, event)) accepted++;
    else duplicates++;
  }
  return { accepted, duplicates, unknownTrackingNumbers: [...unknown.values()] };
}
