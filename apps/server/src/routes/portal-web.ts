// The customer portal web app: /r/{slug} (and /r/{slug}/returns/{id}, the status page behind the
// email link) as the built index.html with the portal's settings inlined, its hashed assets under
// /r/assets/* cached for a year, and a friendly 404 page for an unknown or disabled portal.
// Portal pages may be framed by the sites the merchant allows (CSP frame-ancestors); app.ts sends
// X-Frame-Options: DENY for everything outside /r/.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { requestLanguage } from '../http/portal-messages.ts';
import {
  loadPortalSite,
  NOT_BUILT_MESSAGE,
  notBuiltHtml,
  notFoundHtml,
  type PortalSite,
  portalCsp,
  portalHtml,
} from '../http/portal-page.ts';
import { getPortalPage } from '../use-cases/portal/get-portal-page.ts';

export type PortalWebOptions = { distDir?: string | undefined };

export const DEFAULT_PORTAL_DIST = fileURLToPath(new URL('../../../portal/dist', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';

function accepts(request: FastifyRequest, encoding: string): boolean {
  return new RegExp(`\\b${encoding}\\b`).test(String(request.headers['accept-encoding'] ?? ''));
}

function sendHtml(request: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  reply.code(status).type('text/html; charset=utf-8').header('vary', 'accept-encoding');
  if (accepts(request, 'gzip')) return reply.header('content-encoding', 'gzip').send(gzipSync(html));
  return reply.send(html);
}

export function portalWebRoutes(ctx: Ctx, options: PortalWebOptions = {}): FastifyPluginAsyncZod {
  const distDir = options.distDir ?? DEFAULT_PORTAL_DIST;
  let site: PortalSite | null = null;
  /** The build, read once; while it is missing, looked for again on each request. */
  const currentSite = () => {
    site ??= loadPortalSite(distDir);
    return site;
  };

  return async (app) => {
    if (!currentSite()) app.log.warn(NOT_BUILT_MESSAGE);

    app.get('/r/assets/:file', { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } }, async (request, reply) => {
      const asset = currentSite()?.assets.get(request.params.file);
      if (!asset) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
      reply.type(asset.type).header('cache-control', IMMUTABLE).header('vary', 'accept-encoding');
      if (accepts(request, 'br')) return reply.header('content-encoding', 'br').send(asset.br);
      if (accepts(request, 'gzip')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    });

    const page = async (request: FastifyRequest, reply: FastifyReply, slug: string, cache: string) => {
      const built = currentSite();
      const query = request.query as { lang?: unknown };
      reply.header('cache-control', cache);
      if (!built) return sendHtml(request, reply, 503, notBuiltHtml());
      try {
        const { portal, frameAncestors } = await getPortalPage(ctx, slug, query.lang, request.headers['accept-language']);
        reply.header('content-security-policy', portalCsp(frameAncestors));
        return sendHtml(request, reply, 200, portalHtml(built, portal));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'portal_not_found') throw error;
        reply.header('content-security-policy', portalCsp([]));
        return sendHtml(request, reply, 404, notFoundHtml(built, requestLanguage(query, request.headers['accept-language'])));
      }
    };

    const PageParams = z.object({ slug: z.string().min(1).max(63) });
    const PageQuery = z.object({ lang: z.string().max(10).optional(), embed: z.string().max(5).optional() });
    app.get('/r/:slug', { schema: { hide: true, params: PageParams, querystring: PageQuery } }, (req, reply) =>
      page(req, reply, req.params.slug, 'no-cache'),
    );
    app.get('/r/:slug/', { schema: { hide: true, params: PageParams, querystring: PageQuery } }, (req, reply) =>
      page(req, reply, req.params.slug, 'no-cache'),
    );
    app.get(
      '/r/:slug/returns/:id',
      {
        schema: {
          hide: true,
          params: PageParams.extend({ id: z.string().min(1).max(64) }),
          querystring: PageQuery.extend({ access: z.string().max(100).optional() }),
        },
      },
      (req, reply) => page(req, reply, req.params.slug, 'no-store'),
    );
  };
}
