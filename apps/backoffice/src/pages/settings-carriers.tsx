// Settings → Carriers (owners only): connect carrier accounts with the carrier's own credentials
// (checked with the carrier, stored encrypted, never shown again), test them, choose the service
// per country and return method, reconnect with new credentials after the carrier refuses them,
// disconnect. The account's code is the carrier code portals offer.
import type { CarrierAccount, CarrierServiceView } from '@retour/contracts/carrier-accounts';
import { useEffect, useState } from 'preact/hooks';
import { api, formatDate, get } from '../api.ts';
import { Alert, Field, errorText, fieldErrors, StatusBadge } from '../ui.tsx';

type Provider = CarrierAccount['provider'];
const PATH = '/api/v1/carrier-accounts';
const METHODS = [
  ['drop_off', 'Drop-off with a label'],
  ['drop_off_labelless', 'Label-less drop-off'],
  ['pickup', 'Pickup'],
] as const;

const PROVIDERS: Record<Provider, { name: string; fields: [string, string, string][] }> = {
  sendcloud: {
    name: 'Sendcloud',
    fields: [
      ['publicKey', 'Public key', 'Sendcloud → Settings → Integrations → API: the public key.'],
      ['secretKey', 'Secret key', 'The secret key of the same integration; it also signs Sendcloud’s tracking webhooks.'],
    ],
  },
  postnl: {
    name: 'PostNL',
    fields: [
      ['apiKey', 'API key', 'From the PostNL developer portal.'],
      ['customerCode', 'Customer code', 'Four letters, e.g. DEVC.'],
      ['customerNumber', 'Customer number', 'Eight digits.'],
    ],
  },
  dhl_parcel: {
    name: 'DHL Parcel',
    fields: [
      ['userId', 'User id', 'My DHL Parcel → Settings → API keys.'],
      ['key', 'API key', 'The key shown once when you create it.'],
      ['accountId', 'Account number', 'The account labels are booked on.'],
    ],
  },
  ups: {
    name: 'UPS',
    fields: [
      ['clientId', 'Client id', 'UPS developer portal → your app.'],
      ['clientSecret', 'Client secret', 'Of the same app.'],
      ['accountNumber', 'Shipper account number', 'Six characters; it pays for the return labels.'],
    ],
  },
};

function useRunner(load: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
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
  return { busy, notice, error, run };
}

function CredentialFields(props: {
  provider: Provider;
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  return (
    <>
      {PROVIDERS[props.provider].fields.map(([key, label, hint]) => (
        <Field
          key={key}
          id={`${props.prefix}-${key}`}
          label={label}
          hint={hint}
          type={/secret|key$/i.test(key) ? 'password' : 'text'}
          autoComplete="off"
          value={props.values[key] ?? ''}
          error={props.errors[`credentials.${key}`] ?? props.errors[key]}
          onInput={(e) => props.onChange(key, e.currentTarget.value)}
        />
      ))}
    </>
  );
}

function ServiceChoices({ account, onSaved }: { account: CarrierAccount; onSaved: () => Promise<void> }) {
  const [services, setServices] = useState<CarrierServiceView[] | null>(null);
  const [rows, setRows] = useState(account.settings.services.map(({ country, method, service }) => ({ country, method, service })));
  const { busy, notice, error, run } = useRunner(onSaved);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    get<{ data: CarrierServiceView[] }>(`${PATH}/${account.id}/services`).then((r) => setServices(r.data), setLoadError);
  }, [account.id]);
  const fields = fieldErrors(error);
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  if (loadError) return <Alert>{errorText(loadError)}</Alert>;
  if (!services) return <p class="hint">Loading the services of {account.name}…</p>;
  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await api('PATCH', `${PATH}/${account.id}`, { settings: { services: rows } });
          return 'Services saved: portals offer this carrier where a service is chosen.';
        });
      }}
    >
      <h4>Services per country and method</h4>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">Country (or *)</th>
            <th scope="col">Method</th>
            <th scope="col">Service</th>
            <th scope="col">
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Country of row ${i + 1}`}
                  value={row.country}
                  size={3}
                  onInput={(e) => update(i, { country: e.currentTarget.value.toUpperCase() })}
                />
                {fields[`settings.services.${i}.country`] && <p class="error">{fields[`settings.services.${i}.country`]}</p>}
              </td>
              <td>
                <select
                  aria-label={`Method of row ${i + 1}`}
                  value={row.method}
                  onChange={(e) => update(i, { method: e.currentTarget.value })}
                >
                  {METHODS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`Service of row ${i + 1}`}
                  value={row.service}
                  onChange={(e) => update(i, { service: e.currentTarget.value })}
                >
                  <option value="">Choose…</option>
                  {services
                    .filter(
                      (s) => s.methods.includes(row.method) && (s.fromCountries.includes('*') || s.fromCountries.includes(row.country)),
                    )
                    .map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.name} ({s.carrier}){s.price ? ` — ${(s.price.amountMinor / 100).toFixed(2)} ${s.price.currency}` : ''}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <button type="button" class="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" class="secondary" onClick={() => setRows([...rows, { country: 'NL', method: 'drop_off', service: '' }])}>
          Add a country and method
        </button>{' '}
        <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
          Save services
        </button>
      </p>
    </form>
  );
}

function AccountCard({ account, reload }: { account: CarrierAccount; reload: () => Promise<void> }) {
  const { busy, notice, error, run } = useRunner(reload);
  const [open, setOpen] = useState<'services' | 'reconnect' | null>(null);
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const fields = fieldErrors(error);
  return (
    <article class="card">
      <h3>
        {account.name}{' '}
        <span class="hint">
          ({PROVIDERS[account.provider].name}, code {account.code})
        </span>{' '}
        {account.status === 'active' ? (
          <StatusBadge status="completed" label="Connected" />
        ) : (
          <StatusBadge status="rejected" label="Needs new credentials" />
        )}
      </h3>
      {account.accountName && (
        <p class="hint">
          Carrier account: {account.accountName} · connected {formatDate(account.createdAt)}
        </p>
      )}
      {account.lastError && (
        <Alert>
          {account.lastError.message} ({formatDate(account.lastError.at)}). {account.lastError.action}
        </Alert>
      )}
      {account.webhookUrl && (
        <p class="hint">
          Tracking webhook URL for the carrier’s panel: <code>{account.webhookUrl}</code>
        </p>
      )}
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p>
        <button
          type="button"
          class="secondary"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() =>
            void run(async () => {
              const result = await api<{ ok: boolean; message: string | null }>('POST', `${PATH}/${account.id}/test`);
              return result.ok ? 'The carrier accepted the credentials.' : (result.message ?? 'The carrier refused the credentials.');
            })
          }
        >
          Test connection
        </button>{' '}
        <button
          type="button"
          class="secondary"
          aria-expanded={open === 'services'}
          onClick={() => setOpen(open === 'services' ? null : 'services')}
        >
          Services
        </button>{' '}
        <button
          type="button"
          class="secondary"
          aria-expanded={open === 'reconnect'}
          onClick={() => setOpen(open === 'reconnect' ? null : 'reconnect')}
        >
          Reconnect
        </button>{' '}
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (!confirm(`Disconnect ${account.name}? Portals stop offering it; returns booked on it keep their labels.`)) return;
            void run(async () => {
              await api('DELETE', `${PATH}/${account.id}`);
              return `${account.name} is disconnected.`;
            });
          }}
        >
          Disconnect
        </button>
      </p>
      {open === 'services' && <ServiceChoices account={account} onSaved={reload} />}
      {open === 'reconnect' && (
        <form
          class="card narrow"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api('PUT', `${PATH}/${account.id}/credentials`, credentials);
              setCredentials({});
              setOpen(null);
              return 'New credentials saved; waiting labels are booked now.';
            });
          }}
        >
          <h4>New credentials</h4>
          <CredentialFields
            provider={account.provider}
            prefix={`re-${account.id}`}
            values={credentials}
            errors={fields}
            onChange={(k, v) => setCredentials({ ...credentials, [k]: v })}
          />
          <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
            Save credentials
          </button>
        </form>
      )}
    </article>
  );
}

export function Carriers() {
  const [accounts, setAccounts] = useState<CarrierAccount[] | null>(null);
  const [provider, setProvider] = useState<Provider>('sendcloud');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const load = () => get<{ data: CarrierAccount[] }>(PATH).then((r) => setAccounts(r.data));
  const { busy, notice, error, run } = useRunner(load);
  useEffect(() => {
    void load();
  }, []);
  const fields = fieldErrors(error);
  return (
    <div class="section-body">
      {notice && <Alert kind="success">{notice}</Alert>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      <p class="hint">
        Connect your own carrier contracts. Portals offer a connected carrier where you chose a service for the shopper’s country and return
        method; without carrier accounts, the sandbox carriers are used.
      </p>
      {accounts?.map((account) => (
        <AccountCard key={account.id} account={account} reload={load} />
      ))}
      <form
        class="card narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const saved = await api<CarrierAccount>('POST', PATH, {
              provider,
              code: code.trim(),
              ...(name.trim() ? { name: name.trim() } : {}),
              credentials,
            });
            setCredentials({});
            setCode('');
            setName('');
            return `${saved.name} is connected. Choose its services per country and method next.`;
          });
        }}
      >
        <h3>Connect a carrier account</h3>
        <Field id="carrier-provider" label="Carrier">
          <select id="carrier-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value as Provider)}>
            {(Object.keys(PROVIDERS) as Provider[]).map((p) => (
              <option key={p} value={p}>
                {PROVIDERS[p].name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="carrier-code"
          label="Code"
          hint="Lowercase letters, digits and _, e.g. postnl_nl: portals list carriers by this code."
          value={code}
          error={fields.code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Field
          id="carrier-name"
          label="Name shown to shoppers (optional)"
          value={name}
          error={fields.name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <CredentialFields
          provider={provider}
          prefix="new"
          values={credentials}
          errors={fields}
          onChange={(k, v) => setCredentials({ ...credentials, [k]: v })}
        />
        <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
          Connect
        </button>
      </form>
    </div>
  );
}
