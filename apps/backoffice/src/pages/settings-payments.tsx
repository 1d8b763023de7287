// Settings → payments (owners only): connect Mollie with an API key so shoppers can pay a return
// fee up front. The key is checked against Mollie and never shown again; the tab shows the mode
// (test keys take test payments only) and can disconnect.
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get } from '../api.ts';
import { Alert, Field, errorText, fieldErrors, StatusBadge } from '../ui.tsx';

type PaymentAccount = { provider: 'mollie'; mode: 'test' | 'live' | null; configured: boolean; updatedAt: string | null };

const PATH = '/api/v1/payment-accounts/mollie';

export function Payments() {
  const [account, setAccount] = useState<PaymentAccount | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => get<PaymentAccount>(PATH).then(setAccount, setError);
  useEffect(() => {
    void load();
  }, []);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      setNotice(await work());
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const connect = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const saved = await api<PaymentAccount>('PUT', PATH, { apiKey: apiKey.trim() });
      setApiKey('');
      return `Mollie is connected in ${saved.mode} mode.`;
    });
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p class="hint">
        Portals with a return fee paid up front send shoppers to Mollie to pay before they get their label. A paid fee is refunded through
        Mollie when the return is cancelled.
      </p>
      {account && (
        <p>
          Mollie:{' '}
          {account.configured ? (
            <>
              <StatusBadge
                status={account.mode === 'live' ? 'completed' : 'requested'}
                label={account.mode === 'live' ? 'Live' : 'Test mode'}
              />{' '}
              <span class="hint">connected {formatDate(account.updatedAt)}</span>
            </>
          ) : (
            <StatusBadge status="cancelled" label="Not connected" />
          )}
        </p>
      )}
      {account?.mode === 'test' && <Alert kind="info">Test mode: shoppers see Mollie's test checkout and no money moves.</Alert>}
      <form class="card narrow" onSubmit={connect} noValidate>
        <h3>{account?.configured ? 'Replace the API key' : 'Connect Mollie'}</h3>
        <Field
          id="mollie-api-key"
          label="Mollie API key"
          hint="From the Mollie dashboard → Developers → API keys: starts with test_ or live_. It is stored encrypted and never shown again."
          type="password"
          autoComplete="off"
          value={apiKey}
          error={fields.apiKey}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
          {account?.configured ? 'Save key' : 'Connect'}
        </button>
      </form>
      {account?.configured && (
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (!confirm('Disconnect Mollie? Shoppers can no longer pay return fees up front until you connect it again.')) return;
            void run(async () => {
              await api('DELETE', PATH);
              return 'Mollie is disconnected.';
            });
          }}
        >
          Disconnect Mollie
        </button>
      )}
    </div>
  );
}
