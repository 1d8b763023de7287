// The link in shopper emails to the return's status page. The access code is stored only hashed,
// so emails carry a signed status token instead: HMAC(SECRET_KEY, merchant + return). It opens
// exactly one return, like the access code, and stops working if SECRET_KEY is rotated.
import { createHmac } from 'node:crypto';
import { safeEqual } from '../secrets.ts';

const PREFIX = 's1.';

export function statusToken(secret: Buffer, merchantId: string, returnId: string): string {
  return PREFIX + createHmac('sha256', secret).update(`return-status\n${merchantId}\n${returnId}`).digest('base64url');
}

export function isStatusToken(secret: Buffer, merchantId: string, returnId: string, token: string): boolean {
  return token.startsWith(PREFIX) && safeEqual(token, statusToken(secret, merchantId, returnId));
}

export function statusUrl(publicUrl: string, secret: Buffer, slug: string, ret: { merchantId: string; id: string }): string {
  return `${publicUrl}/r/${encodeURIComponent(slug)}/returns/${encodeURIComponent(ret.id)}?access=${statusToken(secret, ret.merchantId, ret.id)}`;
}
