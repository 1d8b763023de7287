// Sends a rendered document with its content type and a download name.
import type { FastifyReply } from 'fastify';
import type { RenderedDocument } from '../use-cases/returns/render-return-document.ts';

export function sendDocument(reply: FastifyReply, doc: RenderedDocument) {
  return reply
    .type(doc.contentType)
    .header('content-disposition', `inline; filename="${doc.filename}"`)
    .header('cache-control', 'private, max-age=300')
    .send(doc.body);
}
