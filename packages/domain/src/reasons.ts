/**
 * Return reasons: a translated catalogue merchants pick from, plus their own reasons.
 * `other` is always offered and needs a comment. See domain.md "Portal settings" (reasons).
 */

import type { ReasonPhotos } from './photos.ts';

export const SUPPORTED_LANGUAGES = ['en', 'nl', 'fr', 'de', 'it'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const OTHER_REASON = 'other';

/** Above this many reasons the back office warns (long lists hurt the portal form). */
export const RECOMMENDED_MAX_REASONS = 7;

export const REASON_CATALOGUE = {
  too_small: { en: 'Too small', nl: 'Te klein', fr: 'Trop petit', de: 'Zu klein', it: 'Troppo piccolo' },
  too_large: { en: 'Too large', nl: 'Te groot', fr: 'Trop grand', de: 'Zu groß', it: 'Troppo grande' },
  not_as_described: {
    en: 'Not as described',
    nl: 'Komt niet overeen met de beschrijving',
    fr: 'Ne correspond pas à la description',
    de: 'Entspricht nicht der Beschreibung',
    it: 'Non corrisponde alla descrizione',
  },
  damaged: {
    en: 'Arrived damaged',
    nl: 'Beschadigd aangekomen',
    fr: 'Arrivé endommagé',
    de: 'Beschädigt angekommen',
    it: 'Arrivato danneggiato',
  },
  defective: {
    en: 'Defective or does not work',
    nl: 'Defect of werkt niet',
    fr: 'Défectueux ou ne fonctionne pas',
    de: 'Defekt oder funktioniert nicht',
    it: 'Difettoso o non funzionante',
  },
  wrong_item: {
    en: 'Received the wrong item',
    nl: 'Verkeerd artikel ontvangen',
    fr: 'Mauvais article reçu',
    de: 'Falschen Artikel erhalten',
    it: 'Articolo sbagliato',
  },
  changed_mind: {
    en: 'Changed my mind',
    nl: 'Ik heb me bedacht',
    fr: "J'ai changé d'avis",
    de: 'Ich habe es mir anders überlegt',
    it: 'Ho cambiato idea',
  },
  arrived_late: {
    en: 'Arrived too late',
    nl: 'Te laat geleverd',
    fr: 'Arrivé trop tard',
    de: 'Zu spät geliefert',
    it: 'Arrivato troppo tardi',
  },
  quality: {
    en: 'Quality not as expected',
    nl: 'Kwaliteit valt tegen',
    fr: 'Qualité décevante',
    de: 'Qualität entspricht nicht den Erwartungen',
    it: 'Qualità inferiore alle aspettative',
  },
  other: { en: 'Other', nl: 'Anders', fr: 'Autre', de: 'Sonstiges', it: 'Altro' },
} as const satisfies Record<string, Record<Language, string>>;

export type CatalogueReasonCode = keyof typeof REASON_CATALOGUE;

/** A configured reason; `photos` (issue #15) says what it asks of the shopper (absent: off). */
export type ReasonSetting = { code: string; labels: Partial<Record<Language, string>>; photos?: ReasonPhotos };

function catalogueLabels(code: string): Record<Language, string> | undefined {
  return Object.hasOwn(REASON_CATALOGUE, code) ? REASON_CATALOGUE[code as CatalogueReasonCode] : undefined;
}

function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === '';
}

/** Configured labels win; blank ones are dropped; catalogue labels fill the gaps. */
function withCatalogueLabels(reason: ReasonSetting): ReasonSetting {
  const labels: Partial<Record<Language, string>> = { ...catalogueLabels(reason.code) };
  for (const lang of SUPPORTED_LANGUAGES) {
    const own = reason.labels[lang];
    if (own !== undefined && !isBlank(own)) labels[lang] = own;
  }
  return { code: reason.code, labels, ...(reason.photos ? { photos: reason.photos } : {}) };
}

/**
 * The reasons a portal offers, in the merchant's order: catalogue codes get catalogue labels
 * for languages the merchant left empty; a repeated code keeps its first entry; `other` is
 * appended when absent.
 */
export function effectiveReasons(configured: ReasonSetting[]): ReasonSetting[] {
  const seen = new Set<string>();
  const result: ReasonSetting[] = [];
  for (const reason of configured) {
    if (seen.has(reason.code)) continue;
    seen.add(reason.code);
    result.push(withCatalogueLabels(reason));
  }
  if (!seen.has(OTHER_REASON)) result.push({ code: OTHER_REASON, labels: { ...REASON_CATALOGUE.other } });
  return result;
}

/**
 * The label to show: in `lang`, else in `fallback`, else the catalogue's label, else any
 * label the reason has, else its code (never blank).
 */
export function reasonLabel(reason: ReasonSetting, lang: Language, fallback: Language): string {
  const candidates = [
    reason.labels[lang],
    reason.labels[fallback],
    catalogueLabels(reason.code)?.[lang],
    catalogueLabels(reason.code)?.[fallback],
    ...SUPPORTED_LANGUAGES.map((l) => reason.labels[l]),
  ];
  for (const c of candidates) if (c !== undefined && !isBlank(c)) return c;
  return reason.code;
}

/**
 * Check a shopper's choice against the offered reasons: the code must be offered (`other`
 * always is), and `other` needs a non-blank comment.
 */
export function validateReasonChoice(
  reasons: ReasonSetting[],
  code: string,
  comment: string | null | undefined,
): null | 'invalid_reason' | 'comment_required' {
  const offered = code === OTHER_REASON || reasons.some((r) => r.code === code);
  if (!offered) return 'invalid_reason';
  if (code === OTHER_REASON && isBlank(comment)) return 'comment_required';
  return null;
}
