// Portal settings → return methods and the carriers offered per country.
import { useState } from 'preact/hooks';
import type { Answer } from '../api.ts';
import { t } from '../i18n.ts';
import { METHODS, methodName } from '../labels.ts';
import { CheckboxField, FieldGroup } from '../form-kit.tsx';
import { Field } from '../ui.tsx';
import { type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

export type Carrier = Answer<'GET /api/v1/carriers'>['data'][number];

export function PortalMethodsSection({ draft, set, issuesUnder, carriers }: PortalSectionProps & { carriers: Carrier[] }) {
  const [newCountry, setNewCountry] = useState('');
  const countries = Object.keys(draft.carriers);
  return (
    <>
      <FieldGroup id="p-methods" legend={t('returnMethods')} error={issuesUnder('methods')}>
        {METHODS.map((k) => (
          <CheckboxField
            key={k}
            label={methodName(k)}
            checked={draft.methods.includes(k)}
            onChange={(on) => set('methods', toggleIn(draft.methods, k, on))}
          />
        ))}
      </FieldGroup>

      <FieldGroup id="p-carriers" legend={t('carriersPerCountry')} hint={t('starCountry')} error={issuesUnder('carriers')}>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{t('country')}</th>
              {carriers.map((c) => (
                <th key={c.code} scope="col">
                  {c.name}
                </th>
              ))}
              <th scope="col">
                <span class="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {countries.map((country) => (
              <tr key={country}>
                <th scope="row">{country}</th>
                {carriers.map((c) => (
                  <td key={c.code}>
                    <CheckboxField
                      labelHidden
                      label={t('carrierInCountry', { carrier: c.name, country })}
                      checked={(draft.carriers[country] ?? []).includes(c.code)}
                      onChange={(on) =>
                        set('carriers', { ...draft.carriers, [country]: toggleIn(draft.carriers[country] ?? [], c.code, on) })
                      }
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    aria-label={t('removeCountry', { country })}
                    onClick={() => {
                      const next = { ...draft.carriers };
                      delete next[country];
                      set('carriers', next);
                    }}
                  >
                    {t('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="row">
          <Field
            id="p-new-country"
            label={t('addCountry')}
            value={newCountry}
            size={4}
            maxLength={2}
            onInput={(e) => setNewCountry(e.currentTarget.value.toUpperCase())}
          />
          <div class="field">
            <span class="label">&nbsp;</span>
            <button
              type="button"
              onClick={() => {
                if (newCountry && !(newCountry in draft.carriers)) set('carriers', { ...draft.carriers, [newCountry]: [] });
                setNewCountry('');
              }}
            >
              {t('add')}
            </button>
          </div>
        </div>
      </FieldGroup>
    </>
  );
}
