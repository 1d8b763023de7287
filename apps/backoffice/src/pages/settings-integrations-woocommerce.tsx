// Settings → integrations → WooCommerce: connect a shop with its REST API keys, see each
// connection's webhook URL, choose how refunds are paid back, and import all of its orders with
// the import's progress.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Alert, Field, errorText } from '../ui.tsx';
import type { Integration } from './settings-integrations.tsx';
import { ShopSection, useConnectForm, useImportAll } from './settings-integrations-shop.tsx';

const EMPTY = { name: '', siteUrl: 'https://', consumerKey: '', consumerSecret: '', refundThroughGateway: true };

function Connection(props: { integration: Integration; onChange: () => Promise<void> }) {
  const i = props.integration;
  const [error, setError] = useState<unknown>(null);
  const { importAll, running, progress } = useImportAll('woocommerce', i.id, props.onChange, setError);
  const gateway = i.settings.refundThroughGateway !== false;
  const setGateway = async (value: boolean) => {
    setError(null);
    try {
      await api('PATCH', `/api/v1/integrations/woocommerce/${i.id}`, { refundThroughGateway: value });
      await props.onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li class="card">
      <h4>{i.name}</h4>
      <p class="muted small">
        {String(i.settings.siteUrl ?? '')} · {i.status}
        {i.lastSyncAt ? ` · last sync ${new Date(i.lastSyncAt).toLocaleString()}` : ''}
      </p>
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {i.webhookUrl && (
        <Field
          id={`woo-hook-${i.id}`}
          label="Webhook URL (created in WooCommerce for order.created and order.updated)"
          value={i.webhookUrl}
          readOnly
        />
      )}
      {i.status !== 'disconnected' && (
        <>
          <div class="field">
            <label>
              <input type="checkbox" checked={gateway} onChange={(e) => setGateway(e.currentTarget.checked)} /> Refund through the payment
              gateway
            </label>
          </div>
          <button type="button" onClick={importAll} disabled={running}>
            Import all orders
          </button>
        </>
      )}
      {progress}
    </li>
  );
}

export function WooCommerceSettings(props: { list: Integration[]; onChange: () => Promise<void> }) {
  const { form, setForm, set, connect, error, fields, notice, busy } = useConnectForm('woocommerce', EMPTY, props.onChange);
  return (
    <ShopSection
      id="woo-title"
      title="WooCommerce"
      notice={notice}
      connections={props.list.filter((i) => i.kind === 'woocommerce')}
      card={(i) => <Connection key={i.id} integration={i} onChange={props.onChange} />}
    >
      <form class="card narrow" onSubmit={connect} noValidate>
        <h4>Connect a WooCommerce shop</h4>
        <p class="muted small">
          In WordPress: WooCommerce → Settings → Advanced → REST API → Add key, with Read/Write permission. The shop must use HTTPS.
        </p>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field id="woo-site" label="Site URL" type="url" value={form.siteUrl} error={fields.siteUrl} onInput={set('siteUrl')} />
        <Field id="woo-key" label="Consumer key (ck_…)" value={form.consumerKey} error={fields.consumerKey} onInput={set('consumerKey')} />
        <Field
          id="woo-secret"
          label="Consumer secret (cs_…)"
          type="password"
          autocomplete="off"
          value={form.consumerSecret}
          error={fields.consumerSecret}
          onInput={set('consumerSecret')}
        />
        <Field id="woo-name" label="Name in Retour (optional)" value={form.name} error={fields.name} onInput={set('name')} />
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={form.refundThroughGateway}
              onChange={(e) => setForm({ ...form, refundThroughGateway: e.currentTarget.checked })}
            />{' '}
            Refund through the payment gateway (otherwise refunds are recorded in WooCommerce and paid back by hand)
          </label>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </form>
    </ShopSection>
  );
}
