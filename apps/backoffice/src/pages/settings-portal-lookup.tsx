// Portal settings → finding orders: which fields shoppers find an order by (any two of them), gift
// returns, the label-unused reminder, and deep links: the secret the shop signs with (shown once, rotatable) and a signed
// link with its QR code for one order.
import { useState } from 'preact/hooks';
import { type Answer, call } from '../api.ts';
import { t } from '../i18n.ts';
import { CheckboxField, FieldGroup } from '../form-kit.tsx';
import { Alert, errorText, Field } from '../ui.tsx';
import type { PortalSectionProps } from './settings-portal-model.ts';

const FIELDS = ['order_number', 'email', 'postal_code', 'tracking_number'] as const;
const LABEL = {
  order_number: 'lookupOrderNumber',
  email: 'lookupEmail',
  postal_code: 'lookupPostalCode',
  tracking_number: 'lookupTracking',
} as const;

/** The fields in force: the chosen ones, or today's (a number with the postal code). */
function fieldsOf(draft: PortalSectionProps['draft']): string[] {
  if (draft.lookupFields) return draft.lookupFields;
  return [...(draft.allowReturnsWithoutOutboundShipment ? ['order_number'] : []), 'postal_code', 'tracking_number'];
}

export function PortalLookupSection({
  draft,
  set,
  issuesUnder,
  portalId,
  deepLinks,
}: PortalSectionProps & { portalId: string; deepLinks: boolean }) {
  const fields = fieldsOf(draft);
  const [enabled, setEnabled] = useState(deepLinks);
  const [secret, setSecret] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [link, setLink] = useState<Answer<'POST /api/v1/portals/:id/deep-links'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <FieldGroup legend={t('findingOrders')}>
      <FieldGroup id="p-lookup" class="field" legend={t('lookupFields')} hint={t('lookupFieldsHint')} error={issuesUnder('lookupFields')}>
        {FIELDS.map((field) => (
          <CheckboxField
            key={field}
            label={t(LABEL[field])}
            checked={fields.includes(field)}
            onChange={(on) =>
              set(
                'lookupFields',
                FIELDS.filter((f) => (f === field ? on : fields.includes(f))),
              )
            }
          />
        ))}
      </FieldGroup>
      <CheckboxField
        id="p-gift"
        label={t('giftReturns')}
        checked={draft.giftReturns === true}
        error={issuesUnder('giftReturns')}
        onChange={(on) => set('giftReturns', on)}
      />
      <Field
        id="p-reminder-days"
        label={t('labelReminderDays')}
        hint={t('labelReminderDaysHint')}
        type="number"
        inputMode="numeric"
        min={1}
        max={90}
        value={draft.labelReminderDays === null ? '' : String(draft.labelReminderDays ?? 15)}
        error={issuesUnder('labelReminderDays')}
        onInput={(e) => set('labelReminderDays', e.currentTarget.value.trim() === '' ? null : Number(e.currentTarget.value))}
      />
      <h3>{t('deepLinks')}</h3>
      <p class="hint">{enabled ? t('deepLinksOn') : t('deepLinksOff')}</p>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <button
        type="button"
        onClick={() =>
          run(async () => {
            const created = await call('POST /api/v1/portals/:id/link-secret', { params: { id: portalId } });
            setSecret(created.secret);
            setEnabled(true);
          })
        }
      >
        {enabled ? t('rotateLinkSecret') : t('createLinkSecret')}
      </button>{' '}
      {enabled && (
        <button
          type="button"
          onClick={() =>
            run(async () => {
              await call('DELETE /api/v1/portals/:id/link-secret', { params: { id: portalId } });
              setSecret('');
              setLink(null);
              setEnabled(false);
            })
          }
        >
          {t('removeLinkSecret')}
        </button>
      )}
      {secret && <Field id="p-link-secret" label={t('linkSecret')} hint={t('linkSecretOnce')} readOnly value={secret} />}
      {enabled && (
        <div class="field">
          <Field id="p-link-order" label={t('linkForOrder')} value={orderNumber} onInput={(e) => setOrderNumber(e.currentTarget.value)} />
          <button
            type="button"
            onClick={() =>
              run(async () => {
                setLink(
                  await call('POST /api/v1/portals/:id/deep-links', {
                    params: { id: portalId },
                    body: { orderNumber: orderNumber.trim() },
                  }),
                );
              })
            }
          >
            {t('createDeepLink')}
          </button>
        </div>
      )}
      {link && (
        <div class="field">
          <Field id="p-link-url" label={t('deepLinkUrl')} readOnly value={link.url} />
          <img src={link.qrPng} alt={t('deepLinkQr')} width={160} height={160} />
        </div>
      )}
    </FieldGroup>
  );
}
