// Settings → carriers → services of one account: the carrier's services (GET …/{id}/services),
// one chosen per country and return method, saved with PATCH …/{id} (the server checks each
// choice against the carrier's list; a refused one is shown next to its select).
import type { CarrierAccount, CarrierServiceChoice, CarrierServiceView } from '@retour/contracts/carrier-accounts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, call } from '../api.ts';
import { currentLanguage, t } from '../i18n.ts';
import { methodName } from '../labels.ts';
import { SaveBar, SelectField } from '../form-kit.tsx';
import { Alert, errorText } from '../ui.tsx';
import { accountLabel } from './settings-carriers-providers.ts';

const METHODS = ['drop_off', 'drop_off_labelless', 'pickup'] as const;
const key = (country: string, method: string) => `${country}:${method}`;

function countryName(country: string): string {
  if (country === '*') return t('everyOtherCountry');
  try {
    return `${new Intl.DisplayNames([currentLanguage()], { type: 'region' }).of(country) ?? country} (${country})`;
  } catch {
    return country;
  }
}

const serves = (s: CarrierServiceView, country: string, method: string) =>
  s.methods.includes(method) && (s.fromCountries.includes('*') || s.fromCountries.includes(country));

/** The countries to choose for: every country a service names ('*' last), and those already chosen. */
function countriesOf(services: CarrierServiceView[], chosen: CarrierAccount['settings']['services']): string[] {
  const all = new Set([...services.flatMap((s) => s.fromCountries), ...chosen.map((c) => c.country)]);
  return [...all].sort((a, b) => (a === '*' ? 1 : b === '*' ? -1 : a.localeCompare(b)));
}

/** The error of each choice, by "country:method", from a refused save. */
function choiceErrors(error: unknown, sent: CarrierServiceChoice[]): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const at = (index: number, message: string) => {
    const choice = sent[index];
    if (choice) out[key(choice.country, choice.method)] ??= message;
  };
  for (const [path, message] of Object.entries(error.fields)) {
    const index = /^settings\.services\.(\d+)/.exec(path)?.[1];
    if (index !== undefined) at(Number(index), message);
  }
  const index = error.details.index;
  if (error.code === 'carrier_service_not_available' && typeof index === 'number') at(index, error.message);
  return out;
}

export function ServicesChooser(props: {
  account: CarrierAccount;
  onSaved: (account: CarrierAccount) => Promise<void>;
  onClose: () => void;
}) {
  const { account } = props;
  const [services, setServices] = useState<CarrierServiceView[] | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>(() =>
    Object.fromEntries(account.settings.services.map((c) => [key(c.country, c.method), c.service])),
  );
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<CarrierServiceChoice[]>([]);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    call('GET /api/v1/carrier-accounts/:id/services', { params: { id: account.id } }).then((r) => setServices(r.data), setLoadError);
  }, [account.id]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const chosen = Object.entries(choice)
      .filter(([, service]) => service)
      .map(([k, service]) => {
        const [country = '', method = ''] = k.split(':');
        return { country, method, service } as CarrierServiceChoice;
      });
    setBusy(true);
    setError(null);
    setSent(chosen);
    try {
      await props.onSaved(
        await call('PATCH /api/v1/carrier-accounts/:id', { params: { id: account.id }, body: { settings: { services: chosen } } }),
      );
    } catch (err) {
      setError(err);
      // Focus the first refused select, or the form's heading (its alert follows) when none was refused.
      requestAnimationFrame(() => (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? headingRef.current)?.focus());
    } finally {
      setBusy(false);
    }
  };

  const titleId = `carrier-services-${account.id}-title`;
  const errors = choiceErrors(error, sent);
  const countries = services ? countriesOf(services, account.settings.services) : [];
  return (
    <form class="card" ref={formRef} onSubmit={save} noValidate aria-labelledby={titleId}>
      <h4 id={titleId} tabIndex={-1} ref={headingRef}>
        {t('servicesOf', { account: accountLabel(account) })}
      </h4>
      <p class="hint">{t('servicesHelp')}</p>
      {loadError !== null && <Alert>{errorText(loadError)}</Alert>}
      {error !== null && <Alert>{Object.keys(errors).length > 0 ? t('fixErrors') : errorText(error)}</Alert>}
      {services === null && loadError === null && <p class="muted">{t('askingServices')}</p>}
      {services?.length === 0 && <Alert kind="info">{t('noReturnServices')}</Alert>}
      {countries.map((country) => {
        const options = (method: string) => services?.filter((s) => serves(s, country, method)) ?? [];
        const methods = METHODS.filter((method) => options(method).length > 0 || choice[key(country, method)]);
        if (methods.length === 0) return null;
        return (
          <fieldset key={country} class="card">
            <legend>{t('returnsFrom', { country: countryName(country) })}</legend>
            {methods.map((method) => {
              const id = `svc-${account.id}-${country === '*' ? 'any' : country}-${method}`;
              const current = choice[key(country, method)] ?? '';
              const known = options(method);
              const stale = current && !known.some((s) => s.code === current);
              return (
                <SelectField
                  key={method}
                  id={id}
                  label={methodName(method)}
                  value={current}
                  error={errors[key(country, method)]}
                  options={[
                    ['', t('notOffered')],
                    ...known.map((s) => [s.code, `${s.name} (${s.code})`] as const),
                    ...(stale ? [[current, t('noLongerListed', { service: current })] as const] : []),
                  ]}
                  onChange={(service) => setChoice({ ...choice, [key(country, method)]: service })}
                />
              );
            })}
          </fieldset>
        );
      })}
      <SaveBar saveLabel={t('saveServices')} busy={busy || services === null}>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </SaveBar>
    </form>
  );
}
