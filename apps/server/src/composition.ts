// The composition root of background work, as app.ts is for routes: the one place that knows
// every job handler (by outbox topic) and every return-event listener. It is handed to the
// use cases through Ctx (`ctx.jobs`), so the dependencies point one way only:
//   routes → use cases → domain/db          jobs → use cases          composition → jobs
// Use cases enqueue outbox jobs and call `ctx.jobs.runNow()`; they never import jobs/ (checked
// by .dependency-cruiser.cjs). A new topic or listener is registered here.
import { EMAIL_TEMPLATES } from '@retour/contracts/emails';
import type { JobHandler, JobRegistry, ReturnEventListener } from './context.ts';
import { announceReturn } from './jobs/announce-return.ts';
import { checkFeeRefund, REFUND_CHECK_TOPIC } from './jobs/check-fee-refund.ts';
import { deliverWebhook } from './jobs/deliver-webhook.ts';
import { dispatchReturnEvent } from './jobs/dispatch-return-event.ts';
import { fanOutWebhooks } from './jobs/fan-out-webhooks.ts';
import { refundFeeOnCancel, refundPayment } from './jobs/refund-payment.ts';
import { runJobsNow } from './jobs/run-jobs.ts';
import { sendEmailJob } from './jobs/send-email.ts';
import { runShopifyBackfill } from './jobs/shopify-backfill.ts';
import { runShopifyMirror } from './jobs/shopify-mirror.ts';
import { runShopifyCatalogueImport, SHOPIFY_CATALOGUE_TOPIC } from './jobs/shopify-catalogue-import.ts';
import { WOO_CATALOGUE_TOPIC, woocommerceCatalogue } from './jobs/woocommerce-catalogue.ts';
import { shopifyMirrorListener } from './jobs/shopify-mirror-listener.ts';
import { CARRIER_CANCEL_TOPIC, voidCarrierLabel, voidLabelOnCancel } from './jobs/void-carrier-label.ts';
import { createReplacementOrder } from './jobs/create-replacement-order.ts';
import { issueShopCredit } from './jobs/issue-shop-credit.ts';
import { replacementOrderListener } from './jobs/replacement-order-listener.ts';
import { stockReservationListener } from './jobs/stock-reservation-listener.ts';
import { woocommerceBackfill } from './jobs/woocommerce-backfill.ts';
import { enqueueWoocommerceRefund, woocommerceRefund } from './jobs/woocommerce-refund.ts';
import { pollTracking } from './use-cases/carriers/poll-tracking.ts';
import { anonymiseExpiredData } from './use-cases/maintenance/anonymise-expired-data.ts';
import { refreshDatabaseStatistics } from './use-cases/maintenance/refresh-database-statistics.ts';
import { REPLACEMENT_TOPIC } from './use-cases/exchanges/replacement-topic.ts';
import { SHOP_CREDIT_TOPIC } from './use-cases/exchanges/shop-credit-topic.ts';
import { DB_OPTIMIZE_TOPIC, RETENTION_TOPIC } from './use-cases/shared/system-jobs.ts';
import { UNUSED_PHOTOS_TOPIC } from './use-cases/shared/system-jobs.ts';
import { removeUnusedPhotos } from './use-cases/maintenance/remove-unused-photos.ts';
import { expireReturn } from './use-cases/returns/expire-return.ts';
import { EXPIRE_TOPIC } from './use-cases/shared/reminder-jobs.ts';
import { noteExchangeShipment } from './jobs/note-exchange-shipment.ts';
import { EXCHANGE_SHIPMENT_TOPIC } from './use-cases/exchanges/queue-exchange-shipments.ts';
import { settleHoldOnProgress } from './jobs/settle-hold.ts';
import { SETTLE_HOLD_TOPIC } from './use-cases/payments/instant-hold.ts';
import { settleInstantHold } from './use-cases/payments/settle-hold.ts';

/** Who hears about changes of returns, in this order (each runs inside the `return.event` job). */
export const RETURN_EVENT_LISTENERS: readonly ReturnEventListener[] = [
  fanOutWebhooks,
  refundFeeOnCancel,
  enqueueWoocommerceRefund,
  shopifyMirrorListener,
  voidLabelOnCancel,
  replacementOrderListener,
  stockReservationListener,
  settleHoldOnProgress,
];

/** Handlers by outbox topic, run by every process. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'carrier.announce': announceReturn,
  'tracking.poll': (ctx, merchantId, payload) => pollTracking(ctx, merchantId, payload),
  [CARRIER_CANCEL_TOPIC]: (ctx, merchantId, payload) => voidCarrierLabel(ctx, merchantId, payload),
  'return.event': (ctx, merchantId, payload) => dispatchReturnEvent(ctx, merchantId, payload),
  'payment.refund': refundPayment,
  [REFUND_CHECK_TOPIC]: checkFeeRefund,
  'webhook.deliver': deliverWebhook,
  'shopify.backfill': (ctx, merchantId, payload) => runShopifyBackfill(ctx, merchantId, payload),
  'shopify.mirror': (ctx, merchantId, payload) => runShopifyMirror(ctx, merchantId, payload),
  [SHOPIFY_CATALOGUE_TOPIC]: (ctx, merchantId, payload) => runShopifyCatalogueImport(ctx, merchantId, payload),
  'woocommerce.backfill': woocommerceBackfill,
  [WOO_CATALOGUE_TOPIC]: (ctx, merchantId, payload) => woocommerceCatalogue(ctx, merchantId, payload),
  'woocommerce.refund': (ctx, merchantId, payload) => woocommerceRefund(ctx, merchantId, payload),
  [SHOP_CREDIT_TOPIC]: (ctx, merchantId, payload) => issueShopCredit(ctx, merchantId, payload),
  [REPLACEMENT_TOPIC]: (ctx, merchantId, payload) => createReplacementOrder(ctx, merchantId, payload),
  [RETENTION_TOPIC]: async (ctx) => {
    await anonymiseExpiredData(ctx);
  },
  [DB_OPTIMIZE_TOPIC]: (ctx) => refreshDatabaseStatistics(ctx),
  [UNUSED_PHOTOS_TOPIC]: async (ctx) => {
    await removeUnusedPhotos(ctx);
  },
  [EXPIRE_TOPIC]: async (ctx, merchantId, payload) => {
    await expireReturn(ctx, merchantId, String(payload.returnId));
  },
  [EXCHANGE_SHIPMENT_TOPIC]: (ctx, merchantId, payload) => noteExchangeShipment(ctx, merchantId, payload),
  [SETTLE_HOLD_TOPIC]: settleInstantHold,
};

/** Email topics, run only by a process with a mail transport (ctx.mail). */
export const EMAIL_TOPICS = EMAIL_TEMPLATES.map((template) => `email.${template}`);
const sendEmail: JobHandler = (ctx, _merchantId, _payload, job) => sendEmailJob(ctx, job);

/** Everything background work needs, given to every Ctx (server.ts, the test harness, bench). */
export const JOBS: JobRegistry = {
  handlers: JOB_HANDLERS,
  mailHandlers: Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, sendEmail])),
  returnEventListeners: RETURN_EVENT_LISTENERS,
  runNow: runJobsNow,
};
