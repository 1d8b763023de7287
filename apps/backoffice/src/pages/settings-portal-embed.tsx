// Portal settings → embedding: allowed origins and the snippet with a copy button.
import { useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { FieldGroup, TextAreaField } from '../form-kit.tsx';
import type { PortalSectionProps } from './settings-portal-model.ts';

export function PortalEmbedSection({ draft, set, issuesUnder, embedSnippet }: PortalSectionProps & { embedSnippet: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <FieldGroup legend={t('embedding')}>
      <TextAreaField
        id="p-frames"
        label={t('allowedOrigins')}
        rows={3}
        value={draft.allowedFrameAncestors.join('\n')}
        error={issuesUnder('allowedFrameAncestors')}
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
      <TextAreaField id="p-snippet" label={t('embedSnippet')} rows={3} readOnly value={embedSnippet} />
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
    </FieldGroup>
  );
}
