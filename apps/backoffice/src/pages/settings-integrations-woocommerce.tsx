// Settings → integrations → WooCommerce: connect a shop with its REST API keys, see each
// connection's webhook URL, choose how refunds are paid back, and import all of its orders with
// the import's progress.
import { useState } from 'preact/hooks';
import { call } from '../api.ts';
import { formatDate, t } from '../i18n.ts';
import { integrationStatusName } from '../labels.ts';
import { CheckboxField, SaveBar } from '../form-kit.tsx';
import { Alert, Field, errorText } from '../ui.tsx';
import type { Integration } from '@retour/contracts/integrations';
import { ShopSection, useConnectForm, useImportAll } from './settings-integrations-shop.tsx';

const EMPTY = { name: '', siteUrl: 'https://', consumerKey: '', consumerSecret: '', refundThroughGateway: true };

function Connection(props: { integration: Integration; onChange: () => Promise<void> }) {
  const i = props.integration;
  const [error, setError] = useState<unknown>(null);
  const { importAll, running, progress } = useImportAll(
    () => call('POST /api/v1/integrations/woocommerce/:id/backfill', { params: { id: i.id } }),
    props.onChange,
    setError,
  );
  const gateway = i.settings.refundThroughGateway !== false;
  const setGateway = async (value: boolean) => {
    setError(null);
    try {
      await call('PATCH /api/v1/integrations/woocommerce/:id', { params: { id: i.id }, body: { refundThroughGateway: value } });
      await props.onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li class="card">
      <h4>{i.name}</h4>
      <p class="muted small">
        {String(i.settings.siteUrl ?? '')} · {integrationStatusName(i.status)}
        {i.lastSyncAt ? ` · ${t('lastSyncAt', { when: formatDate(i.lastSyncAt) })}` : ''}
      </p>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {i.webhookUrl && <Field id={`woo-hook-${i.id}`} label={t('wooWebhookUrl')} value={i.webhookUrl} readOnly />}
      {i.status !== 'disconnected' && (
        <>
          <div class="field">
            <CheckboxField label={t('refundThroughGateway')} checked={gateway} onChange={setGateway} />
          </div>
          <button type="button" onClick={importAll} disabled={running}>
            {t('importAllOrders')}
          </button>
        </>
      )}
      {progress}
    </li>
  );
}

export function WooCommerceSettings(props: { list: Integration[]; onChange: () => Promise<void> }) {
  const { form, setForm, set, connect, error, fields, notice, busy } = useConnectForm(
    EMPTY,
    (body) => call('POST /api/v1/integrations/woocommerce', { body }),
    props.onChange,
  );
  return (
    <ShopSection
      id="woo-title"
      title="WooCommerce"
      notice={notice}
      connections={props.list.filter((i) => i.kind === 'woocommerce')}
      card={(i) => <Connection key={i.id} integration={i} onChange={props.onChange} />}
    >
      <form class="card narrow" onSubmit={connect} noValidate>
        <h4>{t('connectWoo')}</h4>
        <p class="muted small">{t('wooHelp')}</p>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field id="woo-site" label={t('siteUrl')} type="url" value={form.siteUrl} error={fields.siteUrl} onInput={set('siteUrl')} />
        <Field id="woo-key" label={t('consumerKey')} value={form.consumerKey} error={fields.consumerKey} onInput={set('consumerKey')} />
        <Field
          id="woo-secret"
          label={t('consumerSecret')}
          type="password"
          autocomplete="off"
          value={form.consumerSecret}
          error={fields.consumerSecret}
          onInput={set('consumerSecret')}
        />
        <Field id="woo-name" label={t('nameInRetour')} value={form.name} error={fields.name} onInput={set('name')} />
        <div class="field">
          <CheckboxField
            label={t('refundThroughGatewayHint')}
            checked={form.refundThroughGateway}
            onChange={(refundThroughGateway) => setForm({ ...form, refundThroughGateway })}
          />
        </div>
        <SaveBar saveLabel={t('connect')} busy={busy} busyLabel={t('connecting')} />
      </form>
    </ShopSection>
  );
}
