// Settings → payments (owners only): connect Mollie with an API key so shoppers can pay a return
// fee up front. The key is checked against Mollie and never shown again; the tab shows the mode
// (test keys take test payments only) and can disconnect.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call, formatDate } from '../api.ts';
import { t } from '../i18n.ts';
import { SaveBar } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors, StatusBadge } from '../ui.tsx';

type PaymentAccount = Answer<'GET /api/v1/payment-accounts/mollie'>;

export function Payments() {
  const [account, setAccount] = useState<PaymentAccount | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => call('GET /api/v1/payment-accounts/mollie').then(setAccount, setError);
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
    if (busy) return;
    void run(async () => {
      const saved = await call('PUT /api/v1/payment-accounts/mollie', { body: { apiKey: apiKey.trim() } });
      setApiKey('');
      return t('mollieConnected', { mode: saved.mode ?? 'test' });
    });
  };
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p class="hint">{t('paymentsHelp')}</p>
      {account && (
        <p>
          {t('mollie')}{' '}
          {account.configured ? (
            <>
              <StatusBadge
                status={account.mode === 'live' ? 'completed' : 'requested'}
                label={account.mode === 'live' ? t('live') : t('testMode')}
              />{' '}
              <span class="hint">{t('connectedAt', { when: formatDate(account.updatedAt) })}</span>
            </>
          ) : (
            <StatusBadge status="cancelled" label={t('notConnected')} />
          )}
        </p>
      )}
      {account?.mode === 'test' && <Alert kind="info">{t('mollieTestInfo')}</Alert>}
      <form class="card narrow" onSubmit={connect} noValidate>
        <h3>{account?.configured ? t('replaceApiKey') : t('connectMollie')}</h3>
        <Field
          id="mollie-api-key"
          label={t('mollieApiKey')}
          hint={t('mollieApiKeyHint')}
          type="password"
          autoComplete="off"
          value={apiKey}
          error={fields.apiKey}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        <SaveBar saveLabel={account?.configured ? t('saveKey') : t('connect')} busy={busy} />
      </form>
      {account?.configured && (
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (!confirm(t('disconnectMollieConfirm'))) return;
            void run(async () => {
              await call('DELETE /api/v1/payment-accounts/mollie');
              return t('mollieDisconnected');
            });
          }}
        >
          {t('disconnectMollie')}
        </button>
      )}
    </div>
  );
}
