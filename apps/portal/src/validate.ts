// What each step needs before the shopper may continue, as messages next to the fields concerned.
import type { PublicPortal } from '@retour/contracts/portal';
import {
  chosenOption,
  commentRequired,
  type Draft,
  type Errors,
  effectiveResolution,
  linePhotoRequirement,
  phoneNeeded,
  selectedItems,
} from './flow.ts';
import { t } from './i18n.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{6,24}$/;

export function checkLookup(draft: Draft): Errors {
  const errors: Errors = {};
  if (!draft.number.trim()) errors.number = t(draft.by === 'order' ? 'errorOrderNumberMissing' : 'errorTrackingNumberMissing');
  if (!draft.postalCode.trim()) errors.postalCode = t('errorPostalCodeMissing');
  return errors;
}

export function checkItems(draft: Draft, portal: PublicPortal): Errors {
  const errors: Errors = {};
  const selected = selectedItems(draft);
  if (selected.length === 0) errors.items = t('errorNoItems');
  for (const { item, line } of selected) {
    if (line.quantity < 1 || line.quantity > item.returnableQuantity)
      errors[`quantity:${item.id}`] = t('errorQuantity', { max: item.returnableQuantity });
    if (!line.reason) errors[`reason:${item.id}`] = t('errorReasonMissing');
    else if (commentRequired(portal, line.reason) && !line.comment.trim()) errors[`comment:${item.id}`] = t('errorCommentMissing');
    if (line.reason) {
      const photos = linePhotoRequirement(draft, portal, item, line.reason);
      if (photos.mode === 'required' && (line.photos?.length ?? 0) < photos.min)
        errors[`photos:${item.id}`] = t('errorPhotosMissing', { min: photos.min });
    }
  }
  const total = selected.reduce((sum, { line }) => sum + (line.photos?.length ?? 0), 0);
  if (total > 10) errors.items = t('errorTooManyPhotos');
  return errors;
}

export function checkMethod(draft: Draft): Errors {
  const errors: Errors = {};
  const option = chosenOption(draft);
  if (!option) errors.option = t('errorMethodMissing');
  else if (option.method === 'pickup' && !draft.pickupDate) errors.pickupDate = t('errorPickupDateMissing');
  return errors;
}

export function checkResolution(draft: Draft): Errors {
  const errors: Errors = {};
  const resolution = effectiveResolution(draft);
  if (!resolution) errors.resolution = t('errorResolutionMissing');
  else if (resolution === 'exchange' && !draft.exchangeNote.trim() && Object.keys(draft.exchanges).length === 0)
    errors.exchangeNote = t('errorExchangeNoteMissing');
  return errors;
}

export function checkContact(draft: Draft): Errors {
  const errors: Errors = {};
  const email = draft.email.trim();
  if (!email) errors.email = t('errorEmailMissing');
  else if (!EMAIL.test(email) || email.length > 254) errors.email = t('errorEmailInvalid');
  const phone = draft.phone.trim();
  const { required } = phoneNeeded(draft);
  if (required && !phone) errors.phone = t('errorPhoneMissing');
  else if (phone && !PHONE.test(phone)) errors.phone = t('errorPhoneInvalid');
  return errors;
}
