// Portal settings → return reasons (translated per language) and the portal languages.
import { languageName, t } from '../i18n.ts';
import { CheckboxField, FieldGroup, SelectField } from '../form-kit.tsx';
import { Alert, describedBy, FieldError } from '../ui.tsx';
import { LANGUAGES, type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

const REASON_WARNING = 7;

type ReasonPhotos = PortalSectionProps['draft']['reasons'][number]['photos'];

/** Photos with items returned for this reason: off, optional, or required with a minimum (1–10). */
function ReasonPhotosCell(props: { index: number; photos: ReasonPhotos; onChange: (photos: ReasonPhotos) => void }) {
  const mode = props.photos?.mode ?? 'off';
  const min = props.photos?.mode === 'required' ? props.photos.min : 1;
  const n = props.index + 1;
  return (
    <div class="inline-fields">
      <SelectField
        id={`reason-${props.index}-photos`}
        label={t('reasonPhotosFor', { index: n })}
        labelHidden
        value={mode}
        options={[
          ['off', t('reasonPhotosOff')],
          ['optional', t('reasonPhotosOptional')],
          ['required', t('reasonPhotosRequired')],
        ]}
        onChange={(next) =>
          props.onChange(next === 'required' ? { mode: 'required', min } : next === 'optional' ? { mode: 'optional' } : undefined)
        }
      />
      {mode === 'required' && (
        <input
          type="number"
          min={1}
          max={10}
          size={3}
          aria-label={t('reasonPhotosMin', { index: n })}
          value={String(min)}
          onInput={(e) => {
            const value = Math.min(10, Math.max(1, Math.trunc(Number(e.currentTarget.value) || 1)));
            props.onChange({ mode: 'required', min: value });
          }}
        />
      )}
    </div>
  );
}

export function PortalReasonsSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  return (
    <>
      <FieldGroup legend={t('returnReasons')}>
        {draft.reasons.length > REASON_WARNING && (
          <Alert kind="info">{t('tooManyReasons', { count: draft.reasons.length, max: REASON_WARNING })}</Alert>
        )}
        <FieldError id="p-reasons" error={f.reasons} />
        <div class="table-wrap">
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                {draft.languages.map((l) => (
                  <th key={l} scope="col">
                    {languageName(l)}
                  </th>
                ))}
                <th scope="col">{t('reasonPhotos')}</th>
                <th scope="col">
                  <span class="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.reasons.map((r, i) => {
                const update = (patch: Partial<typeof r>) =>
                  set(
                    'reasons',
                    draft.reasons.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                const codeError = f[`reasons.${i}.code`];
                return (
                  <tr key={i}>
                    <td>
                      <input
                        id={`reason-${i}-code`}
                        aria-label={t('reasonCode', { index: i + 1 })}
                        value={r.code}
                        size={14}
                        {...describedBy(`reason-${i}-code`, codeError)}
                        onInput={(e) => update({ code: e.currentTarget.value })}
                      />
                      <FieldError id={`reason-${i}-code`} error={codeError} />
                    </td>
                    {draft.languages.map((l) => (
                      <td key={l}>
                        <input
                          aria-label={t('reasonIn', { index: i + 1, language: languageName(l) })}
                          value={r.labels[l] ?? ''}
                          onInput={(e) => {
                            const labels = { ...r.labels, [l]: e.currentTarget.value };
                            if (!labels[l]) delete labels[l];
                            update({ labels });
                          }}
                        />
                      </td>
                    ))}
                    <td>
                      <ReasonPhotosCell index={i} photos={r.photos} onChange={(photos) => update({ photos })} />
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-label={t('removeReason', { code: r.code })}
                        onClick={() =>
                          set(
                            'reasons',
                            draft.reasons.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {t('delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" onClick={() => set('reasons', [...draft.reasons, { code: '', labels: {} }])}>
          {t('addReason')}
        </button>
      </FieldGroup>

      <FieldGroup legend={t('languages')}>
        {LANGUAGES.map((l) => (
          <CheckboxField
            key={l}
            label={languageName(l)}
            checked={draft.languages.includes(l)}
            onChange={(on) => set('languages', toggleIn(draft.languages, l, on))}
          />
        ))}
        <FieldError id="p-languages" error={issuesUnder('languages')} />
        <SelectField
          id="p-default-language"
          label={t('defaultLanguage')}
          value={draft.defaultLanguage}
          error={f.defaultLanguage}
          options={LANGUAGES.map((l) => [l, languageName(l)] as const)}
          onChange={(l) => set('defaultLanguage', l)}
        />
      </FieldGroup>
    </>
  );
}
