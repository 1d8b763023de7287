// On a return: which return rules fired when it was made (and the version), its tags and kept items.
import type { Answer } from '../api.ts';
import { t } from '../i18n.ts';

export type RuleOutcome = NonNullable<Answer<'GET /api/v1/returns/:id'>['rules']>;

export function ReturnRulesOutcome(props: { outcome: RuleOutcome | null | undefined; itemName: (orderItemId: string) => string }) {
  const o = props.outcome;
  if (!o || o.fired.length === 0) return null;
  return (
    <section class="card" aria-labelledby="rules-title" data-testid="return-rules">
      <h2 id="rules-title">{t('rrOnReturn', { version: o.version })}</h2>
      <dl class="facts">
        <dt>{t('rrFired')}</dt>
        <dd>{o.fired.map((f) => `${f.position + 1}. ${f.name}`).join(', ')}</dd>
        {o.needsReview && (
          <>
            <dt>{t('rrActReview')}</dt>
            <dd>✓</dd>
          </>
        )}
        {o.tags.length > 0 && (
          <>
            <dt>{t('rrTags')}</dt>
            <dd>{o.tags.join(', ')}</dd>
          </>
        )}
        {o.keptItemIds.length > 0 && (
          <>
            <dt>{t('rrKept')}</dt>
            <dd>{o.keptItemIds.map(props.itemName).join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
