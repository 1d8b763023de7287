// Settings → integrations → Shopify: connect a shop with the client ID and secret of an app
// installed on it, see each connection's status, webhook URL and last sync, replace its
// credentials, and import all of its orders with the import's progress.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import type { Integration } from './settings-integrations.tsx';
import { ShopSection, useConnectForm, useImportAll } from './settings-integrations-shop.tsx';

const EMPTY = { name: '', shopDomain: '', clientId: '', clientSecret: '' };

function Connection(props: { integration: Integration; onChange: () => Promise<void> }) {
  const i = props.integration;
  const [error, setError] = useState<unknown>(null);
  const { importAll, running, progress } = useImportAll('shopify', i.id, props.onChange, setError);
  const [replacing, setReplacing] = useState(false);
  const [credentials, setCredentials] = useState({ clientId: '', clientSecret: '' });
  const replace = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PATCH', `/api/v1/integrations/shopify/${i.id}`, credentials);
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
        {String(i.settings.shopDomain ?? '')} · {i.status}
        {i.lastSyncAt ? ` · last sync ${new Date(i.lastSyncAt).toLocaleString()}` : ' · never imported'}
      </p>
      {i.lastError && <Alert>{i.lastError}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {i.webhookUrl && (
        <Field
          id={`shopify-hook-${i.id}`}
          label="Webhook URL (subscribed for you: orders and fulfillments)"
          hint="Use it for the compliance webhooks (customers/data_request, customers/redact, shop/redact) in the app's configuration."
          value={i.webhookUrl}
          readOnly
        />
      )}
      {i.status !== 'disconnected' && (
        <div class="actions">
          <button type="button" onClick={importAll} disabled={running}>
            Import all orders
          </button>{' '}
          <button type="button" onClick={() => setReplacing(!replacing)} aria-expanded={replacing}>
            Replace credentials
          </button>
        </div>
      )}
      {replacing && (
        <form onSubmit={replace} noValidate>
          <Field
            id={`shopify-id-${i.id}`}
            label="Client ID"
            value={credentials.clientId}
            error={fields.clientId}
            onInput={(e) => setCredentials({ ...credentials, clientId: e.currentTarget.value })}
          />
          <Field
            id={`shopify-secret-${i.id}`}
            label="Client secret"
            type="password"
            autocomplete="off"
            value={credentials.clientSecret}
            error={fields.clientSecret}
            onInput={(e) => setCredentials({ ...credentials, clientSecret: e.currentTarget.value })}
          />
          <button type="submit" class="primary">
            Save credentials
          </button>
        </form>
      )}
      {progress}
    </li>
  );
}

export function ShopifySettings(props: { list: Integration[]; onChange: () => Promise<void> }) {
  const { form, set, connect, error, fields, notice, busy } = useConnectForm('shopify', EMPTY, props.onChange);
  return (
    <ShopSection
      id="shopify-title"
      title="Shopify"
      notice={notice}
      connections={props.list.filter((i) => i.kind === 'shopify')}
      card={(i) => <Connection key={i.id} integration={i} onChange={props.onChange} />}
    >
      <form class="card narrow" onSubmit={connect} noValidate>
        <h4>Connect a Shopify shop</h4>
        <p class="muted small">
          In the Shopify Dev Dashboard, create an app with the scopes read_orders, read_fulfillments, read_returns and write_returns,
          install it on your shop, and copy its client ID and secret from the app's settings.
        </p>
        {error !== null && <Alert>{errorText(error)}</Alert>}
        <Field
          id="shopify-domain"
          label="Shop domain"
          hint="The permanent domain, e.g. my-shop.myshopify.com"
          value={form.shopDomain}
          error={fields.shopDomain}
          onInput={set('shopDomain')}
        />
        <Field id="shopify-client-id" label="Client ID" value={form.clientId} error={fields.clientId} onInput={set('clientId')} />
        <Field
          id="shopify-client-secret"
          label="Client secret"
          type="password"
          autocomplete="off"
          value={form.clientSecret}
          error={fields.clientSecret}
          onInput={set('clientSecret')}
        />
        <Field id="shopify-name" label="Name in Retour (optional)" value={form.name} error={fields.name} onInput={set('name')} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </form>
    </ShopSection>
  );
}
