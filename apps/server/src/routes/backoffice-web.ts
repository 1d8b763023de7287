// The merchant back office web app: /admin and every /admin/* path answer with the built
// index.html (the app routes with the History API; never cached), its hashed assets under
// /admin/assets/* are cached for a year. Never framed: X-Frame-Options DENY and a strict CSP.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadPortalSite, type PortalSite } from '../http/portal-page.ts';

export type BackofficeWebOptions = { distDir?: string | undefined };

export const DEFAULT_BACKOFFICE_DIST = fileURLToPath(new URL('../../../backoffice/dist', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';
export const BACKOFFICE_CSP = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
const NOT_BUILT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back office not built</title></head><body><main><h1>The back office is not built yet</h1><p>Run <code>npm run build:admin</code> and restart the server.</p></main></body></html>';

function accepts(request: FastifyRequest, encoding: string): boolean {
  return new RegExp(`\\b${encoding}\\b`).test(String(request.headers['accept-encoding'] ?? ''));
}

export function backofficeWebRoutes(options: BackofficeWebOptions = {}): FastifyPluginAsyncZod {
  const distDir = options.distDir ?? DEFAULT_BACKOFFICE_DIST;
  let site: PortalSite | null = null;
  const currentSite = () => {
    site ??= loadPortalSite(distDir);
    return site;
  };

  return async (app) => {
    const secure = (reply: FastifyReply) => reply.header('x-frame-options', 'DENY').header('content-security-policy', BACKOFFICE_CSP);

    app.get('/admin/assets/:file', { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } }, async (request, reply) => {
      secure(reply);
      const asset = currentSite()?.assets.get(request.params.file);
      if (!asset) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
      reply.type(asset.type).header('cache-control', IMMUTABLE).header('vary', 'accept-encoding');
      if (accepts(request, 'br')) return reply.header('content-encoding', 'br').send(asset.br);
      if (accepts(request, 'gzip')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    });

    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      secure(reply).header('cache-control', 'no-store').type('text/html; charset=utf-8').header('vary', 'accept-encoding');
      const built = currentSite();
      const html = built ? built.template : NOT_BUILT;
      reply.code(built ? 200 : 503);
      if (accepts(request, 'gzip')) return reply.header('content-encoding', 'gzip').send(gzipSync(html));
      return reply.send(html);
    };
    app.get('/admin', { schema: { hide: true } }, page);
    app.get('/admin/*', { schema: { hide: true } }, page);
  };
}
