// Completes the generated OpenAPI document (pure; see openapi.ts for the wiring): security from
// where a route lives, response descriptions from the status code, the error codes each error
// response can carry, the Idempotency-Key header where it is honoured, media types of the
// documents routes send, and only the components something refers to.
import { ERROR_STATUS } from '@retour/contracts/errors';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically here.
type Json = any;
export type OpenApiDocument = Json;

export const SECURITY_SCHEMES = {
  merchantApiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A merchant API key: `Authorization: Bearer <key>`. Create keys in the back office (Settings → API keys) or with `npx retour merchant create`.',
  },
  backofficeSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'retour_session',
    description:
      'The back office session cookie set by `POST /api/session`. Every change (POST, PUT, PATCH, DELETE) also carries the session’s `csrfToken` (from `GET /api/session`) in the `x-csrf-token` header; staff users may not manage users, API keys, integrations, payment accounts or webhooks.',
  },
  sendcloudBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'A Retour API key as the password of HTTP Basic authentication (what Sendcloud clients send); the user name is ignored.',
  },
  portalLookupToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The `token` answered by `POST /api/portal/{slug}/lookup` (valid for a limited time, for that order only).',
  },
  portalAccessCode: {
    type: 'apiKey',
    in: 'query',
    name: 'access',
    description: 'The access code of one return, from its confirmation email or the portal link.',
  },
} as const;

export const TAGS = [
  { name: 'operations', description: 'Health and readiness probes.' },
  { name: 'portal', description: 'The customer portal: public, or authorised by a lookup token or a return’s access code.' },
  { name: 'session', description: 'Back office sign-in (session cookie and CSRF token).' },
  { name: 'orders', description: 'Orders imported from shops, CSV files or the API.' },
  { name: 'returns', description: 'Returns and the staff actions on them.' },
  { name: 'configuration', description: 'Brands, addresses, portals, shipping rules, API keys, carriers and uploads.' },
  { name: 'emails', description: 'Email templates and the email outbox.' },
  { name: 'users', description: 'Back office users (owners only).' },
  { name: 'reports', description: 'Label cost reports.' },
  { name: 'insights', description: 'Return statistics.' },
  { name: 'integrations', description: 'Shop connections (WooCommerce, Shopify) and their signed webhooks.' },
  { name: 'payments', description: 'Payment accounts (Mollie) and payment webhooks.' },
  { name: 'imports', description: 'CSV imports and shop backfills.' },
  { name: 'webhooks', description: 'Outgoing webhook endpoints and their delivery log.' },
  { name: 'carriers', description: 'Tracking webhooks from carriers.' },
  { name: 'sendcloud', description: 'Sendcloud v3 compatible order import.' },
  { name: 'uploads', description: 'Uploaded images (logos, portal backgrounds).' },
  {
    name: 'carrier-accounts',
    description: 'Carrier accounts per merchant: credentials (stored sealed), test, services per country and method.',
  },
  { name: 'jobs', description: 'Background jobs that are waiting or dead, and retrying them.' },
  { name: 'catalogue', description: 'Products, variants and stock that exchanges offer (imported from shops or sent through the API).' },
];

const MERCHANT = [{ merchantApiKey: [] }, { backofficeSession: [] }];

/** Who may call an operation, from where it lives. A route may set `schema.security` itself. */
export function securityFor(method: string, path: string, operation: Json): Json[] {
  if (path.startsWith('/api/v1/')) return MERCHANT;
  if (path.startsWith('/api/v3/')) return [{ merchantApiKey: [] }, { sendcloudBasic: [] }];
  if (path === '/api/session' && method === 'post') return [];
  if (path.startsWith('/api/session')) return [{ backofficeSession: [] }];
  if (path === '/api/portal/{slug}/returns' && method === 'post') return [{ portalLookupToken: [] }];
  if (/^\/api\/portal\/\{slug\}\/exchange-(options|quote)$/.test(path)) return [{ portalLookupToken: [] }];
  const parameters: Json[] = operation.parameters ?? [];
  if (parameters.some((p) => p.in === 'query' && p.name === 'access')) return [{ portalAccessCode: [] }];
  return [];
}

const SIGNED = /^\/api\/(carriers|hooks|payments)\//;
const SIGNED_NOTE =
  'Sent by the provider, not by an API client: no credentials, the request is authenticated by its signature ' +
  '(or, for Mollie, by fetching the payment from Mollie) and the path key names the connection.';

/** `GET /api/v1/returns/{id}/label` → `getReturnsLabel`; a path ending in parameters adds `By<Name>And<Name>`. */
export function operationIdFor(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/(v1\/)?/, '/')
    .split('/')
    .filter(Boolean);
  const isParam = (s: string) => /^[:{]/.test(s);
  const words = segments.filter((s) => !isParam(s));
  const trailing: string[] = [];
  for (let i = segments.length - 1; i >= 0 && isParam(segments[i] ?? ''); i--) trailing.unshift((segments[i] ?? '').replace(/[:{}]/g, ''));
  if (trailing.length > 0) words.push('by', trailing.join('-and-'));
  const parts = words.flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  return method.toLowerCase() + parts.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
}

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work continues in the background',
  '204': 'No content: done',
  '400': 'Bad request: the input is invalid; `error.details.issues` says where',
  '401': 'Unauthorized: credentials are missing, invalid or expired',
  '403': 'Forbidden: these credentials may not do this',
  '404': 'Not found',
  '405': 'Method not allowed',
  '409': 'Conflict with the current state',
  '413': 'Payload too large',
  '415': 'Unsupported media type',
  '422': 'Unprocessable: a business rule refuses the request; `error.message` says why and what to do',
  '429': 'Too many requests: wait and retry',
  '500': 'Internal error',
  '502': 'The outside provider refused or failed',
  '503': 'Service unavailable: retry later',
};

/** What a document route sends (these routes have no JSON 2xx schema). */
const DOCUMENTS: [RegExp, Record<string, Json>][] = [
  [
    /\/label$/,
    { 'application/pdf': binary('PDF (a6, a4, 4x6)'), 'text/plain': { schema: { type: 'string', description: 'ZPL (format=zpl)' } } },
  ],
  [/\/qr$/, { 'image/png': binary('PNG QR code') }],
  [/\/(customs|withdrawal-form)$/, { 'application/pdf': binary('PDF') }],
  [/\.csv$/, { 'text/csv': { schema: { type: 'string', description: 'CSV with a header row' } } }],
  [/^\/uploads\//, { 'image/png': binary('PNG'), 'image/jpeg': binary('JPEG'), 'image/webp': binary('WebP') }],
];

function binary(description: string) {
  return { schema: { type: 'string', format: 'binary', description } };
}

const ERROR_REF = '#/components/schemas/Error';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Area = 'merchant' | 'session' | 'portal' | 'signed' | 'public';

function areaOf(path: string): Area {
  if (/^\/api\/v\d+\//.test(path)) return 'merchant';
  if (path.startsWith('/api/session')) return 'session';
  if (path.startsWith('/api/portal/')) return 'portal';
  if (SIGNED.test(path)) return 'signed';
  return 'public';
}

/** Codes only some areas answer (who authenticates how); every other code may come from any route. */
const AREA_CODES: Partial<Record<string, Area[]>> = {
  invalid_api_key: ['merchant'],
  unauthorized: ['merchant', 'session'],
  csrf_failed: ['merchant', 'session'],
  forbidden: ['merchant'],
  invalid_token: ['portal'],
  invalid_credentials: ['session'],
  invalid_signature: ['signed'],
  too_many_attempts: ['portal', 'session'],
  // Answered before any route matches, so no operation carries them.
  route_not_found: [],
  method_not_allowed: [],
};

/** The codes an error response can carry: those of its status and the route's area, narrowed to
 * the route's `config.errorCodes` when it declares them. */
export function codesFor(status: string, path: string, declared?: readonly string[]): string[] {
  const area = areaOf(path);
  return Object.entries(ERROR_STATUS)
    .filter(([code, s]) => String(s) === status && (AREA_CODES[code]?.includes(area) ?? true))
    .map(([code]) => code)
    .filter((code) => !declared || declared.includes(code));
}

/** Errors answered before the handler runs, whatever the route declares: bad parameters or body
 * (400), a body too large or of another type (413, 415), and on the merchant API the credentials
 * (401) and the CSRF token or the owner-only parts (403), and a database that does not answer (503). */
function impliedErrorStatuses(path: string, operation: Json): string[] {
  const statuses: string[] = [];
  if (operation.requestBody || (operation.parameters ?? []).some((p: Json) => p.in !== 'header')) statuses.push('400');
  if (areaOf(path) === 'merchant') statuses.push('401', '403');
  if (operation.requestBody) statuses.push('413', '415');
  // A database fault on any route answers 503 database_unavailable (http/error-handler.ts).
  if (path !== '/api/health') statuses.push('503');
  return statuses;
}

function completeResponses(path: string, operation: Json): void {
  const responses: Record<string, Json> = operation.responses ?? {};
  const declared: string[] | undefined = operation['x-retour-errors'];
  // The route's own error envelope (Sendcloud's on /api/v3), else the standard one.
  const errorSchema = Object.entries(responses).find(([s, r]) => s >= '400' && r.content?.['application/json'])?.[1].content[
    'application/json'
  ].schema ?? { $ref: ERROR_REF };
  for (const status of impliedErrorStatuses(path, operation)) {
    responses[status] ??= { description: 'Default Response', content: { 'application/json': { schema: structuredClone(errorSchema) } } };
  }
  if (!Object.keys(responses).some((s) => s.startsWith('2'))) {
    const content = DOCUMENTS.find(([pattern]) => pattern.test(path))?.[1] ?? { 'application/octet-stream': binary('The file') };
    responses['200'] = { description: 'OK: the document', content };
  }
  for (const [status, response] of Object.entries(responses)) {
    const schema = response.content?.['application/json']?.schema;
    if (status === '204') delete response.content;
    if (response.description === 'Default Response') {
      const name =
        typeof schema?.$ref === 'string' && !status.startsWith('4') && !status.startsWith('5') ? schema.$ref.split('/').at(-1) : '';
      response.description = `${STATUS_TEXT[status] ?? `HTTP ${status}`}${name ? ` (${name})` : ''}`;
    }
    if (schema?.$ref === ERROR_REF) {
      const codes = codesFor(status, path, declared);
      if (codes.length > 0) {
        response.content['application/json'].schema = {
          allOf: [
            { $ref: ERROR_REF },
            {
              type: 'object',
              properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } },
            },
          ],
        };
      }
    }
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any unique string (at most 200 characters, e.g. a UUID). A repeat with the same key and body answers the first response again ' +
    '(with `idempotent-replayed: true`) and creates nothing; the same key with another body is refused with `idempotency_key_reused`.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};

function completeOperation(method: string, path: string, operation: Json): void {
  operation.security ??= securityFor(method, path, operation);
  if (operation.security.length > 0) {
    // OpenAPI ignores an Authorization header parameter; the security scheme describes it.
    operation.parameters = (operation.parameters ?? []).filter(
      (p: Json) => !(p.in === 'header' && p.name.toLowerCase() === 'authorization'),
    );
  }
  const parameters: Json[] = (operation.parameters ?? []).filter(
    (p: Json) => !(p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
  );
  if (operation['x-retour-idempotent']) parameters.push(IDEMPOTENCY_HEADER);
  if (parameters.length > 0) operation.parameters = parameters;
  else delete operation.parameters;
  operation.description ||= operation.summary ?? '';
  if (SIGNED.test(path)) operation.description = `${operation.description.replace(/\.?$/, '.')}\n\n${SIGNED_NOTE}`;
  operation.tags ??= [
    path
      .replace(/^\/api\/(v\d+\/)?/, '/')
      .split('/')
      .filter(Boolean)[0] ?? 'operations',
  ];
  completeResponses(path, operation);
  delete operation['x-retour-idempotent'];
  delete operation['x-retour-errors'];
}

function refsIn(value: Json, found: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.add(v.replace('#/components/schemas/', ''));
      else refsIn(v, found);
    }
  }
}

/** Keeps the components reachable from the paths; a request-only `XInput` becomes `X` when no `X` is left. */
function pruneComponents(doc: Json): void {
  const schemas: Record<string, Json> = doc.components?.schemas ?? {};
  const reachable = new Set<string>();
  const queue: string[] = [];
  const start = new Set<string>();
  refsIn(doc.paths, start);
  for (const name of start) queue.push(name);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reachable.has(name)) continue;
    reachable.add(name);
    const inner = new Set<string>();
    refsIn(schemas[name], inner);
    for (const n of inner) if (!reachable.has(n)) queue.push(n);
  }
  const kept: Record<string, Json> = {};
  for (const name of Object.keys(schemas).sort()) if (reachable.has(name)) kept[name] = schemas[name];
  const renames = new Map<string, string>();
  for (const name of Object.keys(kept)) {
    const base = name.replace(/Input$/, '');
    if (base === name) continue;
    // A request variant identical to the response one is the same component.
    if (!kept[base] || JSON.stringify(kept[base]) === JSON.stringify(kept[name])) renames.set(name, base);
  }
  const text = JSON.stringify({ paths: doc.paths, kept }, (key, value) =>
    key === '$ref' && typeof value === 'string' && renames.has(value.replace('#/components/schemas/', ''))
      ? `#/components/schemas/${renames.get(value.replace('#/components/schemas/', ''))}`
      : value,
  );
  const renamed = JSON.parse(text);
  doc.paths = renamed.paths;
  const final: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(renamed.kept as Record<string, Json>))
    if (!final[renames.get(name) ?? name]) final[renames.get(name) ?? name] = schema;
  doc.components.schemas = Object.fromEntries(Object.entries(final).sort(([a], [b]) => a.localeCompare(b)));
}

/** A record keyed by an enum (`z.record(z.enum(…), …)`) requires every key: name them as properties too. */
function spellOutEnumKeys(value: Json): void {
  if (Array.isArray(value)) for (const v of value) spellOutEnumKeys(v);
  else if (value && typeof value === 'object') {
    const extra = value.additionalProperties;
    if (Array.isArray(value.required) && extra && typeof extra === 'object') {
      value.properties ??= {};
      for (const key of value.required) value.properties[key] ??= extra;
    }
    for (const v of Object.values(value)) spellOutEnumKeys(v);
  }
}

export function completeDocument(doc: OpenApiDocument): OpenApiDocument {
  spellOutEnumKeys(doc);
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const method of METHODS) if (item[method]) completeOperation(method, path, item[method]);
  }
  pruneComponents(doc);
  const error = doc.components.schemas.Error?.properties?.error;
  if (error?.properties?.code) {
    doc.components.schemas.ErrorCode = {
      type: 'string',
      description: 'Every stable error code (packages/contracts/src/errors.ts); each error response lists the ones it can carry.',
      enum: Object.keys(ERROR_STATUS),
    };
    error.properties.code = { $ref: '#/components/schemas/ErrorCode' };
  }
  const used = new Set<string>();
  for (const item of Object.values(doc.paths ?? {}) as Json[]) for (const m of METHODS) for (const t of item[m]?.tags ?? []) used.add(t);
  doc.tags = [
    ...TAGS.filter((t) => used.has(t.name)),
    // A tag missing from TAGS still gets a description (apps/server/test/openapi.test.ts asks for one in TAGS).
    ...[...used].filter((t) => !TAGS.some((k) => k.name === t)).map((name) => ({ name, description: `The ${name} operations.` })),
  ];
  return doc;
}
