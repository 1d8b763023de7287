// The published API description (GET /api/openapi.json), completed centrally so that a route only
// declares what is specific to it (summary, schemas, and optionally `schema.operationId`,
// `config.idempotencyKey`, `config.errorCodes`):
// - every schema exported by a module of packages/contracts gets a component name (export name without
//   "Schema") and is referenced with `$ref` — except those a route uses as querystring, params or
//   headers, which OpenAPI spells out as parameters;
// - operationId, tags, security, response descriptions, the error codes per response and the
//   Idempotency-Key header are added in openapi-document.ts.
import { readdirSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeDocument, type OpenApiDocument, operationIdFor, SECURITY_SCHEMES, TAGS } from './openapi-document.ts';

const CONTRACTS_DIR = new URL('../../../../packages/contracts/src/', import.meta.url);

/** Every module of packages/contracts, by file name (new files are picked up without a list). */
export async function loadContractModules(): Promise<Record<string, Record<string, unknown>>> {
  const names = readdirSync(CONTRACTS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
  // A relative path pattern (not `@retour/contracts/${name}`), so that the production build
  // (scripts/build-server.mjs) bundles every contracts module and this loads the same instances.
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await import(`../../../../packages/contracts/src/${name}.ts`)])),
  );
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler honours the Idempotency-Key header (see http/idempotency.ts). */
    idempotencyKey?: boolean;
    /** The error codes this route can answer; without it, every code of each error status is listed. */
    errorCodes?: readonly string[];
  }
}

/** The component name of a contracts export: `MerchantReturnSchema` → `MerchantReturn`. The
 * transform names a request's variant `<name>Input`, so an export already ending in "Input" is
 * renamed `<base>Request` to keep the two apart. */
export function componentName(exportName: string): string {
  const base = exportName.replace(/Schema$/, '');
  return base.endsWith('Input') ? `${base.slice(0, -'Input'.length)}Request` : base;
}

function nameContractSchemas(modules: Record<string, Record<string, unknown>>, parameterSchemas: Set<unknown>): void {
  const registry = z.globalRegistry;
  for (const exports of Object.values(modules)) {
    for (const [exportName, value] of Object.entries(exports)) {
      if (!(value instanceof z.ZodType) || parameterSchemas.has(value)) continue;
      const id = componentName(exportName);
      const meta = registry.get(value);
      if (meta?.id) continue; // an alias of an export named already
      const previous = registry._idmap.get(id);
      if (previous === value) continue;
      // The same module loaded again (test runners re-import per file): the newest copy wins.
      if (previous) registry.remove(previous);
      registry.add(value, { ...meta, id });
    }
  }
}

/** Registers @fastify/swagger with named components and the completed document. Call before any route. */
export async function registerOpenApi(app: FastifyInstance, register: (options: object) => Promise<void>): Promise<void> {
  const parameterSchemas = new Set<unknown>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    for (const part of ['querystring', 'params', 'headers'] as const) if (schema?.[part]) parameterSchemas.add(schema[part]);
  });
  const modules = await loadContractModules();
  app.addHook('onReady', async () => nameContractSchemas(modules, parameterSchemas));

  const routeTransform = createJsonSchemaTransform({});
  const objectTransform = createJsonSchemaTransformObject({});
  await register({
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Retour API',
        version: '0.1.0',
        description:
          'Returns portal and merchant API of Retour, an open-source, self-hostable returns platform.\n\n' +
          'Every error answers `{ error: { code, message, details } }`: `code` is a stable snake_case code ' +
          '(each response lists the codes it can carry), `message` a sentence saying what to do next.',
        license: { name: 'AGPL-3.0-only', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
        contact: { name: 'The operator of this Retour server' },
      },
      servers: [{ url: '/', description: 'This Retour server' }],
      tags: TAGS,
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: (input: Parameters<typeof routeTransform>[0] & { route: RouteOptions }) => {
      const result = routeTransform(input);
      const schema = result.schema as Record<string, unknown> | undefined;
      if (!schema || schema.hide) return result;
      const methods = Array.isArray(input.route.method) ? input.route.method : [input.route.method];
      schema.operationId ??= operationIdFor(String(methods[0]), input.url);
      const config = (input.route.config ?? {}) as { idempotencyKey?: boolean; errorCodes?: readonly string[] };
      if (config.idempotencyKey) schema['x-retour-idempotent'] = true;
      if (config.errorCodes) schema['x-retour-errors'] = [...config.errorCodes];
      return result;
    },
    transformObject: (input: Parameters<typeof objectTransform>[0]) => completeDocument(objectTransform(input) as OpenApiDocument),
  });
}
