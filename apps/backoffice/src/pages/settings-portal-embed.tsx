// Portal settings → embedding: allowed origins and the snippet with a copy button.
import { useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { describedBy, FieldError } from '../ui.tsx';
import type { PortalSectionProps } from './settings-portal-model.ts';

export function PortalEmbedSection({ draft, set, issuesUnder, embedSnippet }: PortalSectionProps & { embedSnippet: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <fieldset class="card">
      <legend>{t('embedding')}</legend>
      <div class="field">
        <label for="p-frames">{t('allowedOrigins')}</label>
        <textarea
          id="p-frames"
          rows={3}
          value={draft.allowedFrameAncestors.join('\n')}
          {...describedBy('p-frames', issuesUnder('allowedFrameAncestors'))}
          onInput={(e) =>
            set(
              'allowedFrameAncestors',
              e.currentTarget.value
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
        <FieldError id="p-frames" error={issuesUnder('allowedFrameAncestors')} />
      </div>
      <div class="field">
        <label for="p-snippet">{t('embedSnippet')}</label>
        <textarea id="p-snippet" rows={3} readOnly value={embedSnippet} />
      </div>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(embedSnippet).catch(() => undefined);
          setCopied(true);
        }}
      >
        {t('copySnippet')}
      </button>{' '}
      <span role="status">{copied ? t('copied') : ''}</span>
    </fieldset>
  );
}
