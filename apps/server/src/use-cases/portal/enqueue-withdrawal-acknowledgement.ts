// Queues the acknowledgement of an EU withdrawal (Directive 2011/83/EU art. 11a): an email with
// the content, date and time of the withdrawal and the same as a PDF, in the return's language.
// For the portal's withdrawal flow: call it in the transaction that records the withdrawal.
import type { Executor } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';

export async function enqueueWithdrawalAcknowledgement(
  db: Executor,
  ret: { merchantId: string; id: string; contactEmail: string; language: string },
  withdrawnAt: string,
): Promise<string> {
  const id = newId('job');
  await enqueue(db, {
    merchantId: ret.merchantId,
    id,
    topic: 'email.withdrawal_acknowledged',
    payload: { returnId: ret.id, to: ret.contactEmail, language: ret.language, withdrawnAt },
    dedupeKey: `email:withdrawal_acknowledged:${ret.id}`,
    at: withdrawnAt,
  });
  return id;
}
