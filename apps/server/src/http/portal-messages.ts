// Shopper-facing error messages in every portal language, by error code. The English sentences
// in the use cases are the fallback (and what the merchant API answers).
import { SUPPORTED_LANGUAGES, type Language } from '@retour/domain/reasons';

type Catalogue = Partial<Record<string, Record<Exclude<Language, 'en'>, string>>>;

const MESSAGES: Catalogue = {
  portal_not_found: {
    nl: 'Op dit adres is geen retourportaal. Controleer de link die je hebt gekregen.',
    fr: "Il n'y a pas de portail de retour à cette adresse. Vérifiez le lien reçu.",
    de: 'Unter dieser Adresse gibt es kein Retourenportal. Prüfen Sie den erhaltenen Link.',
    it: 'A questo indirizzo non esiste un portale resi. Controlla il link ricevuto.',
  },
  order_not_found: {
    nl: 'We konden geen bestelling met deze gegevens vinden. Controleer het bestelnummer (of trackingnummer) en de postcode van het afleveradres.',
    fr: "Nous n'avons trouvé aucune commande avec ces informations. Vérifiez le numéro de commande (ou de suivi) et le code postal de l'adresse de livraison.",
    de: 'Wir konnten keine Bestellung mit diesen Angaben finden. Prüfen Sie die Bestellnummer (oder Sendungsnummer) und die Postleitzahl der Lieferadresse.',
    it: "Non abbiamo trovato un ordine con questi dati. Controlla il numero d'ordine (o di tracciamento) e il CAP dell'indirizzo di consegna.",
  },
  database_unavailable: {
    nl: 'Onze database is even niet bereikbaar. Probeer het over een paar seconden opnieuw.',
    fr: 'Notre base de données est momentanément indisponible. Réessayez dans quelques secondes.',
    de: 'Unsere Datenbank ist kurz nicht erreichbar. Versuchen Sie es in ein paar Sekunden erneut.',
    it: 'Il nostro database non è raggiungibile per un momento. Riprova tra qualche secondo.',
  },
  too_many_attempts: {
    nl: 'Te veel mislukte pogingen. Wacht even en probeer het daarna opnieuw.',
    fr: 'Trop de tentatives infructueuses. Patientez avant de réessayer.',
    de: 'Zu viele erfolglose Versuche. Bitte warten Sie, bevor Sie es erneut versuchen.',
    it: 'Troppi tentativi non riusciti. Attendi prima di riprovare.',
  },
  return_window_expired: {
    nl: 'De retourtermijn voor deze bestelling is verlopen. Neem contact op met de winkel als je denkt dat dit niet klopt.',
    fr: 'Le délai de retour de cette commande est dépassé. Contactez la boutique si vous pensez que c’est une erreur.',
    de: 'Die Rückgabefrist für diese Bestellung ist abgelaufen. Wenden Sie sich an den Shop, wenn Sie das für falsch halten.',
    it: 'Il periodo di reso per questo ordine è scaduto. Contatta il negozio se pensi che sia un errore.',
  },
  no_returnable_items: {
    nl: 'Niets uit deze bestelling kan nog worden geretourneerd: de artikelen zijn uitverkoop of al geretourneerd.',
    fr: 'Plus rien dans cette commande ne peut être retourné : articles soldés ou déjà retournés.',
    de: 'Aus dieser Bestellung kann nichts mehr zurückgegeben werden: Die Artikel sind vom Umtausch ausgeschlossen oder bereits zurückgesandt.',
    it: 'Nulla di questo ordine può più essere reso: gli articoli sono in saldo definitivo o già resi.',
  },
  customs_data_missing: {
    nl: 'Deze retour gaat over een douanegrens en de winkel heeft voor sommige artikelen de douanegegevens niet gegeven. Neem contact op met de winkel.',
    fr: 'Ce retour franchit une frontière douanière et la boutique n’a pas fourni les données douanières de certains articles. Contactez la boutique.',
    de: 'Diese Rücksendung überquert eine Zollgrenze, und der Shop hat für einige Artikel keine Zolldaten hinterlegt. Wenden Sie sich an den Shop.',
    it: 'Questo reso attraversa un confine doganale e il negozio non ha fornito i dati doganali di alcuni articoli. Contatta il negozio.',
  },
  no_return_method_for_country: {
    nl: 'Deze winkel biedt geen retourmogelijkheid vanuit jouw land. Neem contact op met de winkel.',
    fr: 'Cette boutique ne propose aucun mode de retour depuis votre pays. Contactez la boutique.',
    de: 'Dieser Shop bietet keine Rücksendemöglichkeit aus Ihrem Land. Wenden Sie sich an den Shop.',
    it: 'Questo negozio non offre modalità di reso dal tuo paese. Contatta il negozio.',
  },
  invalid_token: {
    nl: 'Je sessie is verlopen. Zoek je bestelling opnieuw op om verder te gaan.',
    fr: 'Votre session a expiré. Recherchez à nouveau votre commande pour continuer.',
    de: 'Ihre Sitzung ist abgelaufen. Suchen Sie Ihre Bestellung erneut, um fortzufahren.',
    it: 'La sessione è scaduta. Cerca di nuovo il tuo ordine per continuare.',
  },
  phone_required: {
    nl: 'De vervoerder heeft een telefoonnummer nodig. Vul je telefoonnummer in.',
    fr: 'Le transporteur a besoin d’un numéro de téléphone. Indiquez votre numéro.',
    de: 'Der Versanddienstleister benötigt eine Telefonnummer. Bitte geben Sie Ihre Telefonnummer an.',
    it: 'Il corriere ha bisogno di un numero di telefono. Inserisci il tuo numero.',
  },
  comment_required: {
    nl: 'Vertel kort waarom je dit artikel retourneert als je "Anders" kiest.',
    fr: 'Expliquez brièvement pourquoi vous retournez cet article si vous choisissez « Autre ».',
    de: 'Bitte begründen Sie kurz die Rücksendung, wenn Sie „Sonstiges“ wählen.',
    it: 'Spiega brevemente perché restituisci questo articolo se scegli «Altro».',
  },
  quantity_exceeds_returnable: {
    nl: 'Zoveel stuks van dit artikel kun je niet retourneren. Kies een kleiner aantal.',
    fr: 'Vous ne pouvez pas retourner autant d’exemplaires de cet article. Choisissez une quantité plus petite.',
    de: 'So viele Stück dieses Artikels können Sie nicht zurücksenden. Wählen Sie eine kleinere Menge.',
    it: 'Non puoi restituire così tanti pezzi di questo articolo. Scegli una quantità inferiore.',
  },
  item_not_returnable: {
    nl: 'Dit artikel kan niet worden geretourneerd. Haal het uit je retour.',
    fr: 'Cet article ne peut pas être retourné. Retirez-le de votre retour.',
    de: 'Dieser Artikel kann nicht zurückgegeben werden. Entfernen Sie ihn aus Ihrer Rücksendung.',
    it: 'Questo articolo non può essere reso. Rimuovilo dal reso.',
  },
  invalid_reason: {
    nl: 'Kies een van de aangeboden retourredenen.',
    fr: 'Choisissez l’un des motifs de retour proposés.',
    de: 'Wählen Sie einen der angebotenen Rücksendegründe.',
    it: 'Scegli uno dei motivi di reso proposti.',
  },
  method_not_available: {
    nl: 'Deze manier van retourneren is niet beschikbaar voor jouw land; kies een andere.',
    fr: 'Ce mode de retour n’est pas disponible pour votre pays ; choisissez-en un autre.',
    de: 'Diese Rücksendeart ist für Ihr Land nicht verfügbar; wählen Sie eine andere.',
    it: 'Questa modalità di reso non è disponibile per il tuo paese; scegline un’altra.',
  },
  exchange_not_offered: {
    nl: 'Deze winkel biedt voor dit artikel en deze reden geen ruil aan; kies terugbetaling of tegoed.',
    fr: 'Cette boutique ne propose pas d’échange pour cet article et ce motif ; choisissez un remboursement ou un avoir.',
    de: 'Dieser Shop bietet für diesen Artikel und Grund keinen Umtausch an; wählen Sie eine Erstattung oder ein Guthaben.',
    it: 'Questo negozio non offre il cambio per questo articolo e motivo; scegli un rimborso o un credito.',
  },
  exchange_variant_not_found: {
    nl: 'Deze maat of kleur wordt niet meer aangeboden; kies een andere.',
    fr: 'Cette taille ou couleur n’est plus proposée ; choisissez-en une autre.',
    de: 'Diese Größe oder Farbe wird nicht mehr angeboten; wählen Sie eine andere.',
    it: 'Questa taglia o colore non è più disponibile; scegline un’altra.',
  },
  exchange_out_of_stock: {
    nl: 'Wat je in ruil koos is uitverkocht; kies iets anders.',
    fr: 'Ce que vous avez choisi en échange est en rupture de stock ; choisissez autre chose.',
    de: 'Was Sie zum Umtausch gewählt haben, ist ausverkauft; wählen Sie etwas anderes.',
    it: 'Ciò che hai scelto in cambio è esaurito; scegli altro.',
  },
  resolution_not_available: {
    nl: 'Kies een van de afhandelingen die deze winkel aanbiedt.',
    fr: 'Choisissez l’une des solutions proposées par cette boutique.',
    de: 'Wählen Sie eine der Lösungen, die dieser Shop anbietet.',
    it: 'Scegli una delle soluzioni offerte da questo negozio.',
  },
  idempotency_key_reused: {
    nl: 'Dit verzoek verschilt van het eerdere verzoek met dezelfde sleutel. Laad de pagina opnieuw en probeer het nog eens.',
    fr: 'Cette demande diffère de la précédente envoyée avec la même clé. Rechargez la page et réessayez.',
    de: 'Diese Anfrage weicht von der früheren mit demselben Schlüssel ab. Laden Sie die Seite neu und versuchen Sie es erneut.',
    it: 'Questa richiesta è diversa da quella precedente con la stessa chiave. Ricarica la pagina e riprova.',
  },
  idempotency_key_in_progress: {
    nl: 'Je verzoek wordt nog verwerkt. Probeer het zo opnieuw.',
    fr: 'Votre demande est encore en cours de traitement. Réessayez dans un instant.',
    de: 'Ihre Anfrage wird noch bearbeitet. Versuchen Sie es gleich noch einmal.',
    it: 'La tua richiesta è ancora in elaborazione. Riprova tra un momento.',
  },
  validation_error: {
    nl: 'Sommige velden zijn niet goed ingevuld; controleer ze en probeer het opnieuw.',
    fr: 'Certains champs sont mal remplis ; vérifiez-les et réessayez.',
    de: 'Einige Felder sind nicht korrekt ausgefüllt; bitte prüfen und erneut versuchen.',
    it: 'Alcuni campi non sono compilati correttamente; controllali e riprova.',
  },
  return_not_found: {
    nl: 'We konden deze retour niet vinden. Gebruik de link uit je bevestigingsmail.',
    fr: 'Nous ne trouvons pas ce retour. Utilisez le lien de votre e-mail de confirmation.',
    de: 'Wir konnten diese Rücksendung nicht finden. Verwenden Sie den Link aus Ihrer Bestätigungs-E-Mail.',
    it: "Non troviamo questo reso. Usa il link dell'e-mail di conferma.",
  },
  payments_not_configured: {
    nl: 'Deze winkel kan nog geen online betalingen ontvangen. Neem contact op met de winkel om je retour af te ronden.',
    fr: 'Cette boutique ne peut pas encore recevoir de paiements en ligne. Contactez la boutique pour finaliser votre retour.',
    de: 'Dieser Shop kann noch keine Online-Zahlungen annehmen. Wenden Sie sich an den Shop, um Ihre Rücksendung abzuschließen.',
    it: 'Questo negozio non può ancora ricevere pagamenti online. Contatta il negozio per completare il reso.',
  },
  carrier_rejected_address: {
    nl: 'De vervoerder kan dit adres niet gebruiken (zie de melding van de vervoerder). Controleer het adres van je bestelling met de winkel.',
    fr: "Le transporteur ne peut pas utiliser cette adresse (voir son message). Vérifiez l'adresse de votre commande avec la boutique.",
    de: 'Der Versanddienst kann diese Adresse nicht verwenden (siehe seine Meldung). Prüfen Sie die Adresse Ihrer Bestellung mit dem Shop.',
    it: "Il corriere non può usare questo indirizzo (vedi il suo messaggio). Verifica l'indirizzo dell'ordine con il negozio.",
  },
  carrier_rejected: {
    nl: 'De vervoerder heeft deze retour geweigerd (zie de melding van de vervoerder). Kies een andere manier of neem contact op met de winkel.',
    fr: 'Le transporteur a refusé ce retour (voir son message). Choisissez un autre mode ou contactez la boutique.',
    de: 'Der Versanddienst hat diese Rücksendung abgelehnt (siehe seine Meldung). Wählen Sie einen anderen Weg oder wenden Sie sich an den Shop.',
    it: 'Il corriere ha rifiutato questo reso (vedi il suo messaggio). Scegli un altro modo o contatta il negozio.',
  },
  carrier_unavailable: {
    nl: 'De vervoerder is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    fr: 'Le transporteur est indisponible pour le moment. Réessayez dans quelques minutes.',
    de: 'Der Versanddienst ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten erneut.',
    it: 'Il corriere non è al momento raggiungibile. Riprova tra qualche minuto.',
  },
  provider_error: {
    nl: 'De betaaldienst is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    fr: 'Le service de paiement est indisponible pour le moment. Réessayez dans quelques minutes.',
    de: 'Der Zahlungsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten erneut.',
    it: 'Il servizio di pagamento non è al momento raggiungibile. Riprova tra qualche minuto.',
  },
  // Return rules (issue #15): the shop's own words are in details.message.
  item_blocked_by_rule: {
    nl: 'Deze winkel neemt een van deze artikelen niet retour. Haal het uit je retour.',
    fr: 'Cette boutique ne reprend pas l’un de ces articles. Retirez-le de votre retour.',
    de: 'Dieser Shop nimmt einen dieser Artikel nicht zurück. Entfernen Sie ihn aus Ihrer Rücksendung.',
    it: 'Questo negozio non accetta il reso di uno di questi articoli. Rimuovilo dal reso.',
  },
  // Photo evidence (issue #15); the numbers are in details (min, max).
  unsupported_image: {
    nl: 'Dit bestand is geen foto die we kunnen lezen. Stuur een JPEG-, PNG-, HEIC- of WebP-afbeelding.',
    fr: 'Ce fichier n’est pas une photo lisible. Envoyez une image JPEG, PNG, HEIC ou WebP.',
    de: 'Diese Datei ist kein lesbares Foto. Senden Sie ein JPEG-, PNG-, HEIC- oder WebP-Bild.',
    it: 'Questo file non è una foto leggibile. Invia un’immagine JPEG, PNG, HEIC o WebP.',
  },
  photos_required: {
    nl: "Voor een van de artikelen zijn meer foto's nodig. Voeg ze toe en probeer het opnieuw.",
    fr: 'Il faut plus de photos pour l’un des articles. Ajoutez-les puis réessayez.',
    de: 'Für einen der Artikel werden mehr Fotos benötigt. Fügen Sie sie hinzu und versuchen Sie es erneut.',
    it: 'Per uno degli articoli servono più foto. Aggiungile e riprova.',
  },
  too_many_photos: {
    nl: "Er zijn te veel foto's. Een retour kan er hooguit 10 hebben; verwijder er een paar.",
    fr: 'Il y a trop de photos. Un retour peut en avoir 10 au plus ; supprimez-en quelques-unes.',
    de: 'Es sind zu viele Fotos. Eine Rücksendung kann höchstens 10 haben; entfernen Sie einige.',
    it: 'Ci sono troppe foto. Un reso può averne al massimo 10; rimuovine alcune.',
  },
  photos_not_accepted: {
    nl: "Bij deze reden worden geen foto's gevraagd. Verwijder de foto's van dit artikel.",
    fr: 'Ce motif ne prend pas de photos. Retirez les photos de cet article.',
    de: 'Zu diesem Grund werden keine Fotos angenommen. Entfernen Sie die Fotos dieses Artikels.',
    it: 'Per questo motivo non si accettano foto. Rimuovi le foto di questo articolo.',
  },
  photo_not_usable: {
    nl: 'Een foto kan niet meer worden gebruikt (verlopen of niet van dit artikel). Voeg hem opnieuw toe.',
    fr: 'Une photo n’est plus utilisable (expirée ou d’un autre article). Ajoutez-la à nouveau.',
    de: 'Ein Foto kann nicht mehr verwendet werden (abgelaufen oder von einem anderen Artikel). Fügen Sie es erneut hinzu.',
    it: 'Una foto non è più utilizzabile (scaduta o di un altro articolo). Aggiungila di nuovo.',
  },
};

/** ?lang= first, then the first supported language in Accept-Language, else English. */
export function requestLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  const lang = (query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((SUPPORTED_LANGUAGES as readonly string[]).includes(code)) return code as Language;
  }
  return 'en';
}

export function localise(code: string, fallback: string, lang: Language): string {
  if (lang === 'en') return fallback;
  return MESSAGES[code]?.[lang] ?? fallback;
}
