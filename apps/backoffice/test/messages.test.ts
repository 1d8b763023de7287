// The back office's five catalogues: every language has exactly the English keys, each message is
// valid ICU with the same arguments as the English one, and every key is used somewhere in the
// source (as a quoted literal: t('key') or a label map's value), so none is forgotten or left over.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, compileCatalogue } from '../../../scripts/icu-messages.ts';
import de from '../src/messages/de.ts';
import en from '../src/messages/en.ts';
import fr from '../src/messages/fr.ts';
import it_ from '../src/messages/it.ts';
import nl from '../src/messages/nl.ts';

const catalogues: Record<string, Record<string, string>> = { en, nl, fr, de, it: it_ };
const src = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('back-office message catalogues', () => {
  it.each(['nl', 'fr', 'de', 'it'])('%s has exactly the English keys, each with the same ICU arguments', (lang) => {
    expect(catalogueProblems(catalogues, lang)).toEqual([]);
    expect(() => compileCatalogue(catalogues, lang)).not.toThrow();
  });

  it('English messages are valid ICU', () => {
    expect(catalogueProblems(catalogues, 'en')).toEqual([]);
  });

  it('every key is used by the source', () => {
    const code = sources(src).join('\n');
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('every key the source asks for exists', () => {
    const code = sources(src).join('\n');
    const asked = [...code.matchAll(/\bt\('(\w+)'/g)].map((m) => m[1] ?? '');
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });

  it('notices a missing key, an extra key and a changed argument', () => {
    const broken = { ...catalogues, nl: { ...nl, extraKey: 'x' } as Record<string, string> };
    delete broken.nl.signIn;
    broken.nl.returnTitle = 'Retour {ref}';
    expect(catalogueProblems(broken, 'nl')).toEqual([
      'messages/nl.ts has "extraKey", which en.ts lacks',
      'messages/nl.ts lacks "signIn"',
      'messages/nl.ts "returnTitle" uses {ref} but en.ts uses {reference}',
    ]);
  });

  it('translates: no other catalogue copies an English sentence (three words or more)', () => {
    const sentence = (text: string) => (text.replace(/\{[^{}]*\}/g, ' ').match(/\p{L}{3,}/gu) ?? []).length >= 3;
    for (const lang of ['nl', 'fr', 'de', 'it']) {
      const same = Object.entries(en).filter(([key, text]) => catalogues[lang]?.[key] === text && sentence(text));
      expect(
        same.map(([key]) => key),
        lang,
      ).toEqual([]);
    }
  });
});
