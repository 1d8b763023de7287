// Merchant overrides of email templates (subject + text body per template and language), and the
// outbox's email jobs as the back office lists them.
import type { Executor } from '../database.ts';
import { fromJson } from '../json.ts';
import type { EmailTemplatesTable } from '../schema.ts';

export async function listEmailTemplates(db: Executor, merchantId: string): Promise<EmailTemplatesTable[]> {
  return db.selectFrom('emailTemplates').selectAll().where('merchantId', '=', merchantId).execute();
}

export async function findEmailTemplate(
  db: Executor,
  merchantId: string,
  template: string,
  language: string,
): Promise<EmailTemplatesTable | undefined> {
  return db
    .selectFrom('emailTemplates')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('template', '=', template)
    .where('language', '=', language)
    .executeTakeFirst();
}

/** Inserts or replaces the override of (template, language). */
export async function saveEmailTemplate(db: Executor, row: EmailTemplatesTable): Promise<void> {
  await db
    .insertInto('emailTemplates')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['merchantId', 'template', 'language'])
        .doUpdateSet({ subject: row.subject, bodyText: row.bodyText, updatedAt: row.updatedAt }),
    )
    .execute();
}

export async function deleteEmailTemplate(db: Executor, merchantId: string, template: string, language: string): Promise<boolean> {
  const r = await db
    .deleteFrom('emailTemplates')
    .where('merchantId', '=', merchantId)
    .where('template', '=', template)
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type EmailJobStatus = 'pending' | 'sent' | 'failed';
export type EmailJobRow = {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
};

/** Email jobs of the outbox, newest first: sent = done, failed = waiting after an error, pending = not tried yet. */
export async function listEmailJobs(
  db: Executor,
  merchantId: string,
  opts: { status?: EmailJobStatus; limit: number },
): Promise<EmailJobRow[]> {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'attempts', 'lastError', 'createdAt', 'doneAt'])
    .where('merchantId', '=', merchantId)
    .where('topic', 'like', 'email.%');
  if (opts.status === 'sent') q = q.where('doneAt', 'is not', null);
  if (opts.status === 'failed') q = q.where('doneAt', 'is', null).where('lastError', 'is not', null);
  if (opts.status === 'pending') q = q.where('doneAt', 'is', null).where('lastError', 'is', null);
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => ({ ...r, payload: fromJson<Record<string, unknown>>(r.payload) ?? {} }));
}
