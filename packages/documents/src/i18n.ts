// Every printed string of the labels, the A4 instruction sheet and the withdrawal acknowledgement in
// the five shipped languages. CN23 captions are in i18n-cn23.ts; the model withdrawal form is legal
// text, not a translation of ours, and lives in withdrawal-form-text.ts.
import type { DocLanguage } from './types.ts';

export type Strings = {
  label: {
    from: string;
    to: string;
    service: string;
    weight: string;
    reference: string;
    date: string;
    tracking: string;
  };
  sheet: {
    title: string;
    titleQr: string;
    pack: string;
    stick: string;
    showQr: string;
    /** {carrier} */
    dropOff: string;
    /** {deadline} */
    handInBy: string;
    keepReceipt: string;
    cutHere: string;
    qrCaption: string;
  };
  ack: {
    title: string;
    intro: string;
    receivedAt: string;
    timezone: string;
    utc: string;
    trader: string;
    consumer: string;
    reference: string;
    order: string;
    orderedOn: string;
    receivedOn: string;
    goods: string;
    quantity: string;
    nextSteps: string;
    durable: string;
  };
};

const en: Strings = {
  label: {
    from: 'FROM',
    to: 'TO',
    service: 'Service',
    weight: 'Weight',
    reference: 'Return reference',
    date: 'Date',
    tracking: 'Tracking number',
  },
  sheet: {
    title: 'Your return label',
    titleQr: 'Your return code',
    pack: 'Pack the items securely in a box or bag and remove or cover any old labels.',
    stick: 'Cut out the label along the dashed line and stick it flat on the parcel so the barcode stays fully visible.',
    showQr: 'No printer needed: show the QR code on your phone at the drop-off point. The label is printed there.',
    dropOff: 'Drop the parcel off at a {carrier} point.',
    handInBy: 'Hand it in by {deadline}.',
    keepReceipt: 'Keep the drop-off receipt until your return has been processed.',
    cutHere: 'Cut along the dashed line',
    qrCaption: 'Show this code at the drop-off point',
  },
  ack: {
    title: 'Acknowledgement of receipt of your withdrawal',
    intro: 'We confirm that we have received your withdrawal from the contract below.',
    receivedAt: 'Withdrawal received on',
    timezone: 'Time zone',
    utc: 'Time of receipt (UTC)',
    trader: 'Trader',
    consumer: 'Consumer',
    reference: 'Reference',
    order: 'Order number',
    orderedOn: 'Ordered on',
    receivedOn: 'Received on',
    goods: 'Goods',
    quantity: 'Quantity',
    nextSteps:
      'Please send the goods back without undue delay and at the latest within 14 days of your withdrawal. We will reimburse all payments received from you without undue delay and at the latest within 14 days of receiving your withdrawal; we may withhold the reimbursement until we have received the goods back or you have supplied evidence of having sent them back, whichever is earlier.',
    durable: 'This acknowledgement is provided on a durable medium. Please keep it for your records.',
  },
};

const nl: Strings = {
  label: {
    from: 'VAN',
    to: 'AAN',
    service: 'Dienst',
    weight: 'Gewicht',
    reference: 'Retourreferentie',
    date: 'Datum',
    tracking: 'Trackingnummer',
  },
  sheet: {
    title: 'Je retourlabel',
    titleQr: 'Je retourcode',
    pack: 'Verpak de artikelen stevig in een doos of zak en verwijder of bedek oude labels.',
    stick: 'Knip het label langs de stippellijn uit en plak het plat op het pakket, zodat de barcode goed zichtbaar blijft.',
    showQr: 'Geen printer nodig: laat de QR-code op je telefoon zien bij het inleverpunt. Daar wordt het label geprint.',
    dropOff: 'Lever het pakket in bij een {carrier}-punt.',
    handInBy: 'Lever het pakket uiterlijk {deadline} in.',
    keepReceipt: 'Bewaar het inleverbewijs tot je retour is afgehandeld.',
    cutHere: 'Knip langs de stippellijn',
    qrCaption: 'Laat deze code zien bij het inleverpunt',
  },
  ack: {
    title: 'Ontvangstbevestiging van je herroeping',
    intro: 'We bevestigen dat we je herroeping van de onderstaande overeenkomst hebben ontvangen.',
    receivedAt: 'Herroeping ontvangen op',
    timezone: 'Tijdzone',
    utc: 'Tijdstip van ontvangst (UTC)',
    trader: 'Verkoper',
    consumer: 'Consument',
    reference: 'Referentie',
    order: 'Bestelnummer',
    orderedOn: 'Besteld op',
    receivedOn: 'Ontvangen op',
    goods: 'Goederen',
    quantity: 'Aantal',
    nextSteps:
      'Stuur de goederen zonder onnodige vertraging terug, uiterlijk 14 dagen na je herroeping. Wij betalen alle ontvangen betalingen zonder onnodige vertraging terug, uiterlijk 14 dagen nadat we je herroeping hebben ontvangen; we mogen wachten met terugbetalen tot we de goederen hebben teruggekregen of je hebt aangetoond dat je ze hebt teruggestuurd, al naar gelang welk tijdstip eerst valt.',
    durable: 'Deze bevestiging wordt verstrekt op een duurzame gegevensdrager. Bewaar haar voor je administratie.',
  },
};

const fr: Strings = {
  label: {
    from: 'EXPÉDITEUR',
    to: 'DESTINATAIRE',
    service: 'Service',
    weight: 'Poids',
    reference: 'Référence du retour',
    date: 'Date',
    tracking: 'Numéro de suivi',
  },
  sheet: {
    title: 'Votre étiquette de retour',
    titleQr: 'Votre code de retour',
    pack: 'Emballez soigneusement les articles dans un carton ou un sac et retirez ou masquez les anciennes étiquettes.',
    stick: "Découpez l'étiquette le long des pointillés et collez-la bien à plat sur le colis, le code-barres entièrement visible.",
    showQr: "Pas besoin d'imprimante : présentez le code QR sur votre téléphone au point de dépôt. L'étiquette y est imprimée.",
    dropOff: 'Déposez le colis dans un point {carrier}.',
    handInBy: 'Déposez-le au plus tard le {deadline}.',
    keepReceipt: "Conservez le reçu de dépôt jusqu'au traitement de votre retour.",
    cutHere: 'Découper le long des pointillés',
    qrCaption: 'Présentez ce code au point de dépôt',
  },
  ack: {
    title: 'Accusé de réception de votre rétractation',
    intro: 'Nous confirmons avoir reçu votre rétractation du contrat ci-dessous.',
    receivedAt: 'Rétractation reçue le',
    timezone: 'Fuseau horaire',
    utc: 'Heure de réception (UTC)',
    trader: 'Professionnel',
    consumer: 'Consommateur',
    reference: 'Référence',
    order: 'Numéro de commande',
    orderedOn: 'Commandé le',
    receivedOn: 'Reçu le',
    goods: 'Biens',
    quantity: 'Quantité',
    nextSteps:
      "Veuillez renvoyer les biens sans retard excessif et au plus tard 14 jours après votre rétractation. Nous vous rembourserons tous les paiements reçus sans retard excessif et au plus tard 14 jours après réception de votre rétractation ; nous pouvons différer le remboursement jusqu'à réception des biens ou jusqu'à ce que vous ayez fourni une preuve de leur expédition, la date retenue étant celle du premier de ces faits.",
    durable: 'Le présent accusé de réception vous est fourni sur un support durable. Veuillez le conserver.',
  },
};

const de: Strings = {
  label: {
    from: 'ABSENDER',
    to: 'EMPFÄNGER',
    service: 'Produkt',
    weight: 'Gewicht',
    reference: 'Retourenreferenz',
    date: 'Datum',
    tracking: 'Sendungsnummer',
  },
  sheet: {
    title: 'Ihr Retourenetikett',
    titleQr: 'Ihr Retourencode',
    pack: 'Verpacken Sie die Artikel sicher in einem Karton oder Beutel und entfernen oder überkleben Sie alte Etiketten.',
    stick:
      'Schneiden Sie das Etikett entlang der gestrichelten Linie aus und kleben Sie es glatt auf das Paket, sodass der Barcode gut sichtbar bleibt.',
    showQr: 'Kein Drucker nötig: Zeigen Sie den QR-Code auf Ihrem Smartphone an der Abgabestelle vor. Dort wird das Etikett gedruckt.',
    dropOff: 'Geben Sie das Paket an einer {carrier}-Annahmestelle ab.',
    handInBy: 'Geben Sie das Paket spätestens am {deadline} ab.',
    keepReceipt: 'Bewahren Sie den Einlieferungsbeleg auf, bis Ihre Rücksendung bearbeitet ist.',
    cutHere: 'Entlang der gestrichelten Linie ausschneiden',
    qrCaption: 'Zeigen Sie diesen Code an der Abgabestelle vor',
  },
  ack: {
    title: 'Eingangsbestätigung Ihres Widerrufs',
    intro: 'Wir bestätigen, dass Ihr Widerruf des nachstehenden Vertrags bei uns eingegangen ist.',
    receivedAt: 'Widerruf eingegangen am',
    timezone: 'Zeitzone',
    utc: 'Eingangszeitpunkt (UTC)',
    trader: 'Unternehmer',
    consumer: 'Verbraucher',
    reference: 'Referenz',
    order: 'Bestellnummer',
    orderedOn: 'Bestellt am',
    receivedOn: 'Erhalten am',
    goods: 'Waren',
    quantity: 'Menge',
    nextSteps:
      'Bitte senden Sie die Waren unverzüglich und spätestens binnen 14 Tagen ab Ihrem Widerruf zurück. Wir erstatten Ihnen alle erhaltenen Zahlungen unverzüglich und spätestens binnen 14 Tagen ab Eingang Ihres Widerrufs; wir können die Rückzahlung verweigern, bis wir die Waren zurückerhalten haben oder bis Sie den Nachweis erbracht haben, dass Sie die Waren zurückgesandt haben, je nachdem, welches der frühere Zeitpunkt ist.',
    durable: 'Diese Bestätigung erhalten Sie auf einem dauerhaften Datenträger. Bitte bewahren Sie sie auf.',
  },
};

const it: Strings = {
  label: {
    from: 'MITTENTE',
    to: 'DESTINATARIO',
    service: 'Servizio',
    weight: 'Peso',
    reference: 'Riferimento reso',
    date: 'Data',
    tracking: 'Numero di tracciamento',
  },
  sheet: {
    title: 'La tua etichetta di reso',
    titleQr: 'Il tuo codice di reso',
    pack: 'Imballa con cura gli articoli in una scatola o busta e rimuovi o copri le vecchie etichette.',
    stick: "Ritaglia l'etichetta lungo la linea tratteggiata e incollala ben distesa sul pacco, con il codice a barre ben visibile.",
    showQr: "Non serve una stampante: mostra il codice QR sul telefono al punto di consegna. L'etichetta viene stampata lì.",
    dropOff: 'Consegna il pacco presso un punto {carrier}.',
    handInBy: 'Consegnalo entro il {deadline}.',
    keepReceipt: 'Conserva la ricevuta di consegna finché il reso non è stato elaborato.',
    cutHere: 'Ritagliare lungo la linea tratteggiata',
    qrCaption: 'Mostra questo codice al punto di consegna',
  },
  ack: {
    title: 'Conferma di ricezione del recesso',
    intro: 'Confermiamo di aver ricevuto il tuo recesso dal contratto indicato di seguito.',
    receivedAt: 'Recesso ricevuto il',
    timezone: 'Fuso orario',
    utc: 'Ora di ricezione (UTC)',
    trader: 'Professionista',
    consumer: 'Consumatore',
    reference: 'Riferimento',
    order: "Numero d'ordine",
    orderedOn: 'Ordinato il',
    receivedOn: 'Ricevuto il',
    goods: 'Beni',
    quantity: 'Quantità',
    nextSteps:
      'Restituisci i beni senza indebito ritardo e comunque entro 14 giorni dal recesso. Ti rimborseremo tutti i pagamenti ricevuti senza indebito ritardo e comunque entro 14 giorni dal giorno in cui abbiamo ricevuto il recesso; possiamo sospendere il rimborso fino al ricevimento dei beni oppure finché non avrai dimostrato di averli rispediti, se precedente.',
    durable: 'La presente conferma ti viene fornita su un supporto durevole. Conservala per i tuoi archivi.',
  },
};

const STRINGS: Record<DocLanguage, Strings> = { en, nl, fr, de, it };

/** The strings of a language; an unknown language falls back to English. */
export function strings(language: DocLanguage): Strings {
  return STRINGS[language] ?? en;
}

/** Replaces {name} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
