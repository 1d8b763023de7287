/** The outbox topic that creates store credit in the connected shop (jobs/issue-shop-credit.ts). */
export const SHOP_CREDIT_TOPIC = 'shop.store_credit';
/** The meta key on WooCommerce coupons that names the Retour credit (`<returnId>:<code>`). */
export const WOO_CREDIT_META = 'retour_store_credit';
