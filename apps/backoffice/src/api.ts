// Talks to the server: cookie session, CSRF header on every non-GET, errors as ApiError with the
// validation issues keyed by field path ("returnWindowDays", "appearance.backgroundImageUrl").
// Every call goes through `call(route, …)`, typed by the route map in @retour/contracts (types only:
// zod never lands in the bundle), so query, body and answer follow the one schema.
import type { Answer, BackofficeRoute, BackofficeRoutes } from '@retour/contracts/backoffice-api';
import type { Session as SessionView } from '@retour/contracts/backoffice';
import type { Money as MoneyView } from '@retour/contracts/common';
import { t } from './i18n.ts';
import { friendlyIssue } from './labels.ts';

export type Session = SessionView;
export type Role = Session['user']['role'];
export type Money = MoneyView;
export type { Answer, BodyOf } from '@retour/contracts/backoffice-api';

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

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
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

type PathOf<R extends string> = R extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type ParamsPart<R extends BackofficeRoute> = [ParamNames<PathOf<R>>] extends [never]
  ? unknown
  : { params: Record<ParamNames<PathOf<R>>, string> };
type BodyPart<R extends BackofficeRoute> = BackofficeRoutes[R] extends { body: infer B }
  ? undefined extends B
    ? { body?: B }
    : { body: B }
  : unknown;
type QueryPart<R extends BackofficeRoute> = BackofficeRoutes[R] extends { query: infer Q } ? { query?: Q } : unknown;
/** What a route needs besides its name: its path parameters, its body, its query. */
export type CallOptions<R extends BackofficeRoute> = ParamsPart<R> & BodyPart<R> & QueryPart<R>;
type Rest<R extends BackofficeRoute> = object extends CallOptions<R> ? [options?: CallOptions<R>] : [options: CallOptions<R>];

/** The address of a route with its parameters filled in and its query appended. */
export function routeUrl<R extends BackofficeRoute>(route: R, ...[options]: Rest<R>): string {
  const o = (options ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown> };
  const path = route.slice(route.indexOf(' ') + 1).replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(o.params?.[name] ?? ''));
  return `${path}${query(o.query ?? {})}`;
}

/** Calls one route of the back-office route map; the answer has the route's contract type. */
export function call<R extends BackofficeRoute>(route: R, ...rest: Rest<R>): Promise<Answer<R>> {
  const method = route.slice(0, route.indexOf(' '));
  const body = (rest[0] as { body?: unknown } | undefined)?.body;
  return send<Answer<R>>(method, routeUrl(route, ...rest), body ?? (method === 'POST' ? {} : undefined));
}

/** A query string from the set values (empty strings, null and undefined are left out). */
export function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export { formatDate, formatMoney } from './i18n.ts';
