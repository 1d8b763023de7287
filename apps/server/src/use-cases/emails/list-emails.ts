// The outbox's email jobs for the back office: what was sent, what waits (no SMTP_URL, or a
// failure being retried) and why.
import type { EmailJobView, EmailListQuery } from '@retour/contracts/emails';
import { listEmailJobs } from '@retour/db/repos/email-templates';
import type { Ctx } from '../../context.ts';

export async function listEmails(ctx: Ctx, merchantId: string, query: EmailListQuery): Promise<{ data: EmailJobView[] }> {
  const rows = await listEmailJobs(ctx.db, merchantId, { status: query.status, limit: query.limit });
  return {
    data: rows.map((r) => ({
      id: r.id,
      returnId: typeof r.payload.returnId === 'string' ? r.payload.returnId : null,
      template: r.topic.slice('email.'.length),
      recipient: typeof r.payload.to === 'string' ? r.payload.to : '',
      language: typeof r.payload.language === 'string' ? r.payload.language : 'en',
      status: r.doneAt ? 'sent' : r.lastError ? 'failed' : 'pending',
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      sentAt: r.doneAt,
    })),
  };
}
