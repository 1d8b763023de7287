// An API key as the API shows it: never the secret nor its hash.
import type { ApiKeysTable } from '@retour/db/schema';

export const apiKeyView = (k: ApiKeysTable) => ({
  id: k.id,
  name: k.name,
  prefix: k.keyPrefix,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
});
