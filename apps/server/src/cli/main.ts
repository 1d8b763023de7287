// `npx retour <command>`: serve, migrate, merchant create, worker, import, backup, restore.
import { parseArgs } from 'node:util';
import { countMerchants } from '@retour/db/repos/merchants';
import { AppError } from '../errors.ts';
import { ConfigError, loadConfig, processesFrom } from '../config.ts';
import type { Ctx } from '../context.ts';
import { onStopSignal, openContext, startJobs, startServer } from '../server.ts';
import { createMerchant } from '../use-cases/merchants/create-merchant.ts';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './backup.ts';
import { IMPORT_USAGE, importCsvCommand } from './import-csv.ts';
import { demoInstructions, seedDemo } from './seed-demo.ts';
import { isClusterWorker, stopWhenPrimaryAsks, superviseWorkers, workerConfig } from './serve-cluster.ts';

const USAGE = `Usage: retour <command>

  serve [--processes N]     migrate, then serve API, portal and back office (demo data on an empty database);
                            N processes share the port (default WEB_CONCURRENCY or 1; "auto": one per core)
  migrate                   bring the database schema up to date
  merchant create --name <name> --email <email> [--password <password>] [--json]
  worker                    run background jobs only (with PostgreSQL, beside API processes)
${IMPORT_USAGE}
${BACKUP_USAGE}

Environment: DATABASE_URL, PORT, HOST, PUBLIC_URL, SMTP_URL, SECRET_KEY, RETOUR_DEMO, RETOUR_WORKER_ID, SHUTDOWN_TIMEOUT_MS, WEB_CONCURRENCY (see README).`;

async function run(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (command === 'serve') {
    await serve(argv.slice(1));
    return;
  }
  if (command === 'migrate') {
    const { close } = await openContext(loadConfig());
    await close();
    process.stdout.write('Database is up to date.\n');
    return;
  }
  if (command === 'worker') {
    const config = loadConfig();
    const { ctx, close } = await openContext(config);
    const { worker, identity } = await startJobs(ctx, config, 'worker', (e) => process.stderr.write(`job error: ${String(e)}\n`), {
      onOutage: (e) => process.stderr.write(`database unavailable, the worker backs off until it answers: ${String(e)}\n`),
      onRecovered: ({ failures }) => process.stdout.write(`database available again after ${failures} failed tries\n`),
    });
    onStopSignal(
      config.shutdownTimeoutMs,
      async () => {
        await worker.stop(config.shutdownTimeoutMs);
        await identity.release();
        await close();
      },
      (message) => process.stderr.write(`${message}\n`),
    );
    process.stdout.write(`Retour worker ${identity.id} running; Ctrl+C to stop.\n`);
    return;
  }
  if (command === 'import') {
    process.exitCode = await importCsvCommand(argv.slice(1));
    return;
  }
  if (command === 'backup') {
    process.exitCode = await backupCommand(argv.slice(1));
    return;
  }
  if (command === 'restore') {
    process.exitCode = await restoreCommand(argv.slice(1));
    return;
  }
  if (command === 'merchant' && sub === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.name || !values.email) throw new UsageError('merchant create needs --name and --email.');
    const { ctx, close } = await openContext(loadConfig());
    try {
      const result = await createMerchant(ctx, { name: values.name, email: values.email, password: values.password });
      const { password, ...json } = result;
      if (values.json) process.stdout.write(`${JSON.stringify(json)}\n`);
      else
        process.stdout.write(
          `Merchant ${json.merchant.name} (${json.merchant.id})\nLogin: ${json.user.email}${password ? ` / ${password}` : ''}\nAPI key (shown once): ${json.apiKey}\n`,
        );
    } finally {
      await close();
    }
    return;
  }
  throw new UsageError(command ? `Unknown command "${[command, sub].filter(Boolean).join(' ')}".` : 'Give a command.');
}

/** `retour serve [--processes N]`: one process, or a cluster of N (serve-cluster.ts). */
async function serve(args: string[]): Promise<void> {
  let flag: string | undefined;
  try {
    flag = parseArgs({ args, options: { processes: { type: 'string' } } }).values.processes;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = loadConfig();
  if (flag !== undefined) config.processes = processesFrom(flag, '--processes');
  if (isClusterWorker()) {
    const { requestStop } = await startServer(workerConfig(config));
    stopWhenPrimaryAsks(requestStop);
    return;
  }
  const seed = async (ctx: Ctx): Promise<string | null> => {
    if (!config.demo || (await countMerchants(ctx.db)) > 0) return null;
    const seeded = await seedDemo(ctx);
    return demoInstructions(config.publicUrl, seeded.apiKey, seeded.returns);
  };
  let demo: string | null = null;
  if (config.processes > 1) {
    // Migrations and the demo run once, here, before any worker starts.
    const { ctx, close } = await openContext(config);
    demo = await seed(ctx).finally(close);
    await superviseWorkers(config, (message) => process.stderr.write(`retour: ${message}\n`));
    process.stdout.write(`Retour listening on ${config.publicUrl} (${config.processes} processes)\n`);
  } else {
    const { app } = await startServer(config, {
      onReady: async (ctx) => {
        demo = await seed(ctx);
      },
    });
    app.log.info(`Retour listening on ${config.publicUrl}`);
  }
  if (demo) process.stdout.write(demo);
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    else if (error instanceof ConfigError || error instanceof AppError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`retour: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
