// Sends one signed webhook to a merchant's endpoint: a POST of the exact stored body, no
// redirects followed (a 3xx is an answer, not a success), a hard timeout, and at most the first
// 1 KB of the response kept for the delivery log.
export const RESPONSE_EXCERPT_BYTES = 1024;

export type WebhookResponse =
  | { ok: true; status: number; body: string }
  | { ok: false; status: number | null; body: string | null; error: string };

async function excerptOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
}

export async function postWebhook(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<WebhookResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let response: Response;
  try {
    response = await fetch(opts.url, { method: 'POST', body: opts.body, headers: opts.headers, redirect: 'manual', signal });
  } catch (error) {
    const timedOut = signal.aborted;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      ok: false,
      status: null,
      body: null,
      error: timedOut ? `No response within ${opts.timeoutMs} ms.` : `The request failed${cause || `: ${String(error)}`}`,
    };
  }
  let body: string;
  try {
    body = await excerptOf(response);
  } catch {
    body = '';
  }
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, body };
  const error =
    response.status >= 300 && response.status < 400
      ? `The endpoint answered ${response.status} (redirects are not followed; use the final URL).`
      : `The endpoint answered ${response.status}.`;
  return { ok: false, status: response.status, body, error };
}
