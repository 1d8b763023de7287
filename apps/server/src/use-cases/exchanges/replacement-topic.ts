/** The outbox topic that makes the replacement order of an exchange in the shop (jobs/create-replacement-order.ts). */
export const REPLACEMENT_TOPIC = 'shop.replacement_order';
/** The meta key on WooCommerce replacement orders that names the Retour return. */
export const WOO_REPLACEMENT_META = 'retour_replacement';
/** The dedupe key of the timeline entry that records the replacement order (one per return). */
export const REPLACEMENT_ENTRY_KEY = 'replacement_order';
