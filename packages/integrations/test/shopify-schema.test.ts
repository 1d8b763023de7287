// Every GraphQL document we send to Shopify is valid against the published Admin schema of the
// pinned API version (shipped in @shopify/dev-mcp), so a renamed field fails CI, not a merchant.
import { describe, expect, it } from 'vitest';
import { ALL_DOCUMENTS, SHOPIFY_API_VERSION } from '../src/shops/shopify/documents.ts';
import { adminSchemaPath, validateDocument } from './support/shopify-schema.ts';

describe(`Shopify documents against the Admin API ${SHOPIFY_API_VERSION} schema`, () => {
  it('finds the pinned schema', () => {
    expect(adminSchemaPath()).toMatch(/admin_2026-10\.json\.gz$/);
  });

  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid', (_name, source) => {
    expect(validateDocument(source)).toEqual([]);
  });

  it('rejects a document with an unknown field (the check can fail)', () => {
    expect(validateDocument('query { shop { nameThatDoesNotExist } }').join('\n')).toMatch(/nameThatDoesNotExist/);
  });
});
