// Staff send the label email again (a new email, queued in the outbox).
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { changeReturn } from '../shared/change-return.ts';

export async function resendLabel(ctx: Ctx, merchantId: string, returnId: string, actor: string): Promise<void> {
  await changeReturn(ctx, merchantId, returnId, actor, (agg) => ({
    event: { type: 'resend_label' },
    timeline: [{ type: 'label_resent', message: agg.ret.contactEmail }],
    jobs: [
      {
        topic: 'email.label_created',
        payload: { returnId, to: agg.ret.contactEmail, language: agg.ret.language, resend: true },
        dedupeKey: `email:label_resent:${randomUUID()}`,
      },
    ],
  }));
}
