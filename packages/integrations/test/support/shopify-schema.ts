// The published Admin GraphQL schema of the pinned API version, from the @shopify/dev-mcp package
// (a dev dependency): used to validate our documents in CI and by the local Shopify test server.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery, parse, validate } from 'graphql';
import { SHOPIFY_API_VERSION } from '../../src/shops/shopify/documents.ts';

let cached: GraphQLSchema | undefined;

/**
 * Finds the file through the node_modules folders Node would search from here (the package's
 * `exports` hide its data files from require.resolve), so any workspace or hoisting layout works.
 */
export function adminSchemaPath(version = SHOPIFY_API_VERSION): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('@shopify/dev-mcp') ?? []) {
    const file = join(dir, '@shopify', 'dev-mcp', 'dist', 'data', `admin_${version}.json.gz`);
    if (existsSync(file)) return file;
  }
  throw new Error(`admin_${version}.json.gz not found: run npm install (dev dependency @shopify/dev-mcp).`);
}

export function adminSchema(): GraphQLSchema {
  if (cached) return cached;
  const introspection = JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString('utf8')) as { data: IntrospectionQuery };
  cached = buildClientSchema(introspection.data);
  return cached;
}

/** The validation errors of one document (empty when it is valid). */
export function validateDocument(source: string): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(source);
  } catch (error) {
    return [(error as Error).message];
  }
  return validate(adminSchema(), document).map((e) => e.message);
}
