// The status page behind the email link (/r/{slug}/returns/{id}?access=CODE): where the return is,
// its documents, and its timeline.
import type { ReturnView } from '@retour/contracts/returns';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, shopperPhotoUrl } from '../api.ts';
import { ReturnDocuments, statusText, useLabelPolling, WhatNext } from '../components/documents.tsx';
import { DropOffCountdown } from '../components/drop-off-countdown.tsx';
import { InstantExchangeNote, partlyCaptured } from '../components/instant-exchange.tsx';
import { PayFee } from '../components/payment.tsx';
import { StoreCredits } from '../components/store-credits.tsx';
import { StepHeading, Status } from '../components/ui.tsx';
import { statusErrors } from '../errors.ts';
import { formatInstant, formatMoney, type MessageKey, t } from '../i18n.ts';

const EVENT_KEYS: Record<string, MessageKey> = {
  created: 'timelineCreated',
  tracking: 'timelineTracking',
  refund: 'timelineRefund',
  store_credit: 'timelineStoreCredit',
  replacement: 'timelineReplacement',
  label_resent: 'timelineLabelResent',
  fee_refunded: 'timelineFeeRefunded',
  kept: 'timelineKept',
  hold_released: 'timelineHoldReleased',
  hold_captured: 'timelineHoldCaptured',
  hold_refunded: 'timelineHoldRefunded',
};

function eventText(entry: ReturnView['timeline'][number]): string {
  const known = EVENT_KEYS[entry.type];
  if (entry.status) return statusText(entry.status);
  if (entry.type === 'exchange_shipped' && entry.tracking)
    return t('timelineExchangeShipped', { carrier: entry.tracking.carrier, number: entry.tracking.trackingNumber });
  if (entry.type === 'hold_released' && entry.hold && partlyCaptured(entry.hold))
    return t('timelineHoldPartlyCaptured', { captured: formatMoney(entry.hold.captured), released: formatMoney(entry.hold.released) });
  if (known) return t(known);
  return entry.message ?? t('timelineUpdate');
}

type Props = { slug: string; id: string; access: string; lang: string };

export function StatusPage({ slug, id, access, lang }: Props) {
  const [ret, setRet] = useState<ReturnView | null>(null);
  const [error, setError] = useState('');
  useLabelPolling(slug, ret, access, setRet);
  useEffect(() => {
    api.getReturn(slug, id, access).then(setRet, (e: unknown) => setError(e instanceof ApiError ? statusErrors(e) : String(e)));
  }, [slug, id, access, lang]);

  if (error) {
    return (
      <>
        <StepHeading>{t('statusPageTitle')}</StepHeading>
        <p class="error-summary" role="alert">
          {error}
        </p>
      </>
    );
  }
  if (!ret) {
    return (
      <>
        <StepHeading>{t('statusPageTitle')}</StepHeading>
        <Status>{t('loading')}</Status>
      </>
    );
  }
  return (
    <>
      <StepHeading>{t('statusTitle', { reference: ret.reference })}</StepHeading>
      <p class="lead">
        {t('orderLabel', { orderNumber: ret.orderNumber })} · <span class="badge">{statusText(ret.status)}</span>
      </p>
      <ul class="summary-list">
        {ret.items.map((item) => (
          <li key={item.orderItemId} data-kept={item.kept ? 'true' : undefined}>
            {t('quantityTimes', { count: item.quantity, name: item.name })}
            {ret.items.some((i) => i.kept) && <span class="muted"> · {item.kept ? t('itemKept') : t('itemSendBack')}</span>}
            {item.photos && item.photos.length > 0 && (
              <ul class="photo-list">
                {item.photos.map((photo, index) => (
                  <li key={photo.id}>
                    <img
                      class="thumb"
                      src={shopperPhotoUrl(slug, ret.id, access, photo.id)}
                      alt={t('photoAlt', { index: index + 1, name: item.name })}
                      width={64}
                      height={64}
                    />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <DropOffCountdown ret={ret} />
      <InstantExchangeNote ret={ret} />
      <PayFee slug={slug} ret={ret} access={access} onUpdate={setRet} />
      <ReturnDocuments slug={slug} ret={ret} access={access} />
      <StoreCredits credits={ret.storeCredits} />
      {ret.status === 'open' || ret.status === 'requested' ? <WhatNext ret={ret} /> : null}
      <section class="section" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('timelineTitle')}</h2>
        <ol class="timeline">
          {[...ret.timeline].reverse().map((entry) => (
            <li class="timeline-entry" key={`${entry.at}-${entry.type}`}>
              <span class="timeline-when">{formatInstant(entry.at)}</span>
              <span>{eventText(entry)}</span>
              {entry.tracking?.trackingUrl && (
                <a class="timeline-link" href={entry.tracking.trackingUrl} target="_blank" rel="noopener noreferrer">
                  {t('timelineTrackParcel')}
                </a>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
