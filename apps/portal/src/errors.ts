// Every error the portal API can answer, placed next to the field (and on the step) it concerns,
// in the shopper's language. Codes we do not know yet fall back to the server's localised sentence.
import type { ApiError } from './api.ts';
import { type Draft, type Errors, type Step, selectedItems, stepsFor } from './flow.ts';
import { formatDay, formatTime, t } from './i18n.ts';

type Issue = { path?: (string | number)[] };

function issues(error: ApiError): Issue[] {
  return Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : [];
}

/** Problems that are nobody's typing: the network, the server, a rate limit, a missing portal. */
function general(error: ApiError): string {
  switch (error.code) {
    case 'network_error':
      return t('errorNetwork');
    case 'too_many_attempts': {
      const seconds = error.retryAfter ?? 900;
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return t('errorTooManyAttempts', { minutes, time: formatTime(new Date(Date.now() + seconds * 1000)) });
    }
    case 'portal_not_found':
      return t('errorPortalNotFound');
    case 'return_window_expired': {
      const deadline = typeof error.details.returnDeadline === 'string' ? error.details.returnDeadline : null;
      return deadline ? t('errorWindowExpiredOn', { date: formatDay(deadline) }) : t('errorWindowExpired');
    }
    case 'no_returnable_items':
      return t('errorNoReturnableItems');
    case 'no_return_method_for_country':
      return t('errorNoMethodForCountry');
    case 'idempotency_key_in_progress':
      return t('errorInProgress');
    case 'internal_error':
    case 'service_unavailable': {
      const requestId = typeof error.details.requestId === 'string' ? error.details.requestId : '–';
      return t('errorServer', { requestId });
    }
    default:
      return error.message || t('errorUnexpected', { code: error.code });
  }
}

export function lookupErrors(error: ApiError, draft: Draft): Errors {
  if (error.code === 'order_not_found') {
    return {
      number: t(draft.by === 'order' ? 'errorOrderNotFound' : 'errorTrackingNotFound'),
      postalCode: t('errorCheckPostalCode'),
    };
  }
  if (error.code === 'validation_error') {
    const errors: Errors = {};
    for (const issue of issues(error)) {
      const field = issue.path?.[0];
      if (field === 'orderNumber' || field === 'trackingNumber') errors.number = t('errorNumberInvalid');
      else if (field === 'postalCode') errors.postalCode = t('errorPostalCodeInvalid');
    }
    if (Object.keys(errors).length > 0) return errors;
    return { lookup: error.message || t('errorUnexpected', { code: error.code }) };
  }
  return { lookup: general(error) };
}

/** Where a refused return goes back to, and what it says there. */
export function createErrors(error: ApiError, draft: Draft): { step: Step; errors: Errors } {
  const ids = selectedItems(draft).map(({ item }) => item.id);
  const d = error.details;
  const itemId = typeof d.orderItemId === 'string' ? d.orderItemId : typeof d.index === 'number' ? (ids[d.index] ?? '') : '';
  switch (error.code) {
    case 'invalid_token':
      return { step: stepsFor(draft)[0] ?? 'start', errors: { lookup: t('errorSessionExpired') } };
    case 'phone_required':
      return { step: 'contact', errors: { phone: t('errorPhoneRequiredByCarrier') } };
    case 'customs_data_missing': {
      const errors: Errors = { items: t('errorCustomsSummary') };
      const listed = Array.isArray(d.items) ? (d.items as { orderItemId?: string }[]) : [];
      for (const entry of listed) if (entry.orderItemId) errors[`item:${entry.orderItemId}`] = t('errorCustomsItem');
      return { step: 'items', errors };
    }
    case 'quantity_exceeds_returnable': {
      const max = typeof d.returnableQuantity === 'number' ? d.returnableQuantity : 0;
      return { step: 'items', errors: { items: t('errorCheckItems'), [`quantity:${itemId}`]: t('errorQuantity', { max }) } };
    }
    case 'item_not_returnable':
      return { step: 'items', errors: { items: t('errorCheckItems'), [`item:${itemId}`]: t('errorItemNotReturnable') } };
    case 'item_blocked_by_rule':
      return {
        step: 'items',
        errors: {
          items: t('errorCheckItems'),
          [`item:${itemId}`]: typeof d.message === 'string' && d.message ? d.message : t('ineligibleRule'),
        },
      };
    case 'invalid_reason':
      return { step: 'items', errors: { items: t('errorCheckItems'), [`reason:${itemId}`]: t('errorReasonMissing') } };
    case 'comment_required':
      return { step: 'items', errors: { items: t('errorCheckItems'), [`comment:${itemId}`]: t('errorCommentMissing') } };
    case 'photos_required': {
      const min = typeof d.min === 'number' ? d.min : 1;
      return { step: 'items', errors: { items: t('errorCheckItems'), [`photos:${itemId}`]: t('errorPhotosMissing', { min }) } };
    }
    case 'too_many_photos':
      return { step: 'items', errors: { items: t('errorTooManyPhotos') } };
    case 'photo_not_usable':
    case 'photos_not_accepted':
      return { step: 'items', errors: { items: t('errorCheckItems'), [`photos:${itemId}`]: t('errorPhotoExpired') } };
    case 'return_window_expired':
    case 'no_returnable_items':
      return { step: 'items', errors: { items: general(error) } };
    case 'method_not_available':
    case 'carrier_not_available':
    case 'no_return_method_for_country':
      return { step: 'method', errors: { option: t('errorMethodNotAvailable') } };
    case 'resolution_not_available':
      return draft.mode === 'withdrawal'
        ? { step: 'review', errors: { submit: t('errorResolutionNotAvailable') } }
        : { step: 'resolution', errors: { resolution: t('errorResolutionNotAvailable') } };
    case 'idempotency_key_reused':
      return { step: 'review', errors: { submit: t('errorChangedWhileSending') } };
    case 'carrier_rejected_address':
    case 'carrier_rejected': {
      // The server's sentence in the shopper's language refers to the carrier's own message: show it.
      const message = error.message || t('errorUnexpected', { code: error.code });
      const said = typeof d.carrierMessage === 'string' ? d.carrierMessage.trim() : '';
      return { step: 'review', errors: { submit: said && !message.includes(said) ? `${message} “${said}”` : message } };
    }
    case 'validation_error':
      return validationPlace(error);
    default:
      return { step: 'review', errors: { submit: general(error) } };
  }
}

function validationPlace(error: ApiError): { step: Step; errors: Errors } {
  for (const issue of issues(error)) {
    const [first, second] = issue.path ?? [];
    if (first === 'contact' && second === 'email') return { step: 'contact', errors: { email: t('errorEmailInvalid') } };
    if (first === 'contact' && second === 'phone') return { step: 'contact', errors: { phone: t('errorPhoneInvalid') } };
    if (first === 'pickup') return { step: 'method', errors: { pickupDate: t('errorPickupDateInvalid') } };
    if (first === 'storeAddressId' || first === 'carrier' || first === 'servicePointId')
      return { step: 'method', errors: { option: t('errorMethodNotAvailable') } };
    if (first === 'items') return { step: 'items', errors: { items: t('errorCheckItems') } };
    if (first === 'exchangeNote') return { step: 'resolution', errors: { exchangeNote: t('errorExchangeNoteInvalid') } };
  }
  return { step: 'review', errors: { submit: error.message || t('errorUnexpected', { code: error.code }) } };
}

/** Why one photo was not taken, next to the item's photo control. */
export function photoError(error: ApiError): string {
  if (error.code === 'unsupported_image') return t('errorPhotoUnsupported');
  if (error.code === 'payload_too_large') return t('errorPhotoTooLarge');
  if (error.code === 'too_many_photos') return t('errorTooManyPhotos');
  return general(error);
}

export function statusErrors(error: ApiError): string {
  if (error.code === 'return_not_found') return t('errorReturnNotFound');
  return general(error);
}
