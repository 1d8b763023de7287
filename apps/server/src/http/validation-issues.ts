// One shape for every validation failure: { path: [...], message }.
import type { ZodError } from 'zod';

export type Issue = { path: (string | number)[]; message: string; in?: string };

export function issuesOf(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

export function issuesFromFastify(validation: { instancePath: string; message?: string }[], context: string | undefined): Issue[] {
  return validation.map((v) => ({
    path: v.instancePath
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')))),
    message: v.message ?? 'Invalid value.',
    ...(context ? { in: context } : {}),
  }));
}
