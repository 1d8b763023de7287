// `retour serve` on several processes (WEB_CONCURRENCY=N or `--processes N`), with node:cluster:
// - The primary migrates the database (and seeds the demo) ONCE, closes it, then forks N workers.
//   Each worker runs the whole server (API, portal, back office, job worker) on the one shared
//   port; the primary hands out connections round-robin and serves nothing itself.
// - Jobs stay claimed exactly once whatever the number of processes: a claim is one transaction
//   (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite in WAL mode), and each worker
//   leases under its own worker id `<RETOUR_WORKER_ID or host/serve>/<slot>`, so a worker started
//   again in its slot takes back the jobs its predecessor left leased, at once.
// - SIGTERM/SIGINT to the primary asks every worker to drain (server.ts: requests and running jobs
//   get SHUTDOWN_TIMEOUT_MS) and exits 0 once all have exited 0; a second signal, or the workers
//   taking more than twice the grace, kills them and exits 1.
// - A worker that dies unasked is started again in its slot. If no worker ever got to listen (port
//   taken, bad configuration), the primary gives up and exits 1 instead of restarting forever.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.ts';
import { defaultWorkerId } from '../jobs/worker-identity.ts';

/** The IPC message by which the primary asks a worker to drain and exit. */
const STOP_MESSAGE = 'retour:stop';
/** Set by the primary for each worker: its slot, 1..N (part of its worker id). */
const SLOT_VARIABLE = 'RETOUR_PROCESS_SLOT';

export const isClusterWorker = (): boolean => cluster.isWorker && Boolean(process.env[SLOT_VARIABLE]);

/** This worker's config: its own worker id for job leases, derived from the shared one and its slot. */
export function workerConfig(config: Config): Config {
  const slot = process.env[SLOT_VARIABLE] as string;
  return { ...config, workerId: `${config.workerId ?? defaultWorkerId('serve')}/${slot}`, processes: 1 };
}

/** In a worker: drains (the same stop as SIGTERM) when the primary asks. */
export function stopWhenPrimaryAsks(requestStop: (reason: string) => void): void {
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) requestStop('stop requested by the primary process');
  });
}

/** In the primary: forks the workers (resolves once every one listens) and supervises them until a signal stops them all. */
export function superviseWorkers(config: Config, log: (message: string) => void): Promise<void> {
  return new Promise((resolveListening, rejectStart) => {
    const slots = new Map<number, Worker>();
    let stopping = false;
    /** Slots whose worker listened at least once; all of them = the cluster is up. */
    const listening = new Set<number>();
    let everListened = false;
    let failed = false;
    const fork = (slot: number) => {
      const worker = cluster.fork({ [SLOT_VARIABLE]: String(slot) });
      slots.set(slot, worker);
      worker.once('listening', () => {
        if (everListened) log(`process ${slot} (pid ${worker.process.pid}) is listening again`);
        listening.add(slot);
        if (everListened || listening.size < config.processes) return;
        everListened = true;
        resolveListening();
      });
      worker.on('exit', (code, signal) => {
        if (slots.get(slot) === worker) slots.delete(slot);
        if (stopping) {
          if (code !== 0) failed = true;
          if (slots.size === 0) process.exit(failed ? 1 : 0);
          return;
        }
        if (!everListened) {
          stopAll('a process exited before the server listened');
          rejectStart(new Error(`process ${slot} exited (${signal ?? `code ${code}`}) before the server listened; see its output above.`));
          return;
        }
        log(`process ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting it again`);
        fork(slot);
      });
    };
    const kill = () => {
      for (const worker of slots.values()) worker.process.kill('SIGKILL');
    };
    const stopAll = (reason: string) => {
      if (stopping) return;
      stopping = true;
      log(`${reason}: stopping ${slots.size} processes`);
      for (const worker of slots.values()) if (worker.isConnected()) worker.send(STOP_MESSAGE);
      if (slots.size === 0) process.exit(failed ? 1 : 0);
      setTimeout(
        () => {
          log('processes did not stop in time: killing them');
          kill();
          process.exit(1);
        },
        2 * config.shutdownTimeoutMs + 5_000,
      ).unref();
    };
    const onSignal = (signal: string) => {
      if (stopping) {
        log(`${signal} again: killing the processes now`);
        kill();
        process.exit(1);
      }
      stopAll(signal);
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    for (let slot = 1; slot <= config.processes; slot++) fork(slot);
  });
}
