// Jobs `email.*`: renders the email of one outbox job and sends it through the mail transport,
// at most once per job as far as Retour can tell, and with one Message-ID per job for the rest.
//
// 1. Before sending, an `email_sent` timeline entry with dedupe key `email:<jobId>` means an
//    earlier attempt sent the message and died before completing the job: complete, don't send.
// 2. Send with Message-ID `<jobId@retour>`.
// 3. Record `email_sent` (committed on its own, right after the relay accepted), then the runner
//    completes the job. If completing fails, the retry finds the entry and sends nothing.
// The remaining window: the relay accepted the message and the process died before step 3
// committed. The retry then sends again with the SAME Message-ID, which mail systems use to drop
// the duplicate. Closing it fully would need the relay to take part in the transaction.
import { newId } from '@retour/db/ids';
import type { OutboxJob } from '@retour/db/repos/outbox';
import { appendEvents, hasEvent } from '@retour/db/repos/returns';
import type { Ctx } from '../context.ts';
import { composeEmail } from '../emails/compose.ts';

export const sentKey = (jobId: string) => `email:${jobId}`;

export async function sendEmailJob(ctx: Ctx, job: Pick<OutboxJob, 'id' | 'merchantId' | 'topic' | 'payload'>): Promise<void> {
  const mail = ctx.mail;
  if (!mail) throw new Error('no mail transport is configured (SMTP_URL)');
  const returnId = String(job.payload.returnId);
  if (await hasEvent(ctx.db, job.merchantId, returnId, sentKey(job.id))) return;
  const composed = await composeEmail(ctx, job);
  if (!composed) return;
  const { message, template } = composed;
  await mail.send(message, { signal: ctx.signal });
  const at = ctx.now().toISOString();
  await appendEvents(ctx.db, [
    {
      merchantId: job.merchantId,
      id: newId('evt'),
      returnId,
      at,
      recordedAt: at,
      type: 'email_sent',
      status: null,
      message: `${template} → ${message.to}`,
      actor: 'system',
      data: { template, to: message.to, messageId: message.messageId, jobId: job.id },
      dedupeKey: sentKey(job.id),
    },
  ]);
}
