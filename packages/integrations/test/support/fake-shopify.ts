// A local HTTP server that answers like a Shopify shop's Admin API, for the calls we make:
// the client-credentials token endpoint, GraphQL (every query is validated against the published
// 2026-10 schema and refused with a GraphQL error otherwise; its variables are coerced against the
// declared input types and refused with INVALID_VARIABLE when a required field, type or enum value
// is wrong), bulk result files served as JSONL,
// and the failure shapes: 401 for unknown tokens, 429 with Retry-After, THROTTLED errors, 5xx,
// and a request that never answers (for timeouts). Tests script it and read what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getVariableValues, type OperationDefinitionNode, parse } from 'graphql';
import { SHOPIFY_API_VERSION } from '../../src/shops/shopify/documents.ts';
import { adminSchema, validateDocument } from './shopify-schema.ts';

export type Received = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** For GraphQL calls: the root field (e.g. "shop", "returnRequest") and the variables. */
  field?: string;
  variables?: Record<string, any>;
};
type Handler = (variables: Record<string, any>, request: Received) => unknown;
type Scripted = { status: number; headers?: Record<string, string>; body: unknown } | 'hang' | 'throttled';

export class FakeShopify {
  readonly received: Received[] = [];
  readonly handlers = new Map<string, Handler>();
  readonly files = new Map<string, string>();
  /** Files whose next download breaks off after this many characters (once). */
  readonly breakAt = new Map<string, number>();
  /** GraphQL root fields whose next call is carried out, then the connection drops before the answer (once each). */
  readonly dropAnswer = new Set<string>();
  /** Variables are coerced against the operation's declared types, refused like Shopify (INVALID_VARIABLE) when wrong. */
  checkVariables = true;
  /** Webhook subscriptions made with webhookSubscriptionCreate (listed and deleted like Shopify does). */
  readonly subscriptions = new Map<string, { id: string; topic: string; uri: string }>();
  clientId = 'client-id-1';
  clientSecret = 'client-secret-1';
  expiresIn = 86_399;
  shopName = 'Fake Shop';
  currencyCode = 'EUR';
  private scripted: Scripted[] = [];
  private scriptedTokens: Scripted[] = [];
  private tokens = new Set<string>();
  private issued = 0;
  private server: Server;
  private hanging: ServerResponse[] = [];
  origin = '';

  constructor() {
    this.server = createServer((req, res) => void this.serve(req, res));
    // Like Shopify, only the fields the query selects.
    this.handle('shop', (_v, request) => ({
      shop: { name: this.shopName, ...(/\bcurrencyCode\b/.test(String(request.body?.query)) ? { currencyCode: this.currencyCode } : {}) },
    }));
    this.handle('webhookSubscriptionCreate', (v) => {
      const subscription = {
        id: `gid://shopify/WebhookSubscription/${this.received.length}`,
        topic: v.topic,
        uri: v.webhookSubscription?.uri,
      };
      this.subscriptions.set(subscription.id, subscription);
      return { webhookSubscriptionCreate: { webhookSubscription: { id: subscription.id, topic: v.topic }, userErrors: [] } };
    });
    // Pages of two, so a caller must follow pageInfo.
    this.handle('webhookSubscriptions', (v) => {
      const all = [...this.subscriptions.values()].filter((w) => v.uri === undefined || w.uri === v.uri);
      const start = v.after ? Number(v.after) : 0;
      const nodes = all.slice(start, start + 2);
      const hasNextPage = start + 2 < all.length;
      return { webhookSubscriptions: { nodes, pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 2) : null } } };
    });
    this.handle('webhookSubscriptionDelete', (v) =>
      this.subscriptions.delete(v.id)
        ? { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: v.id, userErrors: [] } }
        : {
            webhookSubscriptionDelete: {
              deletedWebhookSubscriptionId: null,
              userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
            },
          },
    );
  }

  async start(): Promise<this> {
    adminSchema(); // parsed once up front, not during a timed request
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  handle(field: string, handler: Handler): void {
    this.handlers.set(field, handler);
  }

  /** The next GraphQL requests (with a valid token) get these answers instead, in order. */
  script(...answers: Scripted[]): void {
    this.scripted.push(...answers);
  }

  /** The next token requests get these answers instead, in order. */
  scriptToken(...answers: Scripted[]): void {
    this.scriptedTokens.push(...answers);
  }

  /** Forgets every issued token: the next GraphQL call gets 401 (as after expiry or revocation). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  graphqlCalls(field?: string): Received[] {
    return this.received.filter((r) => r.field !== undefined && (field === undefined || r.field === field));
  }

  tokenCalls(): Received[] {
    return this.received.filter((r) => r.path === '/admin/oauth/access_token');
  }

  get graphqlPath(): string {
    return `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] as string;
    const received: Received = { method: req.method ?? '', path, headers: req.headers, body: parseBody(text, req.headers['content-type']) };

    if (req.method === 'GET' && path.startsWith('/bulk/')) {
      this.received.push(received);
      const name = path.slice('/bulk/'.length);
      const whole = this.files.get(name);
      if (whole === undefined) return send(res, 404, { error: 'Not Found' });
      const cut = this.breakAt.get(name);
      this.breakAt.delete(name);
      const file = cut === undefined ? whole : whole.slice(0, cut);
      res.writeHead(200, { 'content-type': 'application/jsonl' });
      // In small chunks, so lines are split across reads as on a real download.
      for (let i = 0; i < file.length; i += 97) res.write(file.slice(i, i + 97));
      if (cut !== undefined)
        res.socket?.end(); // the connection closes mid-file (no last chunk)
      else res.end();
      return;
    }

    if (path === '/admin/oauth/access_token') {
      this.received.push(received);
      if (this.takeScripted(res, this.scriptedTokens)) return;
      const b = received.body ?? {};
      if (
        req.method !== 'POST' ||
        b.grant_type !== 'client_credentials' ||
        b.client_id !== this.clientId ||
        b.client_secret !== this.clientSecret
      ) {
        return send(res, 400, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client.' });
      }
      const token = `shpat_${++this.issued}`;
      this.tokens.add(token);
      return send(res, 200, { access_token: token, scope: 'read_orders,write_returns', expires_in: this.expiresIn });
    }

    if (req.method === 'POST' && path === this.graphqlPath) {
      const query = String(received.body?.query ?? '');
      received.variables = received.body?.variables ?? {};
      received.field = rootField(query);
      this.received.push(received);
      const token = req.headers['x-shopify-access-token'];
      if (typeof token !== 'string' || !this.tokens.has(token)) {
        return send(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      }
      if (this.takeScripted(res, this.scripted)) return;
      const problems = validateDocument(query);
      if (problems.length > 0) {
        return send(res, 200, { errors: problems.map((message) => ({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
      }
      if (this.checkVariables) {
        const invalid = variableProblems(query, received.variables ?? {});
        if (invalid.length > 0)
          return send(res, 200, { errors: invalid.map((message) => ({ message, extensions: { code: 'INVALID_VARIABLE' } })) });
      }
      const handler = received.field ? this.handlers.get(received.field) : undefined;
      if (!handler) return send(res, 200, { errors: [{ message: `The fake has no answer for ${received.field}.` }] });
      if (received.field && this.dropAnswer.delete(received.field)) {
        handler(received.variables ?? {}, received); // Shopify acted; the answer is lost on the way
        res.socket?.destroy();
        return;
      }
      let data: unknown;
      try {
        data = handler(received.variables ?? {}, received);
      } catch (error) {
        // A query Shopify cannot answer (e.g. returnCalculate of an unknown variant): a top-level error, no data.
        if (error instanceof ShopifyQueryError) return send(res, 200, { data: null, errors: [{ message: error.message }] });
        throw error;
      }
      return send(res, 200, { data, extensions: { cost: { requestedQueryCost: 1 } } });
    }
    send(res, 404, { errors: 'Not Found' });
  }

  private takeScripted(res: ServerResponse, queue: Scripted[]): boolean {
    const next = queue.shift();
    if (!next) return false;
    if (next === 'hang') {
      this.hanging.push(res);
      return true;
    }
    if (next === 'throttled') {
      send(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
      });
      return true;
    }
    send(res, next.status, next.body, next.headers);
    return true;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function parseBody(text: string, type: string | undefined): any {
  if (!text) return null;
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Thrown by a handler for a query Shopify refuses with a top-level GraphQL error. */
export class ShopifyQueryError extends Error {}

/** graphql-js's own coercion of the variables against the operation's declarations (types, required fields, enums). */
function variableProblems(query: string, variables: Record<string, unknown>): string[] {
  const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const coerced = getVariableValues(adminSchema(), op?.variableDefinitions ?? [], variables);
  return 'errors' in coerced && coerced.errors ? coerced.errors.map((e) => e.message) : [];
}

function rootField(query: string): string | undefined {
  try {
    const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const first = op?.selectionSet.selections[0];
    return first?.kind === 'Field' ? first.name.value : undefined;
  } catch {
    return undefined;
  }
}

/** Provider endpoints that send every shop to the fake. */
export function fakeEndpoints(fake: FakeShopify, timeoutMs = 2_000) {
  return { mollieApiUrl: 'http://127.0.0.1:9/', shopifyOrigin: () => fake.origin, allowInsecureHttp: true, timeoutMs };
}
