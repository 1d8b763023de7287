// Step 5: where the label and updates go. The lookup only shows the email on the order masked, so
// the shopper types it; a phone number is asked when the chosen carrier needs one.
import { Actions, BackButton, Button, described, ErrorSummary, FieldError, focusFirstInvalid, StepHeading } from '../components/ui.tsx';
import { chosenOption, phoneNeeded } from '../flow.ts';
import { t } from '../i18n.ts';
import { checkContact } from '../validate.ts';
import type { StepProps } from './types.ts';

export function ContactStep({ draft, update, errors, setErrors, next, back }: StepProps) {
  const { needed, required } = phoneNeeded(draft);
  const carrier = chosenOption(draft)?.carrier?.name ?? '';
  const masked = draft.lookup?.order.email ?? '';
  const submit = (event: Event) => {
    event.preventDefault();
    const problems = checkContact(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    next();
  };
  return (
    <form class="form" noValidate onSubmit={submit}>
      <StepHeading>{t('contactTitle')}</StepHeading>
      <ErrorSummary errors={errors} targets={{ email: 'contact-email', phone: 'contact-phone' }} />
      <div class="field">
        <label for="contact-email">{t('email')}</label>
        <p class="hint" id="contact-email-hint">
          {masked ? t('emailHintMasked', { masked }) : t('emailHint')}
        </p>
        <input
          id="contact-email"
          class="input"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellcheck={false}
          required
          maxLength={254}
          value={draft.email}
          onInput={(e) => update({ email: e.currentTarget.value })}
          {...described('email', errors, 'contact-email-hint')}
        />
        <FieldError field="email" errors={errors} />
      </div>
      {(needed || errors.phone) && (
        <div class="field">
          <label for="contact-phone">{required || errors.phone ? t('phone') : t('phoneOptional')}</label>
          <p class="hint" id="contact-phone-hint">
            {required ? t('phoneHintRequired', { carrier }) : t('phoneHintKnown', { carrier })}
          </p>
          <input
            id="contact-phone"
            class="input"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required={required}
            maxLength={24}
            value={draft.phone}
            onInput={(e) => update({ phone: e.currentTarget.value })}
            {...described('phone', errors, 'contact-phone-hint')}
          />
          <FieldError field="phone" errors={errors} />
        </div>
      )}
      <Actions>
        <Button>{t('continue')}</Button>
        <BackButton onClick={back} />
      </Actions>
    </form>
  );
}
