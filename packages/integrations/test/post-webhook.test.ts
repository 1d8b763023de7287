// Posting a webhook: exact body and headers, 1 KB response excerpt, no redirects, timeout, and
// host names that resolve to loopback/private addresses refused before any connection.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../src/webhooks/post-webhook.ts';

let server: Server;
let port = 0;
const received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/ok') res.writeHead(204).end();
      else if (req.url === '/big') res.writeHead(500).end('y'.repeat(10_000));
      else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
      // '/hang': never answers
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, extra: { allowLoopback?: boolean; timeoutMs?: number; host?: string } = {}) =>
  postWebhook({
    url: `http://${extra.host ?? '127.0.0.1'}:${port}${path}`,
    body: '{"id":"evt_1","type":"ping"}',
    headers: { 'content-type': 'application/json', 'retour-signature': 't=1,v1=ab' },
    timeoutMs: extra.timeoutMs ?? 2000,
    allowLoopback: extra.allowLoopback ?? true,
  });

describe('postWebhook', () => {
  it('POSTs the exact body with the given headers; 2xx is a success', async () => {
    received.length = 0;
    expect(await post('/ok')).toEqual({ ok: true, status: 204, body: '' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/ok', body: '{"id":"evt_1","type":"ping"}' });
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'retour-signature': 't=1,v1=ab',
      'content-length': '28',
    });
  });
  it('keeps only the first 1 KB of an error answer', async () => {
    const result = await post('/big');
    expect(result).toMatchObject({ ok: false, status: 500, error: 'The endpoint answered 500.' });
    expect(result.body).toBe('y'.repeat(1024));
  });
  it('does not follow redirects', async () => {
    received.length = 0;
    expect(await post('/moved')).toMatchObject({ ok: false, status: 301 });
    expect(received.map((r) => r.url)).toEqual(['/moved']);
  });
  it('gives up after the timeout', async () => {
    expect(await post('/hang', { timeoutMs: 200 })).toEqual({ ok: false, status: null, body: null, error: 'No response within 200 ms.' });
  });
  it('refuses a host name that resolves to a loopback address unless loopback is allowed, before connecting', async () => {
    received.length = 0;
    const refused = await post('/ok', { host: 'localhost', allowLoopback: false });
    expect(refused).toMatchObject({ ok: false, status: null, body: null });
    expect(refused.ok ? '' : refused.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback or private address/);
    expect(received).toHaveLength(0);
    expect(await post('/ok', { host: 'localhost', allowLoopback: true })).toMatchObject({ ok: true, status: 204 });
  });
  it('says why a host name cannot be reached', async () => {
    const result = await post('/ok', { host: 'no-such-host.invalid' });
    expect(result.ok ? '' : result.error).toMatch(/^The request failed: .*no-such-host\.invalid/);
  });
});
