// Views of the configuration rows.
import { EXCHANGE_SETTINGS_OFF } from '@retour/contracts/catalogue';
import type { Address, Brand, Portal, PortalSettings, ShippingRule } from '@retour/contracts/config';
import { RECOMMENDED_MAX_REASONS } from '@retour/domain/reasons';
import type { AddressesTable, BrandsTable, PortalsTable, ShippingRulesTable } from '@retour/db/schema';

export function toBrand(row: BrandsTable): Brand {
  return {
    id: row.id,
    name: row.name,
    logoUrl: row.logoUrl,
    colors: JSON.parse(row.colors),
    defaultLanguage: row.defaultLanguage as Brand['defaultLanguage'],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toAddress(row: AddressesTable): Address {
  const { merchantId: _m, ...rest } = row;
  return { ...rest, kind: row.kind as Address['kind'] };
}

export function portalWarnings(settings: PortalSettings): Portal['warnings'] {
  const warnings: Portal['warnings'] = [];
  if (settings.reasons.length > RECOMMENDED_MAX_REASONS) {
    warnings.push({
      code: 'too_many_reasons',
      message: `Shoppers choose faster from at most ${RECOMMENDED_MAX_REASONS} reasons; you offer ${settings.reasons.length}.`,
    });
  }
  if (!settings.returnAddressId)
    warnings.push({ code: 'no_return_address', message: 'Choose a return address before enabling the portal.' });
  return warnings;
}

/** The iframe a merchant pastes into their shop; it fits 350 px phones and 660 px desktops. */
export function embedSnippet(portalUrl: string): string {
  return `<iframe src="${portalUrl}?embed=1" title="Returns" style="width:100%;max-width:660px;min-height:800px;border:0" loading="lazy"></iframe>`;
}

export function toPortal(row: PortalsTable, publicUrl: string): Portal {
  const settings = JSON.parse(row.settings) as PortalSettings;
  return {
    ...settings,
    exchanges: settings.exchanges ?? EXCHANGE_SETTINGS_OFF,
    id: row.id,
    slug: row.slug,
    url: `${publicUrl}/r/${row.slug}`,
    embedSnippet: embedSnippet(`${publicUrl}/r/${row.slug}`),
    warnings: portalWarnings(settings),
    deepLinks: { enabled: Boolean(row.linkSecret) },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toShippingRule(row: ShippingRulesTable): ShippingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    conditions: JSON.parse(row.conditions),
    action: JSON.parse(row.action),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
