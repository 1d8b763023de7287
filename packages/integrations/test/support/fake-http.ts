// Answer helpers shared by the fake carrier servers: JSON (empty body for null) and raw bytes.
import type { ServerResponse } from 'node:http';

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}),
    ...headers,
  });
  res.end(text);
}

export function sendBytes(res: ServerResponse, mimeType: string, bytes: Buffer): void {
  res.writeHead(200, { 'content-type': mimeType, 'content-length': String(bytes.length) });
  res.end(bytes);
}
