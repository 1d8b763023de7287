// The one place that chooses the mail transport: SMTP when SMTP_URL is set, otherwise none
// (email jobs then stay in the outbox, visible to the back office).
import type { MailTransport } from './port.ts';
import { createSmtpTransport } from './smtp.ts';

export function createMailTransport(smtpUrl: string | null): MailTransport | undefined {
  return smtpUrl ? createSmtpTransport(smtpUrl) : undefined;
}
