// Settings → carriers (owners only): the merchant's own carrier accounts (PostNL, DHL Parcel, …)
// with their status; a refused account says so at the top of its card with the carrier's message
// and what to do. Per account: test the connection, choose its services, replace the credentials,
// copy the webhook URL (carriers that push tracking), disconnect after an inline confirmation.
import type { CarrierAccount, CarrierAccountTest } from '@retour/contracts/carrier-accounts';
import { useEffect, useState } from 'preact/hooks';
import { call, formatDate } from '../api.ts';
import { t } from '../i18n.ts';
import { methodName } from '../labels.ts';
import { Alert, errorText, Field, StatusBadge } from '../ui.tsx';
import { ConnectForm, ReconnectForm } from './settings-carriers-connect.tsx';
import { accountLabel, providerName } from './settings-carriers-providers.ts';
import { ServicesChooser } from './settings-carriers-services.tsx';

type Panel = { id: string; kind: 'services' | 'reconnect' | 'disconnect' } | null;

/** Moves focus to an element once the next render has put it on the page. */
function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
const titleId = (a: { id: string }) => `carrier-${a.id}-title`;

function ChosenServices(props: { account: CarrierAccount }) {
  const { services } = props.account.settings;
  if (services.length === 0) return <p class="muted">{t('noServicesYet')}</p>;
  return (
    <ul class="plain">
      {services.map((s) => (
        <li key={`${s.country}:${s.method}`}>
          {t('serviceLine', {
            country: s.country === '*' ? t('everyOtherCountry') : s.country,
            method: methodName(s.method),
            name: s.name,
            service: s.service,
          })}
        </li>
      ))}
    </ul>
  );
}

function WebhookUrl(props: { account: CarrierAccount }) {
  const [copied, setCopied] = useState('');
  const url = props.account.webhookUrl;
  if (!url) return null;
  const id = `carrier-${props.account.id}-webhook`;
  return (
    <Field id={id} label={t('webhookUrl')} hint={t('carrierWebhookHint', { carrier: providerName(props.account.provider) })}>
      <div class="actions">
        <input id={id} readOnly value={url} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() => {
            const done = (ok: boolean) => setCopied(ok ? t('copied') : t('copyFailed'));
            if (!navigator.clipboard) return done(false);
            navigator.clipboard.writeText(url).then(
              () => done(true),
              () => done(false),
            );
          }}
        >
          {t('copyWebhookUrl')}
        </button>
        <span role="status">{copied}</span>
      </div>
    </Field>
  );
}

function AccountCard(props: {
  account: CarrierAccount;
  panel: Panel;
  setPanel: (p: Panel) => void;
  test: CarrierAccountTest | undefined;
  onTest: () => void;
  testing: boolean;
  onDisconnect: () => void;
  onChanged: (account: CarrierAccount, notice: string) => Promise<void>;
}) {
  const { account, panel, setPanel } = props;
  const open = panel?.id === account.id ? panel.kind : null;
  const label = accountLabel(account);
  const closeTo = () => {
    setPanel(null);
    focusSoon(titleId(account));
  };
  return (
    <li class="card">
      <div class="row-between">
        <h3 id={titleId(account)} tabIndex={-1}>
          {label}
        </h3>
        {account.status === 'active' ? (
          <StatusBadge status="completed" label={t('carrierConnected')} />
        ) : (
          <StatusBadge status="rejected" label={t('carrierRefused')} />
        )}
      </div>
      {account.status === 'auth_failed' && (
        <Alert>
          <p>
            <strong>
              {account.lastError
                ? t('carrierCannotBookOn', {
                    account: label,
                    carrier: providerName(account.provider),
                    date: formatDate(account.lastError.at),
                  })
                : t('carrierCannotBook', { account: label, carrier: providerName(account.provider) })}
            </strong>{' '}
            {account.lastError?.message}
          </p>
          <p>
            <strong>{t('whatToDo')}</strong> {account.lastError?.action ?? t('reconnectAdvice')}
          </p>
        </Alert>
      )}
      <dl class="facts">
        <dt>{t('carrier')}</dt>
        <dd>{providerName(account.provider)}</dd>
        <dt>{t('carrierCode')}</dt>
        <dd>
          <code>{account.code}</code>
        </dd>
        {account.accountName && (
          <>
            <dt>{t('accountAtCarrier')}</dt>
            <dd>{account.accountName}</dd>
          </>
        )}
        <dt>{t('connectedOn')}</dt>
        <dd>{formatDate(account.createdAt)}</dd>
      </dl>
      <h4>{t('services')}</h4>
      <ChosenServices account={account} />
      <WebhookUrl account={account} />
      {/* A refused test marks the account auth_failed: the alert above says it, with what to do. */}
      {props.test?.ok && (
        <Alert kind="success">
          {props.test.accountName
            ? t('connectionWorksAs', { account: props.test.accountName, carrier: providerName(account.provider) })
            : t('connectionWorks', { carrier: providerName(account.provider) })}
        </Alert>
      )}
      {props.test && !props.test.ok && account.status !== 'auth_failed' && (
        <Alert>{t('connectionFailed', { message: props.test.message ?? '' })}</Alert>
      )}
      <div class="actions">
        <button type="button" onClick={props.onTest} aria-disabled={props.testing ? 'true' : undefined}>
          {props.testing ? t('testing') : t('testConnection')}
        </button>
        <button
          type="button"
          aria-expanded={open === 'services'}
          onClick={() => setPanel(open === 'services' ? null : { id: account.id, kind: 'services' })}
        >
          {t('chooseServices')}
        </button>
        <button
          type="button"
          aria-expanded={open === 'reconnect'}
          onClick={() => {
            setPanel(open === 'reconnect' ? null : { id: account.id, kind: 'reconnect' });
            focusSoon(`carrier-reconnect-${account.id}-title`);
          }}
        >
          {t('reconnect')}
        </button>
        <button
          type="button"
          class="danger"
          aria-expanded={open === 'disconnect'}
          onClick={() => {
            setPanel({ id: account.id, kind: 'disconnect' });
            focusSoon(`carrier-${account.id}-confirm`);
          }}
        >
          {t('disconnect')}
        </button>
      </div>
      {open === 'services' && (
        <ServicesChooser
          account={account}
          onClose={closeTo}
          onSaved={(saved) => props.onChanged(saved, t('servicesSaved', { account: accountLabel(saved) }))}
        />
      )}
      {open === 'reconnect' && (
        <ReconnectForm
          account={account}
          onCancel={closeTo}
          onDone={(saved) => props.onChanged(saved, t('reconnected', { account: accountLabel(saved) }))}
        />
      )}
      {open === 'disconnect' && (
        <fieldset class="card" aria-labelledby={`carrier-${account.id}-confirm`}>
          <p id={`carrier-${account.id}-confirm`} tabIndex={-1}>
            <strong>{t('disconnectCarrierQuestion', { account: label })}</strong> {t('disconnectCarrierText', { code: account.code })}
          </p>
          <div class="actions">
            <button type="button" class="danger" onClick={props.onDisconnect}>
              {t('yesDisconnect', { account: label })}
            </button>
            <button type="button" onClick={closeTo}>
              {t('keepConnected')}
            </button>
          </div>
        </fieldset>
      )}
    </li>
  );
}

export function Carriers() {
  const [accounts, setAccounts] = useState<CarrierAccount[] | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tests, setTests] = useState<Record<string, CarrierAccountTest>>({});
  const [testing, setTesting] = useState<string | null>(null);
  const load = () => call('GET /api/v1/carrier-accounts').then((r) => setAccounts(r.data), setError);
  useEffect(() => {
    void load();
  }, []);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    setNotice('');
    try {
      await work();
    } catch (err) {
      setError(err);
      focusSoon('carriers-message');
    }
  };
  const test = (a: CarrierAccount) =>
    act(async () => {
      setTesting(a.id);
      try {
        const result = await call('POST /api/v1/carrier-accounts/:id/test', { params: { id: a.id } });
        setTests((all) => ({ ...all, [a.id]: result }));
        await load();
      } finally {
        setTesting(null);
      }
    });
  const disconnect = (a: CarrierAccount) =>
    act(async () => {
      await call('DELETE /api/v1/carrier-accounts/:id', { params: { id: a.id } });
      setPanel(null);
      await load();
      setNotice(t('carrierDisconnected', { account: accountLabel(a) }));
      focusSoon('carriers-message');
    });
  const changed = async (saved: CarrierAccount, message: string) => {
    setPanel(null);
    setTests(({ [saved.id]: _, ...rest }) => rest);
    await load();
    setNotice(message);
    focusSoon(titleId(saved));
  };
  return (
    <div class="section-body">
      <div id="carriers-message" tabIndex={-1}>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error !== null && <Alert>{errorText(error)}</Alert>}
      </div>
      <p class="hint">{t('carriersHelp')}</p>
      {accounts?.length === 0 && <p>{t('noCarrierAccounts')}</p>}
      {accounts && accounts.length > 0 && (
        <ul class="cards" aria-label={t('carrierAccounts')}>
          {accounts.map((a) => (
            <AccountCard
              key={a.id}
              account={a}
              panel={panel}
              setPanel={setPanel}
              test={tests[a.id]}
              testing={testing === a.id}
              onTest={() => void test(a)}
              onDisconnect={() => void disconnect(a)}
              onChanged={changed}
            />
          ))}
        </ul>
      )}
      <ConnectForm
        existingCodes={(accounts ?? []).map((a) => a.code)}
        onConnected={async (account) => {
          await load();
          setNotice(t('carrierAccountConnected', { account: accountLabel(account) }));
          setPanel({ id: account.id, kind: 'services' });
        }}
      />
    </div>
  );
}
