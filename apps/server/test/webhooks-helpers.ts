// A merchant's webhook receiver for the outgoing-webhook tests (not a test file itself): a real
// node:http server on 127.0.0.1 that records every request and answers as each path is told to
// (a status, a hang, a redirect), and verifies signatures itself, as a merchant's code would.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainJobs } from '../src/jobs/run-jobs.ts';
import type { Harness } from './support/harness.ts';

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Behaviour = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export type Receiver = {
  url: (path: string) => string;
  requests: Received[];
  to: (path: string) => Received[];
  /** Answers for `path`, used in order; the last one repeats. Default 200 "ok". */
  answer: (path: string, ...behaviours: Behaviour[]) => void;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const plans = new Map<string, Behaviour[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const plan = plans.get(path) ?? [];
      const next = (plan.length > 1 ? plan.shift() : plan[0]) ?? { status: 200, body: 'ok' };
      if (next === 'hang') return; // never answers; the sender's timeout must end it
      res.writeHead(next.status, { 'content-type': 'text/plain', ...next.headers });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    answer: (path, ...behaviours) => plans.set(path, behaviours),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * What a merchant's receiver does with `retour-signature: t=…,v1=…`: recompute the HMAC of
 * "<t>.<raw body>" with the secret, compare in constant time, refuse timestamps older than 5 min.
 */
export function receiverVerifies(r: Received, secret: string, nowSeconds: number): boolean {
  const header = String(r.headers['retour-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300 || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Runs jobs until none is due (a return.event job queues webhook.deliver jobs). */
export async function drainAll(h: Harness): Promise<void> {
  for (let i = 0; i < 20; i++) if ((await drainJobs(h.ctx)) === 0) return;
}

export const seconds = (h: Harness) => Math.floor(h.clock.now.getTime() / 1000);
