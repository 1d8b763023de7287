// Step 1: the merchant's instructions and policy, finding the order, and (when the merchant offers
// it) the clearly labelled entry to withdraw from the contract (EU art. 11a).
import { withdrawalFormUrl } from '../api.ts';
import { LookupForm } from '../components/lookup-form.tsx';
import { StepHeading } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import type { StepProps } from './types.ts';

function PolicyLink({ url }: { url: string | null }) {
  if (!url) return null;
  return (
    <p>
      <a href={url} target="_blank" rel="noopener noreferrer">
        {t('policyLink')}
        <span class="sr-only"> {t('opensInNewTab')}</span>
      </a>
    </p>
  );
}

export function StartStep(props: StepProps) {
  const { portal, update, go, setErrors } = props;
  return (
    <>
      <StepHeading>{t('startTitle')}</StepHeading>
      <p class="lead">{t('startLead', { days: portal.returnWindowDays })}</p>
      {portal.instructionsHtml && (
        // Sanitised by the server on save and on render (bold, italic, underline, lists, links).
        <div class="instructions" dangerouslySetInnerHTML={{ __html: portal.instructionsHtml }} />
      )}
      <PolicyLink url={portal.policyUrl} />
      <section class="section" aria-labelledby="find-heading">
        <h2 id="find-heading">{t('findOrderTitle')}</h2>
        <LookupForm {...props} />
      </section>
      {portal.withdrawalFunction && (
        <section class="section withdrawal-entry" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t('withdrawEntryTitle')}</h2>
          <p>{t('withdrawEntryText')}</p>
          <button
            type="button"
            class="button secondary"
            onClick={() => {
              setErrors({});
              update({ mode: 'withdrawal' });
              go('withdraw');
            }}
          >
            {t('withdrawEntryButton')}
          </button>
        </section>
      )}
    </>
  );
}

export function WithdrawStep(props: StepProps) {
  const { slug, update, go, setErrors } = props;
  return (
    <>
      <StepHeading>{t('withdrawTitle')}</StepHeading>
      <p class="lead">{t('withdrawIntro')}</p>
      <ol class="how-list">
        <li>{t('withdrawHow1')}</li>
        <li>{t('withdrawHow2')}</li>
        <li>{t('withdrawHow3')}</li>
      </ol>
      <section class="section" aria-labelledby="find-heading">
        <h2 id="find-heading">{t('findOrderTitle')}</h2>
        <LookupForm {...props} />
      </section>
      <p class="note">
        {t('modelFormIntro')}{' '}
        <a href={withdrawalFormUrl(slug)} download>
          {t('modelFormLink')}
        </a>
      </p>
      <button
        type="button"
        class="button link"
        onClick={() => {
          setErrors({});
          update({ mode: 'return' });
          go('start');
        }}
      >
        {t('returnInstead')}
      </button>
    </>
  );
}
