// Starts Retour: opens and migrates the database, builds the app, listens, runs the in-process
// job worker, and shuts down gracefully on SIGINT/SIGTERM (finish requests, then close the db).
import { openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { createMailTransport } from '@retour/integrations/email/registry';
import { buildApp } from './app.ts';
import { productionCarrierAdapters } from './carrier-adapters.ts';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { startWorker } from './jobs/worker.ts';

export async function openContext(config: Config): Promise<{ ctx: Ctx; close: () => Promise<void> }> {
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db);
  const ctx: Ctx = {
    db: handle.db,
    dialect: handle.dialect,
    now: () => new Date(),
    carriers: createCarrierRegistry(),
    carrierAdapters: productionCarrierAdapters,
    providers: config.providers,
    secret: config.secretKey,
    publicUrl: config.publicUrl,
  };
  const mail = createMailTransport(config.smtpUrl);
  if (mail) ctx.mail = mail;
  if (config.mailFrom) ctx.mailFrom = config.mailFrom;
  return {
    ctx,
    close: async () => {
      mail?.close();
      await handle.close();
    },
  };
}

export async function startServer(config: Config, opts: { onReady?: (ctx: Ctx) => Promise<void> } = {}) {
  const { ctx, close } = await openContext(config);
  await opts.onReady?.(ctx);
  const app = await buildApp(ctx, {
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    trustProxy: config.trustedProxies,
  });
  const worker = startWorker(ctx, (error) => app.log.error({ err: error }, 'job worker error'));
  await app.listen({ port: config.port, host: config.host });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await worker.stop();
    await app.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, ctx, stop };
}
