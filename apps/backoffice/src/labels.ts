// Codes shown to people (statuses, methods, resolutions, reasons, conditions, actors) in the
// user's language, never as codes; and the server's generic validation messages as plain sentences.
import type { Resolution, ReturnMethod } from '@retour/domain/fees';
import { REASON_CATALOGUE } from '@retour/domain/reasons';
import type { Condition } from '@retour/domain/return-ledger';
import type { ReturnStatus } from '@retour/domain/state-machine';
import { currentLanguage, type MessageKey, t } from './i18n.ts';

// Keyed by the domain's own unions: a status, method, resolution or condition added there fails tsc here.
const STATUS: Record<ReturnStatus, MessageKey> = {
  requested: 'statusRequested',
  rejected: 'statusRejected',
  awaiting_payment: 'statusAwaitingPayment',
  payment_failed: 'statusPaymentFailed',
  open: 'statusOpen',
  in_transit: 'statusInTransit',
  delivered: 'statusDelivered',
  received: 'statusReceived',
  completed: 'statusCompleted',
  cancelled: 'statusCancelled',
  expired: 'statusExpired',
};
const METHOD: Record<ReturnMethod, MessageKey> = {
  drop_off: 'methodDropOff',
  drop_off_labelless: 'methodDropOffLabelless',
  pickup: 'methodPickup',
  in_store: 'methodInStore',
};
const RESOLUTION: Record<Resolution, MessageKey> = {
  refund: 'resolutionRefund',
  store_credit: 'resolutionStoreCredit',
  exchange: 'resolutionExchange',
};
const CONDITION: Record<Condition, MessageKey> = {
  as_new: 'conditionAsNew',
  used: 'conditionUsed',
  damaged: 'conditionDamaged',
  missing: 'conditionMissing',
};
const EMAIL_STATUS: Record<string, MessageKey> = { pending: 'emailPending', sent: 'emailSent', failed: 'emailFailed' };
const ACTOR: Record<string, MessageKey> = {
  shopper: 'actorShopper',
  system: 'actorSystem',
  carrier: 'actorCarrier',
  demo: 'actorDemo',
};
const ROLE: Record<string, MessageKey> = { owner: 'roleOwner', staff: 'roleStaff' };
const INTEGRATION_STATUS: Record<string, MessageKey> = {
  active: 'integrationActive',
  error: 'integrationError',
  disconnected: 'integrationDisconnectedStatus',
};
const IMPORT_STATUS: Record<string, MessageKey> = { running: 'importRunning', completed: 'importCompleted', failed: 'importFailed' };

const EVENT: Record<string, MessageKey> = {
  submit: 'eventSubmit',
  approve: 'eventApprove',
  reject: 'eventReject',
  paid: 'eventPaid',
  payment_failed: 'eventPaymentFailed',
  retry_payment: 'eventRetryPayment',
  cancel: 'eventCancel',
  tracking: 'eventTracking',
  receive: 'eventReceive',
  resolve: 'eventResolve',
  note: 'eventNote',
  refund: 'eventRefund',
  store_credit: 'eventStoreCredit',
  replacement: 'eventReplacement',
  resend_label: 'eventResendLabel',
  exchange_shipped: 'eventExchangeShipped',
  hold_released: 'eventHoldReleased',
  hold_captured: 'eventHoldCaptured',
  hold_refunded: 'eventHoldRefunded',
  fee_refunded: 'eventFeeRefunded',
};
const TEMPLATE: Record<string, MessageKey> = {
  label_created: 'templateLabelCreated',
  dropped_off: 'templateDroppedOff',
  received: 'templateReceived',
  refund_issued: 'templateRefundIssued',
  request_approved: 'templateRequestApproved',
  request_rejected: 'templateRequestRejected',
  withdrawal_acknowledged: 'templateWithdrawalAcknowledged',
  new_return: 'templateNewReturn',
  store_credit_issued: 'templateStoreCreditIssued',
  exchange_created: 'templateExchangeCreated',
  label_reminder: 'templateLabelReminder',
  drop_off_reminder: 'templateDropOffReminder',
  hold_authorised: 'templateHoldAuthorised',
  exchange_shipped: 'templateExchangeShipped',
  expired: 'templateExpired',
};

/** Error codes whose meaning is the same wherever they come from: shown in the user's language. */
const ERROR: Record<string, MessageKey> = {
  unauthorized: 'errUnauthorized',
  forbidden: 'errForbidden',
  csrf_failed: 'errCsrf',
  not_found: 'errNotFound',
  return_not_found: 'errNotFound',
  order_not_found: 'errNotFound',
  brand_not_found: 'errNotFound',
  address_not_found: 'errNotFound',
  portal_not_found: 'errNotFound',
  slug_taken: 'errSlugTaken',
  email_taken: 'errEmailTaken',
  last_owner: 'errLastOwner',
  address_in_use: 'errAddressInUse',
  payload_too_large: 'errTooLarge',
  unsupported_media_type: 'errUnsupportedType',
  refund_exceeds_paid: 'errRefundExceeds',
  note_required: 'errNoteRequired',
  receive_exceeds_requested: 'errReceiveExceeds',
  currency_mismatch: 'errCurrencyMismatch',
  payments_not_configured: 'errPaymentsNotConfigured',
  provider_rejected_credentials: 'errProviderRejected',
  provider_error: 'errProvider',
  service_unavailable: 'errUnavailable',
  internal_error: 'errInternal',
  return_address_required: 'errReturnAddressRequired',
  return_window_expired: 'errWindowExpired',
};

/**
 * The sentence for a refused request: in English the server's own (the most specific); in another
 * language the translation of its code when the code means one thing, else the server's sentence.
 */
export function errorMessage(code: string, serverMessage: string): string {
  if (currentLanguage() === 'en') return serverMessage;
  const key = Object.hasOwn(ERROR, code) ? ERROR[code] : undefined;
  return key ? t(key) : serverMessage;
}

/** The value of a select or radio as one of the codes it offers; undefined for anything else. */
export function oneOf<T extends string>(codes: readonly T[], value: string): T | undefined {
  return codes.find((c) => c === value);
}

export const METHODS = Object.keys(METHOD) as ReturnMethod[];
export const RESOLUTIONS = Object.keys(RESOLUTION) as Resolution[];
export const CONDITIONS = Object.keys(CONDITION) as Condition[];

const named = (keys: Record<string, MessageKey>) => (code: string) => {
  const key = Object.hasOwn(keys, code) ? keys[code] : undefined;
  return key ? t(key) : code;
};
export const statusName = named(STATUS);
export const methodName = named(METHOD);
export const resolutionName = named(RESOLUTION);
export const conditionName = named(CONDITION);
export const emailStatusName = named(EMAIL_STATUS);
export const actorName = named(ACTOR);
export const importStatusName = named(IMPORT_STATUS);
export const integrationStatusName = named(INTEGRATION_STATUS);
export const roleName = named(ROLE);
export const eventName = named(EVENT);
export const templateName = named(TEMPLATE);

/** A return reason's label: the catalogue's in the user's language, else the code made readable. */
export function reasonName(code: string): string {
  if (Object.hasOwn(REASON_CATALOGUE, code)) return REASON_CATALOGUE[code as keyof typeof REASON_CATALOGUE][currentLanguage()];
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Turns the server's generic validation messages into plain sentences; others pass through. */
export function friendlyIssue(message: string): string {
  const small = /^Too small: expected (\w+) to (?:be|have) >=?(\d+)/.exec(message);
  if (small) {
    const min = Number(small[2]);
    if (small[1] === 'string') return min === 1 ? t('issueRequired') : t('issueMinLength', { min });
    if (small[1] === 'array') return min === 1 ? t('issueChooseOne') : t('issueChooseMin', { min });
    return t('issueMinNumber', { min });
  }
  const big = /^Too big: expected (\w+) to (?:be|have) <=?(\d+)/.exec(message);
  if (big) {
    const max = Number(big[2]);
    if (big[1] === 'string') return t('issueMaxLength', { max });
    if (big[1] === 'array') return t('issueChooseMax', { max });
    return t('issueMaxNumber', { max });
  }
  if (/^Invalid email/i.test(message)) return t('issueEmail');
  if (/^Invalid URL/i.test(message)) return t('issueUrl');
  if (/^Invalid input: expected number/.test(message)) return t('issueNumber');
  if (/^Invalid input: expected string/.test(message)) return t('issueRequired');
  return message;
}
