// The model withdrawal form of Annex I(B) to Directive 2011/83/EU, in the official wording of each
// language version (as amended by Directive (EU) 2019/2161, which removed the fax number). Legal
// text: do not rephrase. The bracketed instruction to the trader ("[here the trader's name, …]") is
// replaced by the trader's details when rendering; `to` is the word before it.
import type { DocLanguage } from './types.ts';

export type WithdrawalFormText = {
  title: string;
  note: string;
  to: string;
  statement: string;
  orderedReceived: string;
  name: string;
  address: string;
  signature: string;
  date: string;
  footnote: string;
};

const TEXTS: Record<DocLanguage, WithdrawalFormText> = {
  en: {
    title: 'Model withdrawal form',
    note: '(complete and return this form only if you wish to withdraw from the contract)',
    to: 'To',
    statement:
      'I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*),',
    orderedReceived: 'Ordered on (*)/received on (*),',
    name: 'Name of consumer(s),',
    address: 'Address of consumer(s),',
    signature: 'Signature of consumer(s) (only if this form is notified on paper),',
    date: 'Date',
    footnote: '(*) Delete as appropriate.',
  },
  nl: {
    title: 'Modelformulier voor herroeping',
    note: '(dit formulier alleen invullen en terugzenden als u de overeenkomst wilt herroepen)',
    to: 'Aan',
    statement:
      'Ik/Wij (*) deel/delen (*) u hierbij mede dat ik/wij (*) onze overeenkomst betreffende de verkoop van de volgende goederen/levering van de volgende dienst (*) herroep/herroepen (*)',
    orderedReceived: 'Besteld op (*)/ontvangen op (*)',
    name: 'Naam/Namen consument(en)',
    address: 'Adres consument(en)',
    signature: 'Handtekening van consument(en) (alleen wanneer dit formulier op papier wordt ingediend)',
    date: 'Datum',
    footnote: '(*) Doorhalen wat niet van toepassing is.',
  },
  fr: {
    title: 'Modèle de formulaire de rétractation',
    note: '(veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat)',
    to: "À l'attention de",
    statement:
      'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous:',
    orderedReceived: 'Commandé le (*)/reçu le (*):',
    name: 'Nom du (des) consommateur(s):',
    address: 'Adresse du (des) consommateur(s):',
    signature: 'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier):',
    date: 'Date:',
    footnote: '(*) Rayez la mention inutile.',
  },
  de: {
    title: 'Muster-Widerrufsformular',
    note: '(Wenn Sie den Vertrag widerrufen wollen, dann füllen Sie bitte dieses Formular aus und senden Sie es zurück.)',
    to: 'An',
    statement:
      'Hiermit widerrufe(n) ich/wir (*) den von mir/uns (*) abgeschlossenen Vertrag über den Kauf der folgenden Waren (*)/die Erbringung der folgenden Dienstleistung (*)',
    orderedReceived: 'Bestellt am (*)/erhalten am (*)',
    name: 'Name des/der Verbraucher(s)',
    address: 'Anschrift des/der Verbraucher(s)',
    signature: 'Unterschrift des/der Verbraucher(s) (nur bei Mitteilung auf Papier)',
    date: 'Datum',
    footnote: '(*) Unzutreffendes streichen.',
  },
  it: {
    title: 'Modulo di recesso tipo',
    note: '(compilare e restituire il presente modulo solo se si desidera recedere dal contratto)',
    to: 'Destinatario',
    statement: 'Con la presente io/noi (*) notifichiamo il recesso dal mio/nostro (*) contratto di vendita dei seguenti beni/servizi (*)',
    orderedReceived: 'Ordinato il (*)/ricevuto il (*)',
    name: 'Nome del/dei consumatore(i)',
    address: 'Indirizzo del/dei consumatore(i)',
    signature: 'Firma del/dei consumatore(i) (solo se il presente modulo è notificato in versione cartacea)',
    date: 'Data',
    footnote: '(*) Cancellare la dicitura inutile.',
  },
};

export function withdrawalFormText(language: DocLanguage): WithdrawalFormText {
  return TEXTS[language] ?? TEXTS.en;
}
