// Settings → integrations → Shopify: connect a shop with the client ID and secret of an app
// installed on it, see each connection's status, webhook URL and last sync, replace its
// credentials, and import all of its orders with the import's progress.
import { useState } from 'preact/hooks';
import { call } from '../api.ts';
import { formatDate, t } from '../i18n.ts';
import { integrationStatusName } from '../labels.ts';
import { SaveBar } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import type { Integration } from '@retour/contracts/integrations';
import { ShopSection, useConnectForm, useImportAll } from './settings-integrations-shop.tsx';

const EMPTY = { name: '', shopDomain: '', clientId: '', clientSecret: '' };

function Connection(props: { integration: Integration; onChange: () => Promise<void> }) {
  const i = props.integration;
  const [error, setError] = useState<unknown>(null);
  const { importAll, running, progress } = useImportAll(
    () => call('POST /api/v1/integrations/shopify/:id/backfill', { params: { id: i.id } }),
    props.onChange,
    setError,
  );
  const [replacing, setReplacing] = useState(false);
  const [credentials, setCredentials] = useState({ clientId: '', clientSecret: '' });
  const replace = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await call('PATCH /api/v1/integrations/shopify/:id', { params: { id: i.id }, body: credentials });
      setReplacing(false);
      setCredentials({ clientId: '', clientSecret: '' });
      await props.onChange();
    } catch (err) {
      setError(err);
    }
  };
  const fields = fieldErrors(error);
  return (
    <li class="card">
      <h4>{i.name}</h4>
      <p class="muted small">
        {String(i.settings.shopDomain ?? '')} · {integrationStatusName(i.status)}
        {` · ${i.lastSyncAt ? t('lastSyncAt', { when: formatDate(i.lastSyncAt) }) : t('neverImported')}`}
      </p>
      {i.lastError && <Alert>{i.lastError}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {i.webhookUrl && (
        <Field id={`shopify-hook-${i.id}`} label={t('shopifyWebhookUrl')} hint={t('shopifyWebhookHint')} value={i.webhookUrl} readOnly />
      )}
      {i.status !== 'disconnected' && (
        <div class="actions">
          <button type="button" onClick={importAll} disabled={running}>
            {t('importAllOrders')}
          </button>{' '}
          <button type="button" onClick={() => setReplacing(!replacing)} aria-expanded={replacing}>
            {t('replaceCredentials')}
          </button>
        </div>
      )}
      {replacing && (
        <form onSubmit={replace} noValidate>
          <Field
            id={`shopify-id-${i.id}`}
            label={t('clientId')}
            value={credentials.clientId}
            error={fields.clientId}
            onInput={(e) => setCredentials({ ...credentials, clientId: e.currentTarget.value })}
          />
          <Field
            id={`shopify-secret-${i.id}`}
            label={t('clientSecret')}
            type="password"
            autocomplete="off"
            value={credentials.clientSecret}
            error={fields.clientSecret}
            onInput={(e) => setCredentials({ ...credentials, clientSecret: e.currentTarget.value })}
          />
          <SaveBar saveLabel={t('saveCredentials')} />
        </form>
      )}
      {progress}
    </li>
  );
}

export function ShopifySettings(props: { list: Integration[]; onChange: () => Promise<void> }) {
  const { form, set, connect, error, fields, notice, busy } = useConnectForm(
    EMPTY,
    (body) => call('POST /api/v1/integrations/shopify', { body }),
    props.onChange,
  );
  return (
    <ShopSection
      id="shopify-title"
      title="Shopify"
      notice={notice}
      connections={props.list.filter((i) => i.kind === 'shopify')}
      card={(i) => <Connection key={i.id} integration={i} onChange={props.onChange} />}
    >
      <form class="card narrow" onSubmit={connect} noValidate>
        <h4>{t('connectShopify')}</h4>
        <p class="muted small">{t('shopifyHelp')}</p>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field
          id="shopify-domain"
          label={t('shopDomain')}
          hint={t('shopDomainHint')}
          value={form.shopDomain}
          error={fields.shopDomain}
          onInput={set('shopDomain')}
        />
        <Field id="shopify-client-id" label={t('clientId')} value={form.clientId} error={fields.clientId} onInput={set('clientId')} />
        <Field
          id="shopify-client-secret"
          label={t('clientSecret')}
          type="password"
          autocomplete="off"
          value={form.clientSecret}
          error={fields.clientSecret}
          onInput={set('clientSecret')}
        />
        <Field id="shopify-name" label={t('nameInRetour')} value={form.name} error={fields.name} onInput={set('name')} />
        <SaveBar saveLabel={t('connect')} busy={busy} busyLabel={t('connecting')} />
      </form>
    </ShopSection>
  );
}
