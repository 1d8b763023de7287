// At most N order-import requests of this process at work at once (issue #12 item 5); the others
// wait their turn, and past a queue of IMPORT_QUEUE_LENGTH the server answers 503 `imports_busy`
// with Retry-After. Used as the onRequest hook of the import routes, after authentication and
// BEFORE the body is read: a waiting request's body stays in the socket (the client's upload
// pauses), so the memory of a burst of imports is that of N batches, however many shops send at
// once, and a heap limit from RETOUR_MAX_MEMORY_MB is never exceeded by a pile of parsed batches.
// N = RETOUR_IMPORT_CONCURRENCY (config.ts, default 2): imports write in one transaction each, so
// SQLite runs one at a time anyway and more in flight only hold more memory.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Order-import requests at work at once per process unless RETOUR_IMPORT_CONCURRENCY says otherwise. */
export const DEFAULT_IMPORT_CONCURRENCY = 2;
/** Import requests that may wait for a turn; one more is refused with 503. */
export const IMPORT_QUEUE_LENGTH = 32;
/** What Retry-After says to a refused import (a batch takes well under a second to store). */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

export type ImportGate = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  /** Requests at work and waiting now (for tests and diagnostics). */
  readonly state: () => { running: number; waiting: number };
};

export function createImportGate(inFlight: number, queueLength = IMPORT_QUEUE_LENGTH): ImportGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** A finished request hands its turn to the first waiting one, or frees it. */
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const gate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (running < inFlight) {
      running++;
    } else {
      if (waiting.length >= queueLength) {
        void reply.header('retry-after', String(IMPORT_RETRY_AFTER_SECONDS));
        throw new AppError(
          'imports_busy',
          `This server is already storing ${inFlight} order batches with ${queueLength} more waiting; send this batch again after the Retry-After seconds.`,
          { retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS },
          { 'retry-after': String(IMPORT_RETRY_AFTER_SECONDS) },
        );
      }
      const gone = await new Promise<boolean>((turn) => {
        const wake = () => {
          request.raw.off('close', leave);
          turn(false);
        };
        // A client that hangs up while waiting leaves the queue.
        const leave = () => {
          const at = waiting.indexOf(wake);
          if (at >= 0) waiting.splice(at, 1);
          turn(true);
        };
        waiting.push(wake);
        request.raw.once('close', leave);
      });
      if (gone) return;
    }
    let released = false;
    reply.raw.once('close', () => {
      if (released) return;
      released = true;
      release();
    });
  };
  return Object.assign(gate, { state: () => ({ running, waiting: waiting.length }) });
}
