// A stored photo as an answer (staff and shopper routes alike): its JPEG, never sniffed or run.
import type { FastifyReply } from 'fastify';

export function sendPhoto(reply: FastifyReply, photo: { contentType: string; data: Buffer | Uint8Array }) {
  return reply
    .type(photo.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .header('cache-control', 'private, max-age=3600')
    .send(photo.data);
}
