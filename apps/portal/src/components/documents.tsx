// What the shopper takes to the carrier: the label to download (A4 or A6), or the QR code on
// screen for a label-less drop-off, the customs form when needed, and what happens next.
import type { ReturnView } from '@retour/contracts/returns';
import { useEffect } from 'preact/hooks';
import { api, documentUrl } from '../api.ts';
import { formatDay, type MessageKey, t } from '../i18n.ts';
import { Status } from './ui.tsx';

const STATUS_KEYS: Record<ReturnView['status'], MessageKey> = {
  requested: 'statusRequested',
  rejected: 'statusRejected',
  awaiting_payment: 'statusAwaitingPayment',
  payment_failed: 'statusPaymentFailed',
  open: 'statusOpen',
  in_transit: 'statusInTransit',
  delivered: 'statusDelivered',
  received: 'statusReceived',
  completed: 'statusCompleted',
  cancelled: 'statusCancelled',
  expired: 'statusExpired',
};

export function statusText(status: ReturnView['status']): string {
  return t(STATUS_KEYS[status]);
}

/** Asks again while the carrier is still booking the label (a few seconds at most, normally). */
export function useLabelPolling(slug: string, ret: ReturnView | null, access: string, onUpdate: (ret: ReturnView) => void): void {
  const id = ret?.id ?? '';
  const waiting = ret !== null && ret.label.status === 'pending' && ret.status !== 'requested';
  const accessCode = ret?.accessCode ?? access;
  useEffect(() => {
    if (!waiting) return;
    let tries = 0;
    const timer = setInterval(async () => {
      tries += 1;
      if (tries > 20) return clearInterval(timer);
      try {
        const fresh = await api.getReturn(slug, id, access);
        if (fresh.label.status !== 'pending') {
          clearInterval(timer);
          onUpdate({ ...fresh, accessCode });
        }
      } catch {
        // Keep trying: the next answer may come through.
      }
    }, 1500);
    return () => clearInterval(timer);
  }, [slug, id, waiting, access, accessCode]);
}

export function ReturnDocuments({ slug, ret, access }: { slug: string; ret: ReturnView; access: string }) {
  const { label } = ret;
  if (
    label.status === 'none' ||
    ret.status === 'requested' ||
    ret.status === 'rejected' ||
    ret.status === 'cancelled' ||
    ret.status === 'expired'
  )
    return null;
  if (label.status === 'pending') {
    // A carrier that was down or slow: the return is accepted and the label follows by email.
    if (label.reason) return <p class="notice">{t('labelFollows')}</p>;
    return (
      <Status>
        <span class="spinner dark" aria-hidden="true" />
        {t('labelPending')}
      </Status>
    );
  }
  if (label.status === 'failed') return <p class="notice">{t('labelFailed')}</p>;
  const qr = label.formats.includes('qr');
  const url = (doc: 'label' | 'qr' | 'customs', format?: string) => documentUrl(slug, ret.id, access, doc, format);
  return (
    <section class="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t(qr ? 'qrTitle' : 'labelTitle')}</h2>
      {qr && (
        <figure class="qr">
          <img src={url('qr')} alt={t('qrAlt', { reference: ret.reference })} width={240} height={240} />
          <figcaption>{t('qrCaption')}</figcaption>
        </figure>
      )}
      {label.trackingNumber && <p>{t('trackingNumberIs', { number: label.trackingNumber })}</p>}
      <ul class="downloads">
        {label.formats.includes('a4') && (
          <li>
            <a class={`button ${qr ? 'secondary' : 'primary'}`} href={url('label', 'a4')} download>
              {t(qr ? 'downloadLabelInstead' : 'downloadA4')}
            </a>
          </li>
        )}
        {label.formats.includes('a6') && (
          <li>
            <a class="button secondary" href={url('label', 'a6')} download>
              {t('downloadA6')}
            </a>
          </li>
        )}
        {(['png', 'gif'] as const)
          .filter((format) => label.formats.includes(format))
          .map((format) => (
            <li key={format}>
              <a class="button primary" href={url('label', format)} download>
                {t('downloadImage', { format: format.toUpperCase() })}
              </a>
            </li>
          ))}
        {label.customsDeclaration && (
          <li>
            <a class="button secondary" href={url('customs')} download>
              {t('downloadCustoms')}
            </a>
          </li>
        )}
      </ul>
      {(label.formats.includes('4x6') || label.formats.includes('zpl')) && (
        <p class="hint">
          {t('thermalFormats')}{' '}
          {label.formats.includes('4x6') && (
            <a href={url('label', '4x6')} download>
              4×6 in (PDF)
            </a>
          )}
          {label.formats.includes('4x6') && label.formats.includes('zpl') && ' · '}
          {label.formats.includes('zpl') && (
            <a href={url('label', 'zpl')} download>
              ZPL
            </a>
          )}
        </p>
      )}
      {label.customsDeclaration && <p class="hint">{t('customsHint')}</p>}
    </section>
  );
}

function outcomeKey(resolution: ReturnView['resolution']): MessageKey {
  if (resolution === 'store_credit') return 'nextStoreCredit';
  if (resolution === 'exchange') return 'nextExchange';
  return 'nextRefund';
}

/** The pickup the carrier booked (its date and window), else the date the shopper chose. */
function pickupText(ret: ReturnView, chosenDate: string | undefined): string {
  const booked = ret.label.pickup;
  if (booked?.from && booked.to) return t('nextPickupWindow', { date: formatDay(booked.date, true), from: booked.from, to: booked.to });
  if (booked) return t('nextPickupOn', { date: formatDay(booked.date, true) });
  return chosenDate ? t('nextPickupOn', { date: chosenDate }) : t('nextPickup');
}

export function WhatNext({ ret, pickupDate }: { ret: ReturnView; pickupDate?: string }) {
  const steps: string[] = [];
  if (ret.status === 'requested') steps.push(t('nextApproval'));
  else if (ret.method === 'drop_off') steps.push(t('nextPrint'), t('nextDropOff'));
  else if (ret.method === 'drop_off_labelless') steps.push(t('nextPack'), t('nextShowQr'));
  else if (ret.method === 'pickup') steps.push(t('nextPrint'), pickupText(ret, pickupDate));
  else steps.push(t('nextStore', { reference: ret.reference }));
  steps.push(t(outcomeKey(ret.resolution)));
  return (
    <section class="section" aria-labelledby="next-heading">
      <h2 id="next-heading">{t('whatNextTitle')}</h2>
      <ol class="how-list">
        {steps.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ol>
    </section>
  );
}
