// Merchant API calls made by the back office with its session cookie: the session must be live,
// every change carries the session's CSRF token, and staff may not manage users, API keys or the
// billing-relevant portal settings (return fee, carriers).
import type { FastifyRequest } from 'fastify';
import { getRow } from '@retour/db/repos/config';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { safeEqual } from '../secrets.ts';
import { findLiveSession } from '../use-cases/users/find-live-session.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Users, API keys and everything holding credentials (shop connections, payment accounts, webhook secrets). */
const OWNER_ONLY = /^\/api\/v1\/(users|api-keys|integrations|payment-accounts|carrier-accounts|webhooks)(\/|$)/;

export function assertCsrf(request: FastifyRequest, csrfToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) {
    fail('csrf_failed', 'Send the csrfToken of GET /api/session in the x-csrf-token header with every change.');
  }
}

export async function authenticateSession(ctx: Ctx, request: FastifyRequest, token: string): Promise<void> {
  const found = await findLiveSession(ctx, token);
  if (!found) fail('unauthorized', 'Your session has ended; sign in again.');
  assertCsrf(request, found.session.csrfToken);
  const role = found.user.role === 'owner' ? 'owner' : 'staff';
  request.auth = {
    merchantId: found.session.merchantId,
    keyId: '',
    actor: `user:${found.user.id}`,
    role,
    userId: found.user.id,
    sessionId: found.session.id,
  };
  // The matched route's template, not the raw URL (which may be percent-encoded).
  const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  if (role === 'staff' && OWNER_ONLY.test(path))
    fail('forbidden', 'Only an owner can manage users, API keys, integrations, payment and carrier accounts, and webhooks.');
}

/** preHandler: staff may not change a portal's return fee or carriers (they decide what the merchant pays). */
export async function guardStaffChanges(ctx: Ctx, request: FastifyRequest): Promise<void> {
  if (request.auth?.role !== 'staff' || SAFE_METHODS.has(request.method)) return;
  const route = request.routeOptions.url ?? '';
  if (route !== '/api/v1/portals' && route !== '/api/v1/portals/:id') return;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const touched = (['returnFee', 'carriers'] as const).filter((k) => body[k] !== undefined);
  if (touched.length === 0) return;
  if (request.method === 'PATCH') {
    const id = (request.params as { id?: string }).id ?? '';
    const row = await getRow(ctx.db, 'portals', request.auth.merchantId, id);
    if (!row) return; // the route answers 404
    const current = JSON.parse((row as { settings: string }).settings) as Record<string, unknown>;
    if (touched.every((k) => canonical(body[k]) === canonical(current[k] ?? null))) return;
  }
  fail('forbidden', 'Only an owner can change the return fee or carriers of a portal.', { fields: touched });
}

/** JSON with object keys sorted, so equal settings compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
