// CN23 field captions in the five shipped languages. The form prints the English caption and, for
// another language, this one after it ("Sender / Absender").
import type { DocLanguage } from './types.ts';

export type Cn23Strings = {
  title: string;
  mayBeOpened: string;
  sender: string;
  addressee: string;
  phone: string;
  email: string;
  reference: string;
  tracking: string;
  description: string;
  quantity: string;
  netWeight: string;
  value: string;
  hsCode: string;
  origin: string;
  totalGross: string;
  totalValue: string;
  category: string;
  gift: string;
  documents: string;
  sample: string;
  returned: string;
  sale: string;
  other: string;
  explanation: string;
  returnOf: string;
  /** {tracking} {date} */
  outbound: string;
  certify: string;
  signature: string;
  date: string;
};

const en: Cn23Strings = {
  title: 'CUSTOMS DECLARATION CN 23',
  mayBeOpened: 'May be opened officially',
  sender: 'Sender',
  addressee: 'Addressee',
  phone: 'Phone',
  email: 'Email',
  reference: 'Return reference',
  tracking: 'Tracking number',
  description: 'Detailed description of contents',
  quantity: 'Quantity',
  netWeight: 'Net weight (kg)',
  value: 'Value',
  hsCode: 'HS tariff number',
  origin: 'Country of origin of goods',
  totalGross: 'Total gross weight (kg)',
  totalValue: 'Total value',
  category: 'Category of item',
  gift: 'Gift',
  documents: 'Documents',
  sample: 'Commercial sample',
  returned: 'Returned goods',
  sale: 'Sale of goods',
  other: 'Other',
  explanation: 'Explanation',
  returnOf: 'Return of goods previously delivered to the sender',
  outbound: 'Outbound shipment: {tracking} of {date}',
  certify:
    'I certify that the particulars given in this customs declaration are correct and that this item does not contain any dangerous article or articles prohibited by legislation or by postal or customs regulations.',
  signature: "Date and sender's signature",
  date: 'Date',
};

const nl: Cn23Strings = {
  title: 'DOUANEAANGIFTE CN 23',
  mayBeOpened: 'Mag ambtshalve worden geopend',
  sender: 'Afzender',
  addressee: 'Geadresseerde',
  phone: 'Telefoon',
  email: 'E-mail',
  reference: 'Retourreferentie',
  tracking: 'Trackingnummer',
  description: 'Gedetailleerde omschrijving van de inhoud',
  quantity: 'Aantal',
  netWeight: 'Nettogewicht (kg)',
  value: 'Waarde',
  hsCode: 'HS-tariefnummer',
  origin: 'Land van oorsprong',
  totalGross: 'Totaal brutogewicht (kg)',
  totalValue: 'Totale waarde',
  category: 'Soort zending',
  gift: 'Geschenk',
  documents: 'Documenten',
  sample: 'Handelsmonster',
  returned: 'Retourzending',
  sale: 'Verkoop van goederen',
  other: 'Overige',
  explanation: 'Toelichting',
  returnOf: 'Retour van goederen die eerder aan de afzender zijn geleverd',
  outbound: 'Heenzending: {tracking} van {date}',
  certify:
    'Ik verklaar dat de gegevens in deze douaneaangifte juist zijn en dat deze zending geen gevaarlijke voorwerpen bevat, noch voorwerpen die door de wet of door post- of douanevoorschriften verboden zijn.',
  signature: 'Datum en handtekening van de afzender',
  date: 'Datum',
};

const fr: Cn23Strings = {
  title: 'DÉCLARATION EN DOUANE CN 23',
  mayBeOpened: "Peut être ouvert d'office",
  sender: 'Expéditeur',
  addressee: 'Destinataire',
  phone: 'Téléphone',
  email: 'E-mail',
  reference: 'Référence du retour',
  tracking: 'Numéro de suivi',
  description: 'Description détaillée du contenu',
  quantity: 'Quantité',
  netWeight: 'Poids net (kg)',
  value: 'Valeur',
  hsCode: 'N° tarifaire du SH',
  origin: "Pays d'origine des marchandises",
  totalGross: 'Poids brut total (kg)',
  totalValue: 'Valeur totale',
  category: "Catégorie de l'envoi",
  gift: 'Cadeau',
  documents: 'Documents',
  sample: 'Échantillon commercial',
  returned: 'Marchandises retournées',
  sale: 'Vente de marchandises',
  other: 'Autre',
  explanation: 'Explication',
  returnOf: "Retour de marchandises précédemment livrées à l'expéditeur",
  outbound: 'Envoi initial : {tracking} du {date}',
  certify:
    'Je certifie que les renseignements donnés dans la présente déclaration sont exacts et que cet envoi ne contient aucun objet dangereux ou interdit par la législation ou la réglementation postale ou douanière.',
  signature: "Date et signature de l'expéditeur",
  date: 'Date',
};

const de: Cn23Strings = {
  title: 'ZOLLINHALTSERKLÄRUNG CN 23',
  mayBeOpened: 'Kann amtlich geöffnet werden',
  sender: 'Absender',
  addressee: 'Empfänger',
  phone: 'Telefon',
  email: 'E-Mail',
  reference: 'Retourenreferenz',
  tracking: 'Sendungsnummer',
  description: 'Genaue Bezeichnung des Inhalts',
  quantity: 'Menge',
  netWeight: 'Nettogewicht (kg)',
  value: 'Wert',
  hsCode: 'Zolltarifnummer (HS)',
  origin: 'Ursprungsland der Waren',
  totalGross: 'Gesamtbruttogewicht (kg)',
  totalValue: 'Gesamtwert',
  category: 'Art der Sendung',
  gift: 'Geschenk',
  documents: 'Dokumente',
  sample: 'Warenmuster',
  returned: 'Rücksendung von Waren',
  sale: 'Verkauf von Waren',
  other: 'Sonstiges',
  explanation: 'Erläuterung',
  returnOf: 'Rücksendung von Waren, die zuvor an den Absender geliefert wurden',
  outbound: 'Hinsendung: {tracking} vom {date}',
  certify:
    'Ich versichere, dass die Angaben in dieser Zollinhaltserklärung richtig sind und dass die Sendung keine gefährlichen oder durch Gesetz, Post- oder Zollvorschriften verbotenen Gegenstände enthält.',
  signature: 'Datum und Unterschrift des Absenders',
  date: 'Datum',
};

const it: Cn23Strings = {
  title: 'DICHIARAZIONE DOGANALE CN 23',
  mayBeOpened: "Può essere aperto d'ufficio",
  sender: 'Mittente',
  addressee: 'Destinatario',
  phone: 'Telefono',
  email: 'E-mail',
  reference: 'Riferimento reso',
  tracking: 'Numero di tracciamento',
  description: 'Descrizione dettagliata del contenuto',
  quantity: 'Quantità',
  netWeight: 'Peso netto (kg)',
  value: 'Valore',
  hsCode: 'N. tariffario SA',
  origin: 'Paese di origine delle merci',
  totalGross: 'Peso lordo totale (kg)',
  totalValue: 'Valore totale',
  category: "Categoria dell'invio",
  gift: 'Regalo',
  documents: 'Documenti',
  sample: 'Campione commerciale',
  returned: 'Merce restituita',
  sale: 'Vendita di merci',
  other: 'Altro',
  explanation: 'Spiegazione',
  returnOf: 'Reso di merci consegnate in precedenza al mittente',
  outbound: 'Spedizione di andata: {tracking} del {date}',
  certify:
    'Certifico che le informazioni riportate nella presente dichiarazione doganale sono esatte e che questo invio non contiene oggetti pericolosi o vietati dalla legge o dalle norme postali o doganali.',
  signature: 'Data e firma del mittente',
  date: 'Data',
};

const STRINGS: Record<DocLanguage, Cn23Strings> = { en, nl, fr, de, it };

export function cn23Strings(language: DocLanguage): Cn23Strings {
  return STRINGS[language] ?? en;
}
