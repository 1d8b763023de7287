// Reads a bulk operation's JSONL result as a stream (never the whole file in memory) and puts
// each order back together with its line items: child rows carry `__parentId`. The query runs
// with groupObjects: true, so an order's children follow it; an order is complete when the next
// order (or the end of the file) arrives.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ShopifyError } from './errors.ts';
import type { ProviderJson } from './orders.ts';

export type BulkOrder = { order: ProviderJson; lineItems: ProviderJson[] };

/** The JSONL rows of a bulk result, streamed (the timeout covers the answer's start only). */
export async function* readBulkRows(url: string, timeoutMs: number): AsyncGenerator<ProviderJson> {
  const controller = new AbortController();
  // The timeout covers the answer's start; the body then streams for as long as it takes.
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal: controller.signal });
  } catch (error) {
    throw new ShopifyError('unavailable', `The bulk result could not be downloaded: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body)
    throw new ShopifyError('unavailable', `The bulk result download answered HTTP ${res.status}.`, { status: res.status });
  const lines = createInterface({
    input: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    yield JSON.parse(line) as ProviderJson;
  }
}

/** Yields orders one by one; rows whose parent is not the current order are counted in `orphans`. */
export async function* readBulkOrders(url: string, timeoutMs: number, stats = { lines: 0, orphans: 0 }): AsyncGenerator<BulkOrder> {
  let current: BulkOrder | null = null;
  for await (const row of readBulkRows(url, timeoutMs)) {
    stats.lines++;
    const parentId = row.__parentId;
    if (typeof parentId === 'string') {
      if (current && current.order.id === parentId) {
        const { __parentId: _p, ...child } = row;
        current.lineItems.push(child);
      } else stats.orphans++;
      continue;
    }
    if (current) yield current;
    current = { order: row, lineItems: [] };
  }
  if (current) yield current;
}
