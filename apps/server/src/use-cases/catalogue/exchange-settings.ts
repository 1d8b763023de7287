// A portal's exchange settings as the domain rules take them (money in minor units); off for
// portals whose settings predate exchanges.
import { EXCHANGE_SETTINGS_OFF } from '@retour/contracts/catalogue';
import type { PortalSettings } from '@retour/contracts/config';
import type { ExchangeSettings } from '@retour/domain/exchanges';
import { parseMoneyValue } from '@retour/domain/money';

export function exchangeSettingsOf(settings: PortalSettings): ExchangeSettings {
  const s = settings.exchanges ?? EXCHANGE_SETTINGS_OFF;
  const bonus = s.bonusCredit;
  return {
    offered: s.offered,
    reasons: s.reasons,
    priceBand: s.priceBand,
    otherProducts: s.otherProducts,
    bonusCredit:
      bonus === null
        ? null
        : bonus.kind === 'percent'
          ? bonus
          : { kind: 'fixed', amount: parseMoneyValue(bonus.amount.value, bonus.amount.currency) ?? 0, currency: bonus.amount.currency },
  };
}
