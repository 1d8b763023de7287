// Portal settings → return reasons (translated per language) and the portal languages.
import { m } from '../messages.ts';
import { Alert, describedBy, FieldError } from '../ui.tsx';
import { LANGUAGE_NAMES, LANGUAGES, type PortalSectionProps, toggleIn } from './settings-portal-model.ts';

const REASON_WARNING = 7;

export function PortalReasonsSection({ draft, set, f, issuesUnder }: PortalSectionProps) {
  return (
    <>
      <fieldset class="card">
        <legend>Return reasons</legend>
        {draft.reasons.length > REASON_WARNING && (
          <Alert kind="info">
            {draft.reasons.length} reasons: shoppers choose more reliably from at most {REASON_WARNING}. Consider merging some.
          </Alert>
        )}
        <FieldError id="p-reasons" error={f.reasons} />
        <div class="table-wrap">
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">Code</th>
                {draft.languages.map((l) => (
                  <th key={l} scope="col">
                    {LANGUAGE_NAMES[l]}
                  </th>
                ))}
                <th scope="col">
                  <span class="sr-only">{m.actions}</span>
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
                        aria-label={`Reason ${i + 1} code`}
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
                          aria-label={`Reason ${i + 1} in ${LANGUAGE_NAMES[l]}`}
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
                      <button
                        type="button"
                        aria-label={`Remove reason ${r.code}`}
                        onClick={() =>
                          set(
                            'reasons',
                            draft.reasons.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {m.delete}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" onClick={() => set('reasons', [...draft.reasons, { code: '', labels: {} }])}>
          {m.add} reason
        </button>
      </fieldset>

      <fieldset class="card">
        <legend>Languages</legend>
        {LANGUAGES.map((l) => (
          <label key={l} class="check-label">
            <input
              type="checkbox"
              checked={draft.languages.includes(l)}
              onChange={(e) => set('languages', toggleIn(draft.languages, l, e.currentTarget.checked))}
            />{' '}
            {LANGUAGE_NAMES[l]}
          </label>
        ))}
        <FieldError id="p-languages" error={issuesUnder('languages')} />
        <div class="field">
          <label for="p-default-language">Default language</label>
          <select
            id="p-default-language"
            value={draft.defaultLanguage}
            {...describedBy('p-default-language', f.defaultLanguage)}
            onChange={(e) => set('defaultLanguage', e.currentTarget.value)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <FieldError id="p-default-language" error={f.defaultLanguage} />
        </div>
      </fieldset>
    </>
  );
}
