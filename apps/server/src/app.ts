// Builds the Fastify app from its dependencies; server.ts listens, tests call app.inject().
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from './context.ts';
import { authenticate } from './http/auth.ts';
import { frameworkError, installErrorHandling } from './http/error-handler.ts';
import { createImportGate, DEFAULT_IMPORT_CONCURRENCY, type ImportGate } from './http/import-gate.ts';
import { refuseNulHook } from './http/nul-guard.ts';
import { registerOpenApi } from './http/openapi.ts';
import { backofficeWebRoutes } from './routes/backoffice-web.ts';
import { guardStaffChanges } from './http/session-auth.ts';
import { carrierWebhookRoutes } from './routes/carrier-webhooks.ts';
import { healthRoutes } from './routes/health.ts';
import { merchantBackofficeRoutes } from './routes/merchant-backoffice.ts';
import { merchantCarrierAccountRoutes } from './routes/merchant-carrier-accounts.ts';
import { merchantCatalogueRoutes } from './routes/merchant-catalogue.ts';
import { merchantConfigRoutes } from './routes/merchant-config.ts';
import { merchantDeepLinkRoutes } from './routes/merchant-deep-links.ts';
import { merchantEmailRoutes } from './routes/merchant-emails.ts';
import { merchantImportRoutes } from './routes/merchant-imports.ts';
import { merchantIntegrationRoutes } from './routes/merchant-integrations.ts';
import { merchantJobRoutes } from './routes/merchant-jobs.ts';
import { merchantReturnRuleRoutes } from './routes/merchant-return-rules.ts';
import { merchantOrderRoutes } from './routes/merchant-orders.ts';
import { merchantPaymentRoutes } from './routes/merchant-payments.ts';
import { paymentWebhookRoutes } from './routes/payment-webhooks.ts';
import { portalPaymentRoutes } from './routes/portal-payments.ts';
import { merchantReportRoutes } from './routes/merchant-reports.ts';
import { merchantReturnRoutes } from './routes/merchant-returns.ts';
import { merchantWebhookRoutes } from './routes/merchant-webhooks.ts';
import { portalRoutes } from './routes/portal.ts';
import { portalExchangeRoutes } from './routes/portal-exchanges.ts';
import { portalWebRoutes } from './routes/portal-web.ts';
import { sendcloudOrderRoutes } from './routes/sendcloud-orders.ts';
import { servicePointRoutes } from './routes/service-points.ts';
import { shopifyRoutes } from './routes/shopify.ts';
import { shopifyWebhookRoutes } from './routes/shopify-webhooks.ts';
import { sessionRoutes } from './routes/session.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { woocommerceRoutes } from './routes/woocommerce.ts';
import { woocommerceHookRoutes } from './routes/woocommerce-hooks.ts';
import { merchantPhotoRoutes } from './routes/merchant-photos.ts';
import { portalPhotoRoutes } from './routes/portal-photos.ts';

export interface AppOptions {
  logger?: boolean | object;
  /** Check every response against its schema (tests); production serialises without checking. */
  validateResponses?: boolean;
  trustProxy?: string[] | boolean;
  /** The built customer portal (default apps/portal/dist); tests may pass a fixture build. */
  portalDist?: string;
  /** The built back office (default apps/backoffice/dist). */
  backofficeDist?: string;
  /** Order-import requests at work at once (config RETOUR_IMPORT_CONCURRENCY; default 2); the rest wait. */
  importConcurrency?: number;
  /** The import gate itself (tests: a small queue whose state they can watch); overrides importConcurrency. */
  importGate?: ImportGate;
}

export async function buildApp(ctx: Ctx, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy:
      options.trustProxy && (Array.isArray(options.trustProxy) ? options.trustProxy.length > 0 : true) ? options.trustProxy : false,
    requestIdHeader: 'x-request-id',
    // One log line per request, written below: ids and the route template only, never the URL
    // (it can carry an access code) or bodies (personal data).
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  const importGate = options.importGate ?? createImportGate(options.importConcurrency ?? DEFAULT_IMPORT_CONCURRENCY);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  installErrorHandling(app);
  // Callback hooks, not async ones: no promise per request on the hot paths (issue #12).
  app.addHook('preValidation', refuseNulHook);

  // Without a logger, request.log is Fastify's no-op logger: skip building the line at all.
  const logRequests = Boolean(options.logger);
  app.addHook('onResponse', (request, reply, done) => {
    if (!logRequests) return done();
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        merchantId: request.auth?.merchantId,
      },
      'request',
    );
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/r/')) reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/admin')) {
      // The back office refuses framing; keep any policy the page sets and add frame-ancestors.
      const csp = reply.getHeader('content-security-policy');
      const policy = typeof csp === 'string' && csp.trim() ? csp : '';
      if (!/frame-ancestors/i.test(policy)) {
        reply.header(
          'content-security-policy',
          policy ? `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'` : "frame-ancestors 'none'",
        );
      }
    }
    done(null, payload);
  });

  await registerOpenApi(app, async (options) => {
    await app.register(fastifySwagger, options);
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(ctx));
  await app.register(portalRoutes(ctx));
  await app.register(portalExchangeRoutes(ctx));
  await app.register(portalWebRoutes(ctx, { distDir: options.portalDist }));
  await app.register(backofficeWebRoutes({ distDir: options.backofficeDist }));
  await app.register(servicePointRoutes(ctx));
  await app.register(carrierWebhookRoutes(ctx));
  await app.register(woocommerceHookRoutes(ctx));
  await app.register(shopifyWebhookRoutes(ctx));
  await app.register(paymentWebhookRoutes(ctx));
  await app.register(portalPaymentRoutes(ctx));
  await app.register(sessionRoutes(ctx));
  await app.register(uploadRoutes(ctx));
  await app.register(sendcloudOrderRoutes(ctx, importGate), { prefix: '/api/v3' });
  await app.register(portalPhotoRoutes(ctx));
  await app.register(
    async (merchant) => {
      merchant.addHook('onRequest', async (request) => authenticate(ctx, request));
      merchant.addHook('preHandler', async (request) => guardStaffChanges(ctx, request));
      await merchant.register(merchantConfigRoutes(ctx));
      await merchant.register(merchantOrderRoutes(ctx, importGate));
      await merchant.register(merchantReturnRoutes(ctx));
      await merchant.register(merchantReportRoutes(ctx));
      await merchant.register(merchantEmailRoutes(ctx));
      await merchant.register(merchantBackofficeRoutes(ctx));
      await merchant.register(merchantIntegrationRoutes(ctx));
      await merchant.register(woocommerceRoutes(ctx));
      await merchant.register(shopifyRoutes(ctx));
      await merchant.register(merchantPaymentRoutes(ctx));
      await merchant.register(merchantImportRoutes(ctx));
      await merchant.register(merchantWebhookRoutes(ctx));
      await merchant.register(merchantJobRoutes(ctx));
      await merchant.register(merchantCarrierAccountRoutes(ctx));
      await merchant.register(merchantCatalogueRoutes(ctx));
      await merchant.register(merchantReturnRuleRoutes(ctx));
      await merchant.register(merchantDeepLinkRoutes(ctx));
      await merchant.register(merchantPhotoRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  return app;
}
