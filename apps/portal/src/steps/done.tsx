// Step 7: the return exists. The label or QR code, what happens next, the email on its way, the
// link to follow the return later — and, for a withdrawal, its acknowledgement with date and time.
import { statusPageUrl, withdrawalFormUrl } from '../api.ts';
import { ReturnDocuments, useLabelPolling, WhatNext } from '../components/documents.tsx';
import { PayFee } from '../components/payment.tsx';
import { StepHeading } from '../components/ui.tsx';
import { formatDay, formatInstant, t } from '../i18n.ts';
import type { StepProps } from './types.ts';

export function DoneStep({ slug, draft, update, go }: StepProps) {
  const created = draft.created;
  const access = created?.accessCode ?? '';
  useLabelPolling(slug, created, access, (fresh) => update({ created: fresh }));
  if (!created) return null;
  const withdrawal = draft.mode === 'withdrawal';
  const requested = created.status === 'requested';
  const email = draft.email.trim();
  const title = withdrawal ? 'doneTitleWithdrawal' : requested ? 'doneTitleRequested' : 'doneTitle';
  return (
    <>
      <StepHeading>{t(title)}</StepHeading>
      <p class="lead">{t('referenceIs', { reference: created.reference })}</p>
      {withdrawal && (
        <section class="acknowledgement" aria-labelledby="ack-heading">
          <h2 id="ack-heading">{t('ackTitle')}</h2>
          <p>{t('ackText', { orderNumber: created.orderNumber, dateTime: formatInstant(created.createdAt) })}</p>
          <p>{t('ackEmail', { email })}</p>
          <p>
            <a href={withdrawalFormUrl(slug)} download>
              {t('modelFormLink')}
            </a>
          </p>
        </section>
      )}
      <PayFee slug={slug} ret={created} access={access} onUpdate={(fresh) => update({ created: fresh })} />
      <ReturnDocuments slug={slug} ret={created} access={access} />
      <WhatNext ret={created} pickupDate={draft.pickupDate ? formatDay(draft.pickupDate, true) : undefined} />
      <p class="notice">{t('emailSent', { email })}</p>
      <p>
        <a href={statusPageUrl(slug, created.id, access)}>{t('statusLink')}</a>
      </p>
      <button
        type="button"
        class="button link"
        onClick={() => {
          update({ created: null, lookup: null, lines: {}, mode: 'return', number: '', postalCode: '', email: '', phone: '' });
          go('start');
        }}
      >
        {t('startAnother')}
      </button>
    </>
  );
}
