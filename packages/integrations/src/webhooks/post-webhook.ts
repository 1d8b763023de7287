// Sends one signed webhook to a merchant's endpoint: a POST of the exact stored body, no
// redirects followed (a 3xx is an answer, not a success), a hard timeout, and at most the first
// 1 KB of the response kept for the delivery log. The host name is resolved by our own lookup,
// which refuses loopback and private addresses at connect time (no DNS-rebinding window), so a
// merchant cannot make the server call its own network through a host name.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isInternalHost } from '@retour/domain/webhook-url';

export const RESPONSE_EXCERPT_BYTES = 1024;

export type WebhookResponse =
  | { ok: true; status: number; body: string }
  | { ok: false; status: number | null; body: string | null; error: string };

const isInternalAddress = (address: string) => isInternalHost(address.includes(':') ? `[${address}]` : address);
const isLoopbackAddress = (address: string) => address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';

class InternalAddressError extends Error {}

/** dns.lookup, refusing addresses a webhook must not reach. */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((a) => isInternalAddress(a.address) && !(allowLoopback && isLoopbackAddress(a.address)));
      if (refused) {
        const problem = new InternalAddressError(
          `${hostname} resolves to ${refused.address}, a loopback or private address; use a host name with a public address.`,
        );
        return callback(problem, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function excerptOf(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= RESPONSE_EXCERPT_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

export async function postWebhook(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Loopback addresses allowed (tests and local development only). */
  allowLoopback?: boolean;
  /** The job's signal: an abort ends the request at once (no answer recorded). */
  signal?: AbortSignal | undefined;
}): Promise<WebhookResponse> {
  const url = new URL(opts.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookResponse>((resolve) => {
    let settled = false;
    const finish = (result: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(url, {
      method: 'POST',
      headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
      lookup: guardedLookup(opts.allowLoopback ?? false),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, body: null, error: `No response within ${opts.timeoutMs} ms.` });
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (error) => {
      const message = error instanceof InternalAddressError ? error.message : `The request failed: ${error.message}`;
      finish({ ok: false, status: null, body: null, error: message });
    });
    req.on('response', async (response) => {
      const status = response.statusCode ?? 0;
      const body = await excerptOf(response);
      if (status >= 200 && status < 300) return finish({ ok: true, status, body });
      const error =
        status >= 300 && status < 400
          ? `The endpoint answered ${status} (redirects are not followed; use the final URL).`
          : `The endpoint answered ${status}.`;
      finish({ ok: false, status, body, error });
    });
    req.end(opts.body);
  });
}
