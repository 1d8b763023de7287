// The API description at /api/openapi.json (issue #13, item 3): named components, an operationId,
// summary, tags, security and real response descriptions on every operation, error codes per
// response, Idempotency-Key where it is honoured; it passes Redocly and Spectral (and the lint
// script fails on a broken document); a client generated from it with openapi-typescript compiles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesFor, operationIdFor, TAGS } from '../src/http/openapi-document.ts';
import { componentName, loadContractModules } from '../src/http/openapi.ts';
import { type Harness, json, startHarness } from './support/harness.ts';

const root = join(import.meta.dirname, '../../..');
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
type Json = any;

let h: Harness;
let doc: Json;
let dir: string;
const operations: { method: string; path: string; op: Json }[] = [];

beforeAll(async () => {
  h = await startHarness();
  const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = json(res);
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
  }
  dir = mkdtempSync(join(tmpdir(), 'retour-openapi-'));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every operation', () => {
  it('has a unique operationId, a summary, a description, defined tags and a security requirement', () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tagNames = new Set(TAGS.map((t) => t.name));
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.description, where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tagNames.has(tag), `${where} tag ${tag}`).toBe(true);
      expect(Array.isArray(op.security), where).toBe(true);
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        expect(response.description, `${where} ${status}`).not.toBe('Default Response');
      }
      if (!['/api/health', '/api/ready'].includes(path)) {
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('4')),
          `${where} has a 4xx`,
        ).toBe(true);
      }
    }
  });

  it('gets its security from where the route lives', () => {
    const security = (method: string, path: string) => doc.paths[path][method].security;
    expect(security('get', '/api/v1/returns/{id}')).toEqual([{ merchantApiKey: [] }, { backofficeSession: [] }]);
    expect(security('post', '/api/v3/orders')).toEqual([{ merchantApiKey: [] }, { sendcloudBasic: [] }]);
    expect(security('post', '/api/session')).toEqual([]);
    expect(security('get', '/api/session')).toEqual([{ backofficeSession: [] }]);
    expect(security('post', '/api/portal/{slug}/returns')).toEqual([{ portalLookupToken: [] }]);
    expect(security('get', '/api/portal/{slug}/returns/{id}')).toEqual([{ portalAccessCode: [] }]);
    expect(security('post', '/api/portal/{slug}/lookup')).toEqual([]);
    const hook = doc.paths['/api/hooks/woocommerce/{hookKey}'].post;
    expect(hook.security).toEqual([]);
    expect(hook.description).toContain('signature');
    // The bearer token is the security scheme's business, not a parameter.
    const create = doc.paths['/api/portal/{slug}/returns'].post;
    expect(create.parameters.some((p: Json) => p.name.toLowerCase() === 'authorization')).toBe(false);
  });

  it('derives stable operationIds from method and path', () => {
    expect(operationIdFor('GET', '/api/v1/returns/:id/label')).toBe('getReturnsLabel');
    expect(operationIdFor('GET', '/api/v1/returns/:id')).toBe('getReturnsById');
    expect(operationIdFor('PUT', '/api/v1/email-templates/:template/:language')).toBe('putEmailTemplatesByTemplateAndLanguage');
    expect(operationIdFor('GET', '/api/v1/returns/export.csv')).toBe('getReturnsExportCsv');
    expect(operationIdFor('GET', '/api/portal/:slug')).toBe('getPortalBySlug');
    expect(doc.paths['/api/v1/orders'].post.operationId).toBe('postOrders');
  });
});

describe('components', () => {
  it('names the shared schemas and refers to them instead of repeating them', () => {
    const schemas = doc.components.schemas;
    for (const name of ['Error', 'ErrorCode', 'Money', 'Address', 'Order', 'MerchantReturn', 'ReturnView', 'Webhook', 'ReturnStatus']) {
      expect(schemas[name], name).toBeDefined();
    }
    const text = JSON.stringify(doc.paths);
    // The error envelope is written out once, as a component.
    expect(text).not.toContain('"message":{"type":"string"}');
    expect(text.match(/#\/components\/schemas\/Error"/g)?.length).toBeGreaterThan(300);
    expect(doc.paths['/api/v1/returns/{id}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MerchantReturn',
    });
    // Every component is used, and every reference resolves.
    const refs = new Set(JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9]+/g));
    for (const ref of refs) expect(schemas[ref.split('/').at(-1) as string], ref).toBeDefined();
    expect(Object.keys(schemas).every((name) => refs.has(`#/components/schemas/${name}`))).toBe(true);
  });

  it('takes the names from every contracts module', async () => {
    const files = readdirSync(join(root, 'packages/contracts/src')).filter((f) => f.endsWith('.ts'));
    const modules = await loadContractModules();
    expect(Object.keys(modules)).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    expect(modules.common?.MoneySchema).toBeDefined();
    expect(componentName('MerchantReturnSchema')).toBe('MerchantReturn');
    expect(componentName('ApiKeyInputSchema')).toBe('ApiKeyRequest');
  });
});

describe('error responses', () => {
  const codesOf = (method: string, path: string, status: string): string[] =>
    doc.paths[path][method].responses[status].content['application/json'].schema.allOf[1].properties.error.properties.code.enum;

  it('list the codes of their status that the route can answer', () => {
    const notFound = codesOf('get', '/api/v1/orders/{id}', '404');
    expect(notFound).toContain('order_not_found');
    expect(notFound).not.toContain('route_not_found');
    expect(codesOf('get', '/api/v1/orders/{id}', '401')).toEqual(['unauthorized', 'invalid_api_key']);
    expect(codesOf('post', '/api/portal/{slug}/returns', '401')).toEqual(['invalid_token']);
    expect(codesOf('post', '/api/session', '401')).toEqual(['unauthorized', 'invalid_credentials']);
    expect(codesOf('post', '/api/v1/returns/{id}/approve', '409')).toContain('invalid_transition');
    // Errors answered before any handler are listed even where the route does not declare them.
    expect(codesOf('post', '/api/v1/brands', '403')).toEqual(['forbidden', 'csrf_failed']);
    expect(codesOf('post', '/api/v1/brands', '415')).toEqual(['unsupported_media_type']);
    expect(codesOf('post', '/api/hooks/woocommerce/{hookKey}', '401')).toEqual(['invalid_signature']);
  });

  it('narrow to the codes a route declares in config.errorCodes', () => {
    expect(codesFor('404', '/api/v1/orders/{id}', ['order_not_found', 'slug_taken'])).toEqual(['order_not_found']);
  });
});

describe('Idempotency-Key', () => {
  it('is a header parameter exactly where the handler honours it', () => {
    const documented = operations
      .filter(({ op }) => (op.parameters ?? []).some((p: Json) => p.in === 'header' && p.name === 'Idempotency-Key'))
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    expect(documented).toEqual(
      [
        'post /api/portal/{slug}/returns',
        'post /api/v1/addresses',
        'post /api/v1/api-keys',
        'post /api/v1/brands',
        'post /api/v1/carrier-accounts',
        'post /api/v1/orders',
        'post /api/v1/portals',
        'post /api/v1/returns',
        'post /api/v1/returns/{id}/notes',
        'post /api/v1/returns/{id}/refunds',
        'post /api/v1/returns/{id}/replacements',
        'post /api/v1/returns/{id}/store-credits',
        'post /api/v1/shipping-rules',
      ].sort(),
    );
  });
});

describe('lint and generated client', () => {
  it('passes Redocly and Spectral, and the lint script fails on a broken document', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(doc));
    const passed = spawnSync('bash', [join(root, 'scripts/lint-openapi.sh'), good], { cwd: root, encoding: 'utf8' });
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);

    const broken = structuredClone(doc);
    delete broken.paths['/api/v1/orders'].get.operationId;
    broken.paths['/api/v1/orders'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Nope' };
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(broken));
    const failed = spawnSync('bash', [join(root, 'scripts/lint-openapi.sh'), bad], { cwd: root, encoding: 'utf8' });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain('operation-operationId');
    expect(failed.stdout + failed.stderr).toContain('no-unresolved-refs');
  }, 120_000);

  it('generates a TypeScript client with openapi-typescript that compiles under strict tsc', async () => {
    const source = astToString(await openapiTS(structuredClone(doc)));
    writeFileSync(join(dir, 'api.d.ts'), source);
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import type { components, operations, paths } from './api.d.ts';",
        "type Return = paths['/api/v1/returns/{id}']['get']['responses']['200']['content']['application/json'];",
        "export const status: Return['status'] = 'requested';",
        "export const money: components['schemas']['Money'] = { value: '12.50', currency: 'EUR' };",
        "type NotFound = operations['getOrdersById']['responses']['404']['content']['application/json'];",
        "export const code: NotFound['error']['code'] = 'order_not_found';",
        "type Key = NonNullable<operations['postOrders']['parameters']['header']>['Idempotency-Key'];",
        "export const key: Key = 'a-uuid';",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    // A wrong code does not compile: the enum is real.
    writeFileSync(
      join(dir, 'wrong.ts'),
      "import type { operations } from './api.d.ts';\nexport const c: operations['getOrdersById']['responses']['404']['content']['application/json']['error']['code'] = 'slug_taken';\n",
    );
    const wrong = ts.createProgram([join(dir, 'wrong.ts')], program.getCompilerOptions());
    expect(ts.getPreEmitDiagnostics(wrong).length).toBeGreaterThan(0);
  }, 120_000);
});
