// Merchant API authentication: `Authorization: Bearer <api key>`, looked up by its SHA-256 hash,
// or the back office's session cookie (with an x-csrf-token header on every change).
import type { FastifyRequest } from 'fastify';
import { findActiveApiKey, touchApiKey } from '@retour/db/repos/merchants';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { sha256 } from '../secrets.ts';
import { authenticateSession } from './session-auth.ts';
import { readSessionCookie } from './session-cookie.ts';

/** keyId is '' for a session; role is 'api' for API keys. */
export type MerchantAuth = {
  merchantId: string;
  keyId: string;
  actor: string;
  role?: 'owner' | 'staff' | 'api';
  userId?: string;
  sessionId?: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth?: MerchantAuth;
  }
}

const TOUCH_EVERY_MS = 60_000;

export async function authenticate(ctx: Ctx, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization ?? '';
  if (!header) {
    const token = readSessionCookie(request);
    if (token) return authenticateSession(ctx, request, token);
  }
  const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!key)
    fail(
      'invalid_api_key',
      'Send your API key as "Authorization: Bearer <key>". Create keys in the back office or with `npx retour merchant create`.',
    );
  const row = await findActiveApiKey(ctx.db, sha256(key));
  if (!row) fail('invalid_api_key', 'This API key is not valid or has been revoked. Check the key, or create a new one.');
  const now = ctx.now();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await touchApiKey(ctx.db, row.merchantId, row.id, now.toISOString());
  }
  request.auth = { merchantId: row.merchantId, keyId: row.id, actor: `api_key:${row.id}`, role: 'api' };
}

export function authOf(request: FastifyRequest): MerchantAuth {
  if (!request.auth) fail('invalid_api_key', 'This call needs an API key.');
  return request.auth;
}
