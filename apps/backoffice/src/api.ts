// Talks to the server: cookie session, CSRF header on every non-GET, errors as ApiError with the
// validation issues keyed by field path ("returnWindowDays", "appearance.backgroundImageUrl").
import { type Lang, t } from './i18n.ts';
import { friendlyIssue } from './labels.ts';

export type Role = 'owner' | 'staff';
export type Session = {
  user: { id: string; email: string; name: string | null; role: Role; language: Lang | null };
  merchant: { id: string; name: string };
  csrfToken: string;
};
export type Money = { value: string; currency: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfter: number | null = null,
    /** The error's `details` as the server sent them (e.g. which entry of a list it refused). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrf = '';
let unauthorized: () => void = () => undefined;
/** Called when a request finds the session gone (signed out elsewhere, expired). */
export function onUnauthorized(handler: () => void) {
  unauthorized = handler;
}
export function setCsrf(token: string) {
  csrf = token;
}

type Issue = { path?: (string | number)[]; message?: string };

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = body instanceof Blob; // a file upload (e.g. CSV) goes as it is, with its own type
  if (body !== undefined) headers['content-type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: { issues?: Issue[] } & Record<string, unknown> };
  } | null;
  if (!response.ok) {
    const error = data?.error;
    if (response.status === 401 && !path.startsWith('/api/session')) unauthorized();
    const fields: Record<string, string> = {};
    for (const issue of error?.details?.issues ?? []) {
      const key = (issue.path ?? []).join('.');
      if (!(key in fields)) fields[key] = friendlyIssue(issue.message ?? '');
    }
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? t('requestFailed', { status: response.status }),
      fields,
      Number.isFinite(retry) && retry > 0 ? retry : null,
      error?.details ?? {},
    );
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);

export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

export { formatDate, formatMoney } from './i18n.ts';
