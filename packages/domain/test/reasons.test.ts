import { describe, expect, it } from 'vitest';
import {
  effectiveReasons,
  REASON_CATALOGUE,
  RECOMMENDED_MAX_REASONS,
  reasonLabel,
  SUPPORTED_LANGUAGES,
  validateReasonChoice,
} from '../src/reasons.ts';
import type { ReasonSetting } from '../src/reasons.ts';

const CODES = [
  'too_small',
  'too_large',
  'not_as_described',
  'damaged',
  'defective',
  'wrong_item',
  'changed_mind',
  'arrived_late',
  'quality',
  'other',
];

describe('REASON_CATALOGUE', () => {
  it('has exactly the agreed codes', () => {
    expect(Object.keys(REASON_CATALOGUE).sort()).toEqual([...CODES].sort());
    expect(RECOMMENDED_MAX_REASONS).toBe(7);
  });

  it.each(CODES)('%s has a distinct, non-blank label in every supported language', (code) => {
    const labels = REASON_CATALOGUE[code as keyof typeof REASON_CATALOGUE];
    for (const lang of SUPPORTED_LANGUAGES) expect(labels[lang].trim()).not.toBe('');
    // Real translations: at least the Dutch, French and German labels differ from English.
    expect(new Set([labels.en, labels.nl, labels.fr, labels.de]).size).toBe(4);
  });

  it.each(SUPPORTED_LANGUAGES)('labels are unique within %s', (lang) => {
    const labels = Object.values(REASON_CATALOGUE).map((l) => l[lang]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('effectiveReasons', () => {
  it('appends other when absent, and fills catalogue labels for missing languages', () => {
    const result = effectiveReasons([
      { code: 'too_small', labels: { en: 'Runs small' } },
      { code: 'gift', labels: { en: 'Unwanted gift', nl: 'Ongewenst cadeau' } },
    ]);
    expect(result.map((r) => r.code)).toEqual(['too_small', 'gift', 'other']);
    expect(result[0]?.labels).toEqual({ ...REASON_CATALOGUE.too_small, en: 'Runs small' });
    expect(result[1]?.labels).toEqual({ en: 'Unwanted gift', nl: 'Ongewenst cadeau' });
    expect(result[2]?.labels).toEqual(REASON_CATALOGUE.other);
  });

  it('keeps other where the merchant put it, once', () => {
    const result = effectiveReasons([
      { code: 'other', labels: { en: 'Something else' } },
      { code: 'damaged', labels: {} },
      { code: 'damaged', labels: { en: 'duplicate' } },
    ]);
    expect(result.map((r) => r.code)).toEqual(['other', 'damaged']);
    expect(result[0]?.labels.en).toBe('Something else');
    expect(result[0]?.labels.fr).toBe('Autre');
    expect(result[1]?.labels.en).toBe('Arrived damaged');
  });

  it('ignores blank configured labels', () => {
    const [r] = effectiveReasons([{ code: 'quality', labels: { de: '  ' } }]);
    expect(r?.labels.de).toBe(REASON_CATALOGUE.quality.de);
  });

  it('returns only other for an empty configuration', () => {
    expect(effectiveReasons([])).toEqual([{ code: 'other', labels: REASON_CATALOGUE.other }]);
  });
});

describe('reasonLabel', () => {
  const own: ReasonSetting = { code: 'gift', labels: { en: 'Unwanted gift', nl: 'Ongewenst cadeau' } };
  const partial: ReasonSetting = { code: 'too_small', labels: { en: 'Runs small' } };
  it.each([
    [own, 'nl', 'en', 'Ongewenst cadeau'],
    [own, 'fr', 'en', 'Unwanted gift'], // fallback language
    [own, 'fr', 'nl', 'Ongewenst cadeau'],
    [{ code: 'gift', labels: { it: 'Regalo' } }, 'fr', 'en', 'Regalo'], // any label beats the code
    [{ code: 'gift', labels: {} }, 'fr', 'en', 'gift'],
    [partial, 'de', 'en', 'Runs small'], // configured fallback beats catalogue
    [{ code: 'too_small', labels: {} }, 'de', 'en', 'Zu klein'], // catalogue
  ] as const)('%j in %s (fallback %s) → %j', (reason, lang, fallback, expected) => {
    expect(reasonLabel(reason, lang, fallback)).toBe(expected);
  });
});

describe('validateReasonChoice', () => {
  const offered = effectiveReasons([
    { code: 'too_small', labels: {} },
    { code: 'gift', labels: { en: 'Gift' } },
  ]);
  it.each([
    ['too_small', null, null],
    ['gift', undefined, null],
    ['too_small', 'fits badly', null],
    ['damaged', null, 'invalid_reason'], // in the catalogue but not offered by this portal
    ['nonsense', 'x', 'invalid_reason'],
    ['', null, 'invalid_reason'],
    ['other', 'the colour is off', null],
    ['other', null, 'comment_required'],
    ['other', undefined, 'comment_required'],
    ['other', '   ', 'comment_required'],
  ] as const)('%j with comment %j → %s', (code, comment, expected) => {
    expect(validateReasonChoice(offered, code, comment)).toBe(expected);
  });

  it('other is always accepted (with a comment), even if a caller forgot to append it', () => {
    expect(validateReasonChoice([], 'other', 'because')).toBeNull();
  });
});
