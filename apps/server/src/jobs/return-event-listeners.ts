// Who hears about changes of returns. Each listener runs inside the `return.event` job and must
// be safe to run twice (the job is retried when any listener throws): listeners only enqueue
// further jobs with dedupe keys derived from the event id.
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';
import { fanOutWebhooks } from './fan-out-webhooks.ts';
import { refundFeeOnCancel } from './refund-payment.ts';
import { shopifyMirrorListener } from './shopify-mirror-listener.ts';
import { enqueueWoocommerceRefund } from './woocommerce-refund.ts';
import { voidLabelOnCancel } from './void-carrier-label.ts';
import { replacementOrderListener } from './replacement-order-listener.ts';

export type ReturnEventListener = (ctx: Ctx, merchantId: string, event: ReturnDomainEvent) => Promise<void>;

export const RETURN_EVENT_LISTENERS: ReturnEventListener[] = [
  fanOutWebhooks,
  refundFeeOnCancel,
  enqueueWoocommerceRefund,
  shopifyMirrorListener,
  voidLabelOnCancel,
  replacementOrderListener,
];
