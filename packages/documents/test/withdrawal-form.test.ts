import { describe, expect, it } from 'vitest';
import type { DocLanguage } from '../src/types.ts';
import { renderWithdrawalFormPdf } from '../src/withdrawal-form.ts';
import { trader } from './fixtures.ts';
import { pageCount, pdfText, squash } from './scan.ts';

/** Running text without whitespace and hyphens: pdftotext drops a hyphen where a line broke after it. */
function flatten(text: string): string {
  return squash(text).replace(/-/g, '');
}

// Annex I(B) to Directive 2011/83/EU, official language versions (checked against the text here,
// independently of the module that prints it).
const official: Record<DocLanguage, { title: string; opening: string; footnote: string }> = {
  en: {
    title: 'Model withdrawal form',
    opening:
      'I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*)',
    footnote: '(*) Delete as appropriate.',
  },
  nl: {
    title: 'Modelformulier voor herroeping',
    opening:
      'Ik/Wij (*) deel/delen (*) u hierbij mede dat ik/wij (*) onze overeenkomst betreffende de verkoop van de volgende goederen/levering van de volgende dienst (*) herroep/herroepen (*)',
    footnote: '(*) Doorhalen wat niet van toepassing is.',
  },
  fr: {
    title: 'Modèle de formulaire de rétractation',
    opening:
      'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous',
    footnote: '(*) Rayez la mention inutile.',
  },
  de: {
    title: 'Muster-Widerrufsformular',
    opening:
      'Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag über den Kauf der folgenden Waren (*)/die Erbringung der folgenden Dienstleistung (*)',
    footnote: '(*) Unzutreffendes streichen.',
  },
  it: {
    title: 'Modulo di recesso tipo',
    opening: 'Con la presente io/noi (*) notifichiamo il recesso dal mio/nostro (*) contratto di vendita dei seguenti beni/servizi (*)',
    footnote: '(*) Cancellare la dicitura inutile.',
  },
};

describe('renderWithdrawalFormPdf', () => {
  it.each(Object.keys(official) as DocLanguage[])('%s: the official Annex I(B) text with the trader filled in', async (language) => {
    const pdf = await renderWithdrawalFormPdf(language, trader);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    const flat = flatten(text);
    const expected = official[language];
    expect(flat).toContain(flatten(expected.title));
    expect(flat).toContain(flatten(expected.opening));
    expect(flat).toContain(flatten(expected.footnote));
    expect(text).toContain(trader.name);
    expect(flat).toContain(flatten(trader.address));
    expect(text).toContain(trader.email!);
  });

  it('the same input gives byte-identical PDFs', async () => {
    const first = await renderWithdrawalFormPdf('fr', trader);
    expect(first.equals(await renderWithdrawalFormPdf('fr', { ...trader }))).toBe(true);
    expect(first.equals(await renderWithdrawalFormPdf('fr', { ...trader, name: 'Autre SARL' }))).toBe(false);
  });
});
