// SMTP through nodemailer: one connection per message (no pool, so a dead relay cannot hold a
// stale socket) and timeouts well under the job runner's handler timeout.
import { createTransport } from 'nodemailer';
import type { MailMessage, MailTransport } from './port.ts';

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.com:587).');
  const transport = createTransport({
    url: smtpUrl,
    pool: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message: MailMessage, opts: { signal?: AbortSignal | undefined } = {}) {
      const signal = opts.signal;
      signal?.throwIfAborted();
      const sending = transport.sendMail({
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          ...(a.contentId ? { cid: a.contentId } : {}),
        })),
      });
      // nodemailer takes no signal: stop waiting at once (its own socket timeout ends the
      // connection); a relay that still accepts gets the same Message-ID again on the retry.
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      sending.catch(() => {});
      try {
        const info = await Promise.race([sending, aborted]);
        return { messageId: String(info.messageId ?? message.messageId) };
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    close: () => transport.close(),
  };
}
