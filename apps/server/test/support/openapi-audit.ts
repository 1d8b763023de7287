// OPENAPI_AUDIT=<file>: every error answer whose status the route's description does not declare,
// or whose code is not among the codes it lists, is appended to <file>
// (`OPENAPI_AUDIT=/tmp/audit.txt npx vitest run apps/server/test`, then read the file).
import { appendFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { codesFor } from '../../src/http/openapi-document.ts';

export function auditErrorAnswers(app: FastifyInstance, file: string): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (reply.statusCode < 400 || !url || url.startsWith('/admin') || typeof payload !== 'string') return payload;
    let code = '';
    try {
      code = JSON.parse(payload)?.error?.code ?? '';
    } catch {}
    const status = String(reply.statusCode);
    const path = url.replace(/:(\w+)/g, '{$1}');
    const operation = ((await req.server.swagger()) as unknown as { paths: Record<string, Record<string, { responses: object }>> }).paths[
      path
    ]?.[req.method.toLowerCase()];
    if (!operation) return payload;
    const declared = status in operation.responses;
    const listed = !code || codesFor(status, path, req.routeOptions.config.errorCodes).includes(code);
    if (!declared || !listed) appendFileSync(file, `${req.method} ${path} ${status} ${code} declared=${declared} listed=${listed}\n`);
    return payload;
  });
}
