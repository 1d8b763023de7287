// Failed sign-ins and wrong current passwords are limited per email and per client IP.
import { sha256 } from '../../secrets.ts';
import type { Limit } from '../shared/rate-limit.ts';

const WINDOW_MS = 15 * 60_000;

const MAX_FAILURES = 10;

export function limitsFor(email: string, clientIp: string): Limit[] {
  return [
    { key: `login:email:${sha256(email)}`, max: MAX_FAILURES, windowMs: WINDOW_MS },
    { key: `login:ip:${clientIp}`, max: MAX_FAILURES, windowMs: WINDOW_MS },
  ];
}
