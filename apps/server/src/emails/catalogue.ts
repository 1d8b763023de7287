// The built-in email templates: subject and text body per template and language. Merchants can
// override both per language (email_templates); the HTML part is always made from the text body.
// Placeholders are {{name}}; each template allows a fixed set (PLACEHOLDERS).
import type { EmailTemplateName } from '@retour/contracts/emails';
import type { Language } from '@retour/domain/reasons';

export type EmailTemplate = EmailTemplateName;

const SHOPPER = ['reference', 'orderNumber', 'shopName', 'customerName', 'statusUrl'] as const;
export const PLACEHOLDERS: Record<EmailTemplate, readonly string[]> = {
  label_created: [...SHOPPER, 'carrier', 'trackingNumber', 'deadline'],
  dropped_off: [...SHOPPER, 'carrier', 'trackingNumber'],
  received: SHOPPER,
  refund_issued: [...SHOPPER, 'amount'],
  request_approved: SHOPPER,
  request_rejected: [...SHOPPER, 'reason'],
  withdrawal_acknowledged: [...SHOPPER, 'withdrawnAt', 'items'],
  new_return: ['reference', 'orderNumber', 'shopName', 'customerName', 'customerEmail', 'items', 'method'],
  store_credit_issued: [...SHOPPER, 'amount', 'code', 'expiresOn', 'shopUrl'],
  exchange_created: [...SHOPPER, 'replacementOrder'],
  label_reminder: [...SHOPPER, 'carrier', 'trackingNumber', 'deadline'],
  drop_off_reminder: [...SHOPPER, 'carrier', 'trackingNumber', 'deadline'],
  expired: [...SHOPPER, 'carrier', 'trackingNumber', 'deadline'],
  hold_authorised: [...SHOPPER, 'amount', 'deadline'],
  exchange_shipped: [...SHOPPER, 'carrier', 'trackingNumber', 'trackingUrl'],
};

export type TemplateText = { subject: string; body: string };
type Catalogue = Record<EmailTemplate, Record<Language, TemplateText>>;

export const DEFAULT_TEMPLATES: Catalogue = {
  label_created: {
    en: {
      subject: 'Your return label for order {{orderNumber}}',
      body: 'Hello {{customerName}},\n\nYour return {{reference}} is booked with {{carrier}} (tracking number {{trackingNumber}}). Hand in your parcel by {{deadline}}. The label or QR code is attached.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je retourlabel voor bestelling {{orderNumber}}',
      body: 'Hallo {{customerName}},\n\nJe retour {{reference}} is aangemeld bij {{carrier}} (trackingnummer {{trackingNumber}}). Lever je pakket in vóór {{deadline}}. Het label of de QR-code zit in de bijlage.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre étiquette de retour pour la commande {{orderNumber}}',
      body: 'Bonjour {{customerName}},\n\nVotre retour {{reference}} est enregistré chez {{carrier}} (numéro de suivi {{trackingNumber}}). Déposez votre colis avant le {{deadline}}. L’étiquette ou le code QR est joint.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihr Rücksendeetikett für Bestellung {{orderNumber}}',
      body: 'Hallo {{customerName}},\n\nIhre Rücksendung {{reference}} ist bei {{carrier}} angemeldet (Sendungsnummer {{trackingNumber}}). Bitte geben Sie das Paket bis {{deadline}} ab. Das Etikett oder der QR-Code ist angehängt.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'La tua etichetta di reso per l’ordine {{orderNumber}}',
      body: 'Ciao {{customerName}},\n\nIl tuo reso {{reference}} è prenotato con {{carrier}} (numero di tracciamento {{trackingNumber}}). Consegna il pacco entro il {{deadline}}. L’etichetta o il codice QR è in allegato.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  dropped_off: {
    en: {
      subject: 'Your return {{reference}} is on its way',
      body: 'Hello {{customerName}},\n\n{{carrier}} has your parcel ({{trackingNumber}}). We will let you know when it arrives.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je retour {{reference}} is onderweg',
      body: 'Hallo {{customerName}},\n\n{{carrier}} heeft je pakket ({{trackingNumber}}). We laten je weten wanneer het is aangekomen.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre retour {{reference}} est en route',
      body: 'Bonjour {{customerName}},\n\n{{carrier}} a pris en charge votre colis ({{trackingNumber}}). Nous vous préviendrons à son arrivée.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Rücksendung {{reference}} ist unterwegs',
      body: 'Hallo {{customerName}},\n\n{{carrier}} hat Ihr Paket ({{trackingNumber}}). Wir melden uns, sobald es angekommen ist.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo reso {{reference}} è in viaggio',
      body: 'Ciao {{customerName}},\n\n{{carrier}} ha preso in carico il tuo pacco ({{trackingNumber}}). Ti avviseremo quando arriva.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  received: {
    en: {
      subject: 'We received your return {{reference}}',
      body: 'Hello {{customerName}},\n\nYour return for order {{orderNumber}} has arrived and is being processed.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'We hebben je retour {{reference}} ontvangen',
      body: 'Hallo {{customerName}},\n\nJe retour van bestelling {{orderNumber}} is aangekomen en wordt verwerkt.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Nous avons reçu votre retour {{reference}}',
      body: 'Bonjour {{customerName}},\n\nVotre retour de la commande {{orderNumber}} est arrivé et est en cours de traitement.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Wir haben Ihre Rücksendung {{reference}} erhalten',
      body: 'Hallo {{customerName}},\n\nIhre Rücksendung zu Bestellung {{orderNumber}} ist angekommen und wird bearbeitet.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Abbiamo ricevuto il tuo reso {{reference}}',
      body: 'Ciao {{customerName}},\n\nIl reso dell’ordine {{orderNumber}} è arrivato ed è in lavorazione.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  refund_issued: {
    en: {
      subject: 'Your refund of {{amount}} for return {{reference}}',
      body: 'Hello {{customerName}},\n\nWe have refunded {{amount}} for your return {{reference}} (order {{orderNumber}}). Depending on your bank it can take a few days to appear.\n\nDetails: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je terugbetaling van {{amount}} voor retour {{reference}}',
      body: 'Hallo {{customerName}},\n\nWe hebben {{amount}} terugbetaald voor je retour {{reference}} (bestelling {{orderNumber}}). Afhankelijk van je bank kan het een paar dagen duren voor je het ziet.\n\nDetails: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre remboursement de {{amount}} pour le retour {{reference}}',
      body: 'Bonjour {{customerName}},\n\nNous avons remboursé {{amount}} pour votre retour {{reference}} (commande {{orderNumber}}). Selon votre banque, cela peut prendre quelques jours.\n\nDétails : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Erstattung von {{amount}} für Rücksendung {{reference}}',
      body: 'Hallo {{customerName}},\n\nWir haben {{amount}} für Ihre Rücksendung {{reference}} (Bestellung {{orderNumber}}) erstattet. Je nach Bank kann es einige Tage dauern, bis der Betrag erscheint.\n\nDetails: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo rimborso di {{amount}} per il reso {{reference}}',
      body: 'Ciao {{customerName}},\n\nAbbiamo rimborsato {{amount}} per il tuo reso {{reference}} (ordine {{orderNumber}}). A seconda della banca potrebbero volerci alcuni giorni.\n\nDettagli: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  request_approved: {
    en: {
      subject: 'Your return request {{reference}} is approved',
      body: 'Hello {{customerName}},\n\nWe approved your return request for order {{orderNumber}}. The next steps are on your return page.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je retouraanvraag {{reference}} is goedgekeurd',
      body: 'Hallo {{customerName}},\n\nWe hebben je retouraanvraag voor bestelling {{orderNumber}} goedgekeurd. De volgende stappen staan op je retourpagina.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre demande de retour {{reference}} est acceptée',
      body: 'Bonjour {{customerName}},\n\nNous avons accepté votre demande de retour pour la commande {{orderNumber}}. Les prochaines étapes sont sur la page de votre retour.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Rücksendeanfrage {{reference}} wurde genehmigt',
      body: 'Hallo {{customerName}},\n\nWir haben Ihre Rücksendeanfrage für Bestellung {{orderNumber}} genehmigt. Die nächsten Schritte finden Sie auf Ihrer Rücksendeseite.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'La tua richiesta di reso {{reference}} è approvata',
      body: 'Ciao {{customerName}},\n\nAbbiamo approvato la tua richiesta di reso per l’ordine {{orderNumber}}. I prossimi passi sono sulla pagina del tuo reso.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
  },
  request_rejected: {
    en: {
      subject: 'Your return request {{reference}} was not approved',
      body: 'Hello {{customerName}},\n\nWe cannot accept your return request for order {{orderNumber}}.\n\nReason: {{reason}}\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je retouraanvraag {{reference}} is niet goedgekeurd',
      body: 'Hallo {{customerName}},\n\nWe kunnen je retouraanvraag voor bestelling {{orderNumber}} niet accepteren.\n\nReden: {{reason}}\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre demande de retour {{reference}} n’a pas été acceptée',
      body: 'Bonjour {{customerName}},\n\nNous ne pouvons pas accepter votre demande de retour pour la commande {{orderNumber}}.\n\nMotif : {{reason}}\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Rücksendeanfrage {{reference}} wurde abgelehnt',
      body: 'Hallo {{customerName}},\n\nWir können Ihre Rücksendeanfrage für Bestellung {{orderNumber}} leider nicht annehmen.\n\nGrund: {{reason}}\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'La tua richiesta di reso {{reference}} non è stata approvata',
      body: 'Ciao {{customerName}},\n\nNon possiamo accettare la tua richiesta di reso per l’ordine {{orderNumber}}.\n\nMotivo: {{reason}}\n\n{{statusUrl}}\n\n{{shopName}}',
    },
  },
  withdrawal_acknowledged: {
    en: {
      subject: 'We received your withdrawal from order {{orderNumber}}',
      body: 'Hello {{customerName}},\n\nWe confirm receipt of your withdrawal from the contract for order {{orderNumber}} on {{withdrawnAt}}.\n\nGoods: {{items}}\n\nThis acknowledgement is attached as a PDF. Your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'We hebben je herroeping van bestelling {{orderNumber}} ontvangen',
      body: 'Hallo {{customerName}},\n\nWe bevestigen de ontvangst van je herroeping van de overeenkomst voor bestelling {{orderNumber}} op {{withdrawnAt}}.\n\nGoederen: {{items}}\n\nDeze bevestiging zit als pdf in de bijlage. Je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Nous avons reçu votre rétractation de la commande {{orderNumber}}',
      body: 'Bonjour {{customerName}},\n\nNous accusons réception de votre rétractation du contrat pour la commande {{orderNumber}} le {{withdrawnAt}}.\n\nBiens : {{items}}\n\nCet accusé de réception est joint en PDF. Votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Wir haben Ihren Widerruf der Bestellung {{orderNumber}} erhalten',
      body: 'Hallo {{customerName}},\n\nWir bestätigen den Eingang Ihres Widerrufs des Vertrags zu Bestellung {{orderNumber}} am {{withdrawnAt}}.\n\nWaren: {{items}}\n\nDiese Bestätigung ist als PDF angehängt. Ihre Rücksendung: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Abbiamo ricevuto il tuo recesso dall’ordine {{orderNumber}}',
      body: 'Ciao {{customerName}},\n\nConfermiamo di aver ricevuto il tuo recesso dal contratto per l’ordine {{orderNumber}} il {{withdrawnAt}}.\n\nBeni: {{items}}\n\nQuesta conferma è allegata in PDF. Il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  new_return: {
    en: {
      subject: 'New return {{reference}} for order {{orderNumber}}',
      body: '{{customerName}} ({{customerEmail}}) returns from order {{orderNumber}}: {{items}}.\n\nMethod: {{method}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Nieuwe retour {{reference}} voor bestelling {{orderNumber}}',
      body: '{{customerName}} ({{customerEmail}}) stuurt terug uit bestelling {{orderNumber}}: {{items}}.\n\nMethode: {{method}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Nouveau retour {{reference}} pour la commande {{orderNumber}}',
      body: '{{customerName}} ({{customerEmail}}) retourne de la commande {{orderNumber}} : {{items}}.\n\nMode : {{method}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Neue Rücksendung {{reference}} zu Bestellung {{orderNumber}}',
      body: '{{customerName}} ({{customerEmail}}) sendet aus Bestellung {{orderNumber}} zurück: {{items}}.\n\nVersandart: {{method}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Nuovo reso {{reference}} per l’ordine {{orderNumber}}',
      body: '{{customerName}} ({{customerEmail}}) restituisce dall’ordine {{orderNumber}}: {{items}}.\n\nMetodo: {{method}}\n\n{{shopName}}',
    },
  },
  store_credit_issued: {
    en: {
      subject: 'Your store credit of {{amount}} for return {{reference}}',
      body: 'Hello {{customerName}},\n\nFor your return {{reference}} (order {{orderNumber}}) you have store credit of {{amount}}.\n\nYour code: {{code}}\nValid until: {{expiresOn}}\n\nEnter the code at checkout: {{shopUrl}}\nYour return and credit: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je tegoed van {{amount}} voor retour {{reference}}',
      body: 'Hallo {{customerName}},\n\nVoor je retour {{reference}} (bestelling {{orderNumber}}) krijg je een tegoed van {{amount}}.\n\nJe code: {{code}}\nGeldig tot: {{expiresOn}}\n\nVul de code in bij het afrekenen: {{shopUrl}}\nJe retour en tegoed: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre avoir de {{amount}} pour le retour {{reference}}',
      body: 'Bonjour {{customerName}},\n\nPour votre retour {{reference}} (commande {{orderNumber}}), vous recevez un avoir de {{amount}}.\n\nVotre code : {{code}}\nValable jusqu’au : {{expiresOn}}\n\nSaisissez le code lors du paiement : {{shopUrl}}\nVotre retour et votre avoir : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihr Guthaben von {{amount}} für Rücksendung {{reference}}',
      body: 'Hallo {{customerName}},\n\nFür Ihre Rücksendung {{reference}} (Bestellung {{orderNumber}}) erhalten Sie ein Guthaben von {{amount}}.\n\nIhr Code: {{code}}\nGültig bis: {{expiresOn}}\n\nGeben Sie den Code an der Kasse ein: {{shopUrl}}\nIhre Rücksendung und Ihr Guthaben: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo credito di {{amount}} per il reso {{reference}}',
      body: 'Ciao {{customerName}},\n\nPer il tuo reso {{reference}} (ordine {{orderNumber}}) ricevi un credito di {{amount}}.\n\nIl tuo codice: {{code}}\nValido fino al: {{expiresOn}}\n\nInserisci il codice al momento del pagamento: {{shopUrl}}\nIl tuo reso e il tuo credito: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  exchange_created: {
    en: {
      subject: 'Your replacement order {{replacementOrder}} for return {{reference}}',
      body: 'Hello {{customerName}},\n\nFor your exchange (return {{reference}}, order {{orderNumber}}) we have created replacement order {{replacementOrder}}. We will let you know when it ships.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je vervangende bestelling {{replacementOrder}} voor retour {{reference}}',
      body: 'Hallo {{customerName}},\n\nVoor je omruiling (retour {{reference}}, bestelling {{orderNumber}}) hebben we vervangende bestelling {{replacementOrder}} aangemaakt. We laten je weten wanneer die verzonden is.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre commande de remplacement {{replacementOrder}} pour le retour {{reference}}',
      body: 'Bonjour {{customerName}},\n\nPour votre échange (retour {{reference}}, commande {{orderNumber}}), nous avons créé la commande de remplacement {{replacementOrder}}. Nous vous préviendrons de son expédition.\n\nSuivre votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Ersatzbestellung {{replacementOrder}} für Rücksendung {{reference}}',
      body: 'Hallo {{customerName}},\n\nFür Ihren Umtausch (Rücksendung {{reference}}, Bestellung {{orderNumber}}) haben wir die Ersatzbestellung {{replacementOrder}} angelegt. Wir melden uns, sobald sie versandt ist.\n\nIhre Rücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo ordine sostitutivo {{replacementOrder}} per il reso {{reference}}',
      body: 'Ciao {{customerName}},\n\nPer il tuo cambio (reso {{reference}}, ordine {{orderNumber}}) abbiamo creato l’ordine sostitutivo {{replacementOrder}}. Ti avviseremo quando verrà spedito.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  label_reminder: {
    en: {
      subject: 'Reminder: your return label for order {{orderNumber}} is still unused',
      body: 'Hello {{customerName}},\n\nYou registered return {{reference}} but have not handed in the parcel yet. Your label for {{carrier}} (tracking number {{trackingNumber}}) is attached again. Hand in your parcel by {{deadline}}.\n\nChanged your mind? Nothing to do: the return lapses if you do not send it.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Herinnering: je retourlabel voor bestelling {{orderNumber}} is nog niet gebruikt',
      body: 'Hallo {{customerName}},\n\nJe hebt retour {{reference}} aangemeld, maar het pakket nog niet ingeleverd. Je label voor {{carrier}} (trackingnummer {{trackingNumber}}) zit opnieuw in de bijlage. Lever je pakket in vóór {{deadline}}.\n\nToch niet retourneren? Dan hoef je niets te doen: de retour vervalt als je niets opstuurt.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Rappel : votre étiquette de retour pour la commande {{orderNumber}} n’a pas encore servi',
      body: 'Bonjour {{customerName}},\n\nVous avez enregistré le retour {{reference}} mais n’avez pas encore déposé le colis. Votre étiquette {{carrier}} (numéro de suivi {{trackingNumber}}) est à nouveau jointe. Déposez votre colis avant le {{deadline}}.\n\nVous avez changé d’avis ? Rien à faire : le retour expire si vous n’envoyez rien.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Erinnerung: Ihr Rücksendeetikett für Bestellung {{orderNumber}} ist noch unbenutzt',
      body: 'Hallo {{customerName}},\n\nSie haben die Rücksendung {{reference}} angemeldet, das Paket aber noch nicht abgegeben. Ihr Etikett für {{carrier}} (Sendungsnummer {{trackingNumber}}) ist erneut angehängt. Bitte geben Sie das Paket bis {{deadline}} ab.\n\nDoch nicht zurücksenden? Dann müssen Sie nichts tun: Die Rücksendung verfällt, wenn Sie nichts schicken.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Promemoria: la tua etichetta di reso per l’ordine {{orderNumber}} non è ancora stata usata',
      body: 'Ciao {{customerName}},\n\nHai registrato il reso {{reference}} ma non hai ancora consegnato il pacco. La tua etichetta {{carrier}} (numero di tracciamento {{trackingNumber}}) è di nuovo in allegato. Consegna il pacco entro il {{deadline}}.\n\nHai cambiato idea? Non devi fare nulla: il reso decade se non spedisci nulla.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  drop_off_reminder: {
    en: {
      subject: 'Last days to send back your return for order {{orderNumber}}',
      body: 'Hello {{customerName}},\n\nYour return {{reference}} has not been handed in yet. Hand in your parcel at {{carrier}} by {{deadline}}; after that day the return expires and the label (tracking number {{trackingNumber}}) no longer works. The label is attached again.\n\nChanged your mind? Nothing to do.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Laatste dagen om je retour voor bestelling {{orderNumber}} op te sturen',
      body: 'Hallo {{customerName}},\n\nJe retour {{reference}} is nog niet ingeleverd. Lever je pakket uiterlijk {{deadline}} in bij {{carrier}}; daarna vervalt de retour en werkt het label (trackingnummer {{trackingNumber}}) niet meer. Het label zit opnieuw in de bijlage.\n\nToch niet retourneren? Dan hoef je niets te doen.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Derniers jours pour renvoyer votre retour de la commande {{orderNumber}}',
      body: 'Bonjour {{customerName}},\n\nVotre retour {{reference}} n’a pas encore été déposé. Déposez votre colis chez {{carrier}} au plus tard le {{deadline}} ; passé ce jour, le retour expire et l’étiquette (numéro de suivi {{trackingNumber}}) n’est plus valable. L’étiquette est à nouveau jointe.\n\nVous avez changé d’avis ? Rien à faire.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Letzte Tage für Ihre Rücksendung zu Bestellung {{orderNumber}}',
      body: 'Hallo {{customerName}},\n\nIhre Rücksendung {{reference}} wurde noch nicht abgegeben. Bitte geben Sie das Paket bis spätestens {{deadline}} bei {{carrier}} ab; danach verfällt die Rücksendung und das Etikett (Sendungsnummer {{trackingNumber}}) gilt nicht mehr. Das Etikett ist erneut angehängt.\n\nDoch nicht zurücksenden? Dann müssen Sie nichts tun.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Ultimi giorni per spedire il reso dell’ordine {{orderNumber}}',
      body: 'Ciao {{customerName}},\n\nIl tuo reso {{reference}} non è ancora stato consegnato. Consegna il pacco a {{carrier}} entro il {{deadline}}; dopo quel giorno il reso scade e l’etichetta (numero di tracciamento {{trackingNumber}}) non è più valida. L’etichetta è di nuovo in allegato.\n\nHai cambiato idea? Non devi fare nulla.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  expired: {
    en: {
      subject: 'Your return {{reference}} has expired',
      body: 'Hello {{customerName}},\n\nThe parcel for return {{reference}} (order {{orderNumber}}) was not handed in by {{deadline}}, so the return has expired and its label ({{carrier}}, tracking number {{trackingNumber}}) is no longer valid. Please do not send the parcel with it.\n\nStill want to return something? Contact us or start a new return while your return window is open.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je retour {{reference}} is vervallen',
      body: 'Hallo {{customerName}},\n\nHet pakket voor retour {{reference}} (bestelling {{orderNumber}}) is niet vóór of op {{deadline}} ingeleverd. De retour is daarom vervallen en het label ({{carrier}}, trackingnummer {{trackingNumber}}) is niet meer geldig. Stuur het pakket er niet meer mee op.\n\nWil je toch iets retourneren? Neem contact met ons op of start een nieuwe retour zolang je retourtermijn loopt.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre retour {{reference}} a expiré',
      body: 'Bonjour {{customerName}},\n\nLe colis du retour {{reference}} (commande {{orderNumber}}) n’a pas été déposé au plus tard le {{deadline}} : le retour a expiré et son étiquette ({{carrier}}, numéro de suivi {{trackingNumber}}) n’est plus valable. Merci de ne plus l’utiliser.\n\nVous souhaitez toujours retourner un article ? Contactez-nous ou créez un nouveau retour tant que votre délai de retour court.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihre Rücksendung {{reference}} ist verfallen',
      body: 'Hallo {{customerName}},\n\nDas Paket zur Rücksendung {{reference}} (Bestellung {{orderNumber}}) wurde nicht bis {{deadline}} abgegeben. Die Rücksendung ist daher verfallen und ihr Etikett ({{carrier}}, Sendungsnummer {{trackingNumber}}) gilt nicht mehr. Bitte verwenden Sie es nicht mehr.\n\nSie möchten doch etwas zurücksenden? Kontaktieren Sie uns oder melden Sie eine neue Rücksendung an, solange Ihre Rückgabefrist läuft.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo reso {{reference}} è scaduto',
      body: 'Ciao {{customerName}},\n\nIl pacco del reso {{reference}} (ordine {{orderNumber}}) non è stato consegnato entro il {{deadline}}: il reso è scaduto e la sua etichetta ({{carrier}}, numero di tracciamento {{trackingNumber}}) non è più valida. Non usarla più.\n\nVuoi ancora restituire qualcosa? Contattaci o avvia un nuovo reso finché il periodo di reso è aperto.\n\n{{statusUrl}}\n\n{{shopName}}',
    },
  },
  hold_authorised: {
    en: {
      subject: 'Your exchange for order {{orderNumber}} ships now',
      body: 'Hello {{customerName}},\n\nWe are sending your exchange before your return {{reference}} arrives. For this, {{amount}} is reserved on your payment method; nothing is charged yet. Hand in your parcel so the carrier scans it by {{deadline}}: the reservation is then released. If it is not scanned by that day, the {{amount}} is charged.\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je ruil voor bestelling {{orderNumber}} wordt nu verzonden',
      body: 'Hallo {{customerName}},\n\nWe versturen je ruilartikel al voordat je retour {{reference}} binnen is. Daarvoor is {{amount}} gereserveerd op je betaalmiddel; er is nog niets afgeschreven. Lever je pakket in zodat de vervoerder het uiterlijk {{deadline}} scant: dan vervalt de reservering. Is het pakket op die dag nog niet gescand, dan wordt {{amount}} afgeschreven.\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre échange pour la commande {{orderNumber}} part dès maintenant',
      body: 'Bonjour {{customerName}},\n\nNous vous envoyons votre article d’échange avant l’arrivée de votre retour {{reference}}. Pour cela, {{amount}} est réservé sur votre moyen de paiement ; rien n’est encore débité. Déposez votre colis pour que le transporteur le scanne au plus tard le {{deadline}} : la réservation est alors levée. S’il n’est pas scanné à cette date, les {{amount}} sont débités.\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihr Umtausch zu Bestellung {{orderNumber}} wird jetzt versandt',
      body: 'Hallo {{customerName}},\n\nWir senden Ihren Umtauschartikel, bevor Ihre Rücksendung {{reference}} bei uns ankommt. Dafür sind {{amount}} auf Ihrem Zahlungsmittel reserviert; belastet wird noch nichts. Geben Sie Ihr Paket so ab, dass der Versanddienstleister es bis spätestens {{deadline}} scannt: Dann wird die Reservierung freigegeben. Wird es bis dahin nicht gescannt, werden die {{amount}} belastet.\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo cambio per l’ordine {{orderNumber}} parte subito',
      body: 'Ciao {{customerName}},\n\nTi spediamo l’articolo di cambio prima che arrivi il tuo reso {{reference}}. Per questo {{amount}} sono riservati sul tuo metodo di pagamento; non è ancora stato addebitato nulla. Consegna il pacco in modo che il corriere lo scansioni entro il {{deadline}}: la riserva viene allora annullata. Se non viene scansionato entro quel giorno, i {{amount}} vengono addebitati.\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
  exchange_shipped: {
    en: {
      subject: 'Your exchange for order {{orderNumber}} is on its way',
      body: 'Hello {{customerName}},\n\nThe replacement for your return {{reference}} has been shipped with {{carrier}} (tracking number {{trackingNumber}}).\n\nTrack the parcel: {{trackingUrl}}\n\nFollow your return: {{statusUrl}}\n\n{{shopName}}',
    },
    nl: {
      subject: 'Je ruilartikel voor bestelling {{orderNumber}} is onderweg',
      body: 'Hallo {{customerName}},\n\nHet ruilartikel voor je retour {{reference}} is verzonden met {{carrier}} (trackingnummer {{trackingNumber}}).\n\nVolg het pakket: {{trackingUrl}}\n\nVolg je retour: {{statusUrl}}\n\n{{shopName}}',
    },
    fr: {
      subject: 'Votre article d’échange pour la commande {{orderNumber}} est en route',
      body: 'Bonjour {{customerName}},\n\nL’article d’échange de votre retour {{reference}} a été expédié avec {{carrier}} (numéro de suivi {{trackingNumber}}).\n\nSuivre le colis : {{trackingUrl}}\n\nSuivez votre retour : {{statusUrl}}\n\n{{shopName}}',
    },
    de: {
      subject: 'Ihr Umtauschartikel zu Bestellung {{orderNumber}} ist unterwegs',
      body: 'Hallo {{customerName}},\n\nDer Umtauschartikel zu Ihrer Rücksendung {{reference}} wurde mit {{carrier}} versandt (Sendungsnummer {{trackingNumber}}).\n\nPaket verfolgen: {{trackingUrl}}\n\nRücksendung verfolgen: {{statusUrl}}\n\n{{shopName}}',
    },
    it: {
      subject: 'Il tuo articolo in cambio per l’ordine {{orderNumber}} è in viaggio',
      body: 'Ciao {{customerName}},\n\nL’articolo in cambio per il tuo reso {{reference}} è stato spedito con {{carrier}} (numero di tracciamento {{trackingNumber}}).\n\nSegui il pacco: {{trackingUrl}}\n\nSegui il tuo reso: {{statusUrl}}\n\n{{shopName}}',
    },
  },
};
