// One shape for every validation failure: { path: [...], message }.
import type { ZodError } from 'zod';

export type Issue = { path: (string | number)[]; message: string; in?: string };

/** An unknown field is reported at its own path (the parent's path plus the key), one issue per key. */
function withUnknownKeys(path: (string | number)[], message: string, keys: unknown): { path: (string | number)[]; message: string }[] {
  if (!Array.isArray(keys) || keys.length === 0) return [{ path, message }];
  return keys.map((k) => ({ path: [...path, String(k)], message: `Unrecognized key: "${String(k)}"` }));
}

export function issuesOf(error: ZodError): Issue[] {
  return error.issues.flatMap((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return i.code === 'unrecognized_keys' ? withUnknownKeys(path, i.message, i.keys) : [{ path, message: i.message }];
  });
}

function pathSegment(p: string): string | number {
  if (/^\d+$/.test(p)) return Number(p);
  const unescaped = p.replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped; // a key such as "%zz" is not URI-encoded; keep it as it is
  }
}

export function issuesFromFastify(
  validation: { instancePath: string; message?: string; keyword?: string; params?: Record<string, unknown> }[],
  context: string | undefined,
): Issue[] {
  return validation.flatMap((v) => {
    const path = v.instancePath.split('/').filter(Boolean).map(pathSegment);
    const message = v.message ?? 'Invalid value.';
    const issues = v.keyword === 'unrecognized_keys' ? withUnknownKeys(path, message, v.params?.keys) : [{ path, message }];
    return issues.map((i) => ({ ...i, ...(context ? { in: context } : {}) }));
  });
}
