// Starts Retour: opens and migrates the database, builds the app, listens, runs the in-process
// job worker, and shuts down gracefully on SIGINT/SIGTERM:
// 1. the listener closes (no new connections) while in-flight requests finish, and the worker
//    starts no new job while the running one finishes — both within SHUTDOWN_TIMEOUT_MS;
// 2. past it, open connections are cut and running jobs aborted (their jobs go back to the
//    queue, due at once, for this or another process);
// 3. the worker id is let go, the database closed, and the process exits 0.
import { openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { isDatabaseUnavailable } from '@retour/db/errors';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { createMailTransport } from '@retour/integrations/email/registry';
import { createObjectStorage } from '@retour/integrations/storage/registry';
import { productionCarrierAdapters } from './carrier-adapters.ts';
import type { Config } from './config.ts';
import type { Ctx } from './context.ts';
import { JOBS } from './composition.ts';
import { startWorker, type Worker, type WorkerOptions } from './jobs/worker.ts';
import { claimWorkerIdentity, privateWorkerIdentity, defaultWorkerId, type WorkerIdentity } from './jobs/worker-identity.ts';

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
    jobs: JOBS,
    storage: createObjectStorage(config.storage),
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

/**
 * Takes this process's worker id (taking back at once the jobs a previous run left leased under
 * it), then starts the worker loop. Jobs run inline by requests are leased under the same id.
 */
export async function startJobs(
  ctx: Ctx,
  config: Pick<Config, 'workerId'>,
  role: 'serve' | 'worker',
  onError: (error: unknown) => void,
  outage: Pick<WorkerOptions, 'onOutage' | 'onRecovered'> = {},
): Promise<{ worker: Worker; identity: WorkerIdentity }> {
  const wanted = config.workerId ?? defaultWorkerId(role);
  // A database that cannot be written now (read-only file, full disk) must not stop the start:
  // the server serves reads and answers writes with 503 until it can write again.
  const identity = await claimWorkerIdentity(ctx, wanted).catch((error: unknown) => {
    if (!isDatabaseUnavailable(error)) throw error;
    onError(error);
    return privateWorkerIdentity(wanted);
  });
  ctx.workerId = identity.id;
  return { worker: startWorker(ctx, onError, 500, { identity, ...outage }), identity };
}

/**
 * Runs `stop` once on SIGINT/SIGTERM; a second signal, or stop taking twice the grace, exits at once.
 * Returns a trigger for the same stop that is never a "second signal" (a cluster primary's request,
 * which may arrive beside the signal the whole process group got).
 */
export function onStopSignal(
  graceMs: number,
  stop: (signal: string) => Promise<void>,
  log: (message: string) => void,
): (reason: string) => void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    setTimeout(
      () => {
        log('shutdown did not finish in time: exiting now');
        process.exit(1);
      },
      2 * graceMs + 5_000,
    ).unref();
    stop(signal).then(
      () => process.exit(0),
      (error) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
  return (reason) => {
    if (!stopping) handle(reason);
  };
}

export async function startServer(config: Config, opts: { onReady?: (ctx: Ctx) => Promise<void> } = {}) {
  const { ctx, close } = await openContext(config);
  await opts.onReady?.(ctx);
  // Loaded here, not at the top: a cluster primary, `migrate` and `merchant create` open the
  // database without the HTTP app (fastify, routes, contracts: ~40 MB they never use).
  const { buildApp } = await import('./app.ts');
  const app = await buildApp(ctx, {
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    trustProxy: config.trustedProxies,
    importConcurrency: config.importConcurrency,
  });
  const { worker, identity } = await startJobs(ctx, config, 'serve', (error) => app.log.error({ err: error }, 'job worker error'), {
    onOutage: (error) => app.log.warn({ err: error }, 'database unavailable: the job worker backs off until it answers'),
    onRecovered: ({ failures }) => app.log.info({ failures }, 'database available again: the job worker resumes'),
  });
  if (identity.reclaimed > 0) app.log.info({ workerId: identity.id, jobs: identity.reclaimed }, 'took back jobs leased before a restart');
  await app.listen({ port: config.port, host: config.host });
  const stop = async (signal: string) => {
    app.log.info({ signal, graceMs: config.shutdownTimeoutMs }, 'shutting down');
    const closing = app.close();
    const grace = setTimeout(() => {
      app.log.warn('requests still running after the shutdown timeout: closing their connections');
      app.server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    await Promise.all([closing, worker.stop(config.shutdownTimeoutMs)]);
    clearTimeout(grace);
    await identity.release();
    await close();
    app.log.info('stopped');
  };
  const requestStop = onStopSignal(config.shutdownTimeoutMs, stop, (message) => app.log.warn(message));
  return { app, ctx, stop, requestStop };
}
