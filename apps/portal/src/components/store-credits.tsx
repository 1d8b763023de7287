// The store credit on a return, on the shopper's status page: the amount, the code once it can be
// used (a gift card or coupon in the shop, or the code the shop recorded), its expiry and where to spend it.
import type { ReturnView } from '@retour/contracts/returns';
import { formatDay, formatMoney, t } from '../i18n.ts';

export function StoreCredits({ credits }: { credits: ReturnView['storeCredits'] }) {
  if (credits.length === 0) return null;
  return (
    <section class="section" aria-labelledby="credit-heading">
      <h2 id="credit-heading">{t('creditTitle')}</h2>
      <ul class="summary-list">
        {credits.map((credit, i) => (
          <li key={credit.code ?? `pending-${i}`}>
            <p>{t('creditAmount', { amount: formatMoney(credit.amount) })}</p>
            {credit.code ? (
              <p>
                {t('creditCode')} <strong class="credit-code">{credit.code}</strong>
              </p>
            ) : (
              <p>{t('creditPending')}</p>
            )}
            {credit.code ? (
              <p>{credit.expiresOn ? t('creditExpires', { date: formatDay(credit.expiresOn) }) : t('creditNoExpiry')}</p>
            ) : null}
            {credit.code && credit.shopUrl ? (
              <p>
                <a href={credit.shopUrl} rel="noopener">
                  {t('creditSpend')}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
