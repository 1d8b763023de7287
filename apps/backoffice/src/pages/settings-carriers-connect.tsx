// Settings → carriers: connect an account with the carrier's credentials (checked with the carrier
// before anything is stored) and replace the credentials of a connected one. The values are sent
// once and never shown again.
import type { CarrierAccount } from '@retour/contracts/carrier-accounts';
import { useRef, useState } from 'preact/hooks';
import { ApiError, call } from '../api.ts';
import { t } from '../i18n.ts';
import { SaveBar, SelectField } from '../form-kit.tsx';
import { Alert, Field, errorText, fieldErrors } from '../ui.tsx';
import {
  accountLabel,
  connectBody,
  credentialsBody,
  fieldsOf,
  PROVIDER_KEYS,
  PROVIDERS,
  type Provider,
  providerName,
} from './settings-carriers-providers.ts';

/** One input per credential of the provider; `errors` keyed by the credential's name. */
function CredentialFields(props: {
  idPrefix: string;
  provider: Provider;
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  onInput: (key: string, value: string) => void;
}) {
  return (
    <>
      {fieldsOf(props.provider).map((f) => (
        <Field
          key={`${props.provider}-${f.key}`}
          id={`${props.idPrefix}-${f.key}`}
          label={t(f.label)}
          hint={t(f.hint)}
          type={f.secret ? 'password' : 'text'}
          autoComplete="off"
          spellcheck={false}
          required={!f.optional}
          value={props.values[f.key] ?? ''}
          error={props.errors[f.key]}
          onInput={(e) => props.onInput(f.key, e.currentTarget.value)}
        />
      ))}
    </>
  );
}

/** Submits a form's request; returns its error for the form to show (and the alert takes focus). */
function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const submit = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => alertRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };
  // A code already in use is a mistake in one field: shown under it, like a validation issue.
  const taken = error instanceof ApiError && error.code === 'carrier_code_taken' ? { code: error.message } : {};
  const alert =
    error !== null ? (
      <div ref={alertRef} tabIndex={-1}>
        <Alert>{'code' in taken ? t('fixErrors') : errorText(error)}</Alert>
      </div>
    ) : null;
  return { submit, busy, fields: { ...fieldErrors(error), ...taken } as Record<string, string>, alert };
}

/** Keys of "credentials.apiKey" style issues without the prefix. */
function under(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

export function ConnectForm(props: { existingCodes: string[]; onConnected: (account: CarrierAccount) => Promise<void> }) {
  const [provider, setProvider] = useState<Provider>('postnl');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const { submit, busy, fields, alert } = useSubmit();
  const suggested = (p: Provider) => {
    const base = PROVIDERS[p].code;
    let candidate = base;
    for (let n = 2; props.existingCodes.includes(candidate); n++) candidate = `${base}_${n}`;
    return candidate;
  };
  const connect = (e: Event) => {
    e.preventDefault();
    void submit(async () => {
      const body = connectBody(provider, code.trim() || suggested(provider), name.trim(), values);
      const account = await call('POST /api/v1/carrier-accounts', { body });
      setCode('');
      setName('');
      setValues({});
      await props.onConnected(account);
    });
  };
  return (
    <form class="card narrow" onSubmit={connect} noValidate aria-labelledby="carrier-connect-title">
      <h3 id="carrier-connect-title">{t('connectCarrierAccount')}</h3>
      <p class="hint">{t('carrierConnectHint')}</p>
      {alert}
      <SelectField
        id="carrier-provider"
        label={t('carrier')}
        value={provider}
        options={PROVIDER_KEYS.map((p) => [p, providerName(p)] as const)}
        onChange={(p) => {
          setProvider(p);
          setValues({});
        }}
      />
      <div class="row">
        <Field
          id="carrier-code"
          label={t('carrierCode')}
          hint={t('carrierCodeHint', { suggested: suggested(provider) })}
          value={code}
          placeholder={suggested(provider)}
          autoComplete="off"
          spellcheck={false}
          error={fields.code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Field
          id="carrier-name"
          label={t('nameForShoppers')}
          hint={t('emptyMeans', { value: providerName(provider) })}
          value={name}
          autoComplete="off"
          error={fields.name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <CredentialFields
        idPrefix="carrier-connect"
        provider={provider}
        values={values}
        errors={under(fields, 'credentials.')}
        onInput={(key, value) => setValues({ ...values, [key]: value })}
      />
      <SaveBar
        saveLabel={t('connectNamed', { carrier: providerName(provider) })}
        busy={busy}
        busyLabel={t('checkingWith', { carrier: providerName(provider) })}
      />
    </form>
  );
}

/** New credentials for a connected account (after the carrier refused the old ones, or rotated keys). */
export function ReconnectForm(props: {
  account: CarrierAccount;
  onDone: (account: CarrierAccount) => Promise<void>;
  onCancel: () => void;
}) {
  const { account } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const { submit, busy, fields, alert } = useSubmit();
  const save = (e: Event) => {
    e.preventDefault();
    void submit(async () => {
      const saved = await call('PUT /api/v1/carrier-accounts/:id/credentials', {
        params: { id: account.id },
        body: credentialsBody(account.provider, values),
      });
      setValues({});
      await props.onDone(saved);
    });
  };
  const titleId = `carrier-reconnect-${account.id}-title`;
  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t('replaceCredentialsOf', { account: accountLabel(account) })}</h4>
      {alert}
      <CredentialFields
        idPrefix={`carrier-reconnect-${account.id}`}
        provider={account.provider}
        values={values}
        errors={fields}
        onInput={(key, value) => setValues({ ...values, [key]: value })}
      />
      <SaveBar
        saveLabel={t('saveCredentials')}
        busy={busy}
        busyLabel={t('checkingWith', { carrier: providerName(account.provider) })}
        onCancel={props.onCancel}
      />
    </form>
  );
}
