// Step 2: which items go back, how many, and why. Items that cannot be returned stay visible,
// greyed, with the reason; "Other" (or any reason that needs it) asks for a comment.
import type { PublicPortal } from '@retour/contracts/portal';
import { Actions, BackButton, Button, described, ErrorSummary, FieldError, focusFirstInvalid, StepHeading } from '../components/ui.tsx';
import { commentRequired, type Draft, type Errors, type Line, linePhotoRequirement, type OrderItem } from '../flow.ts';
import { PhotoPicker } from '../components/photo-picker.tsx';
import { formatDate, formatDay, formatMoney, t } from '../i18n.ts';
import { checkItems } from '../validate.ts';
import type { StepProps } from './types.ts';

function ineligibleText(item: OrderItem): string {
  if (item.ineligibleReason === 'not_returnable') return t('ineligibleFinalSale');
  if (item.ineligibleReason === 'return_window_expired') return t('ineligibleWindow', { date: formatDay(item.returnDeadline) });
  // A return rule of the shop: its own words when it gave them.
  if (item.ineligibleReason === 'blocked_by_rule') return item.ruleMessage || t('ineligibleRule');
  return t('ineligibleReturned');
}

function Thumbnail({ item }: { item: OrderItem }) {
  if (item.imageUrl) return <img class="thumb" src={item.imageUrl} alt="" width={64} height={64} loading="lazy" decoding="async" />;
  return (
    <span class="thumb placeholder" aria-hidden="true">
      {item.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The conditions a shopper may state: the values the return rules' `item_condition` accepts. */
const CONDITIONS = ['as_new', 'used', 'damaged'] as const;
const CONDITION_KEYS = { as_new: 'conditionAsNew', used: 'conditionUsed', damaged: 'conditionDamaged' } as const;

type LineProps = { item: OrderItem; line: Line; portal: PublicPortal; draft: Draft; errors: Errors; set: (line: Line) => void };

function LineDetails({ item, line, portal, draft, errors, set }: LineProps) {
  const offered = new Set((draft.lookup?.options.reasons ?? []).map((r) => r.code));
  const reasons = portal.reasons.filter((r) => offered.size === 0 || offered.has(r.code));
  const needsComment = commentRequired(portal, line.reason);
  const photos = line.reason ? linePhotoRequirement(draft, portal, item, line.reason) : null;
  const id = item.id;
  return (
    <div class="line-details">
      {item.returnableQuantity > 1 && (
        <div class="field">
          <label for={`qty-${id}`}>{t('quantity')}</label>
          <select
            id={`qty-${id}`}
            class="input narrow"
            value={String(line.quantity)}
            onChange={(e) => set({ ...line, quantity: Number(e.currentTarget.value) })}
            {...described(`quantity:${id}`, errors)}
          >
            {Array.from({ length: item.returnableQuantity }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
          </select>
          <FieldError field={`quantity:${id}`} errors={errors} />
        </div>
      )}
      <div class="field">
        <label for={`reason-${id}`}>{t('reason')}</label>
        <select
          id={`reason-${id}`}
          class="input"
          required
          value={line.reason}
          onChange={(e) => set({ ...line, reason: e.currentTarget.value })}
          {...described(`reason:${id}`, errors)}
        >
          <option value="">{t('chooseReason')}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <FieldError field={`reason:${id}`} errors={errors} />
      </div>
      <div class="field">
        <label for={`condition-${id}`}>{t('itemCondition')}</label>
        <select
          id={`condition-${id}`}
          class="input"
          value={line.condition ?? ''}
          onChange={(e) => {
            const { condition: _dropped, ...rest } = line;
            const chosen = CONDITIONS.find((c) => c === e.currentTarget.value);
            set(chosen ? { ...rest, condition: chosen } : rest);
          }}
        >
          <option value="">{t('conditionNotStated')}</option>
          {CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {t(CONDITION_KEYS[c])}
            </option>
          ))}
        </select>
      </div>
      {needsComment && (
        <div class="field">
          <label for={`comment-${id}`}>{t('comment')}</label>
          <p class="hint" id={`comment-hint-${id}`}>
            {t('commentHint')}
          </p>
          <textarea
            id={`comment-${id}`}
            class="input"
            rows={3}
            required
            maxLength={2000}
            value={line.comment}
            onInput={(e) => set({ ...line, comment: e.currentTarget.value })}
            {...described(`comment:${id}`, errors, `comment-hint-${id}`)}
          />
          <FieldError field={`comment:${id}`} errors={errors} />
        </div>
      )}
      {photos && photos.mode !== 'off' && draft.lookup && (
        <PhotoPicker slug={portal.slug} token={draft.lookup.token} item={item} line={line} requirement={photos} errors={errors} set={set} />
      )}
    </div>
  );
}

function ItemRow({ item, portal, draft, errors, update }: Omit<LineProps, 'line' | 'set'> & { update: StepProps['update'] }) {
  const line = draft.lines[item.id];
  const eligible = item.eligible && item.returnableQuantity > 0;
  const overall = draft.lookup?.returnDeadline;
  const setLine = (next: Line | null) => {
    const lines = { ...draft.lines };
    if (next) lines[item.id] = next;
    else delete lines[item.id];
    update({ lines });
  };
  const meta = `meta-${item.id}`;
  return (
    <li class={`item${eligible ? '' : ' ineligible'}${line ? ' selected' : ''}`}>
      <Thumbnail item={item} />
      <div class="item-body">
        {eligible ? (
          <label class="item-check">
            <input
              type="checkbox"
              id={`select-${item.id}`}
              checked={Boolean(line)}
              onChange={(e) => setLine(e.currentTarget.checked ? { quantity: 1, reason: '', comment: '' } : null)}
              {...described(`item:${item.id}`, errors, meta)}
            />
            <span class="item-name">{item.name}</span>
          </label>
        ) : (
          <p class="item-name">{item.name}</p>
        )}
        <p class="item-meta" id={meta}>
          {[
            item.variant && t('variant', { variant: item.variant }),
            item.unitPrice && formatMoney(item.unitPrice),
            t('ordered', { count: item.quantity }),
            eligible && item.returnableQuantity < item.quantity && t('stillReturnable', { count: item.returnableQuantity }),
            eligible && item.returnDeadline && item.returnDeadline !== overall && t('returnBy', { date: formatDay(item.returnDeadline) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {!eligible && <p class="ineligible-reason">{ineligibleText(item)}</p>}
        {eligible && item.keepItem && <p class="item-meta">{t('keepItemNote')}</p>}
        <FieldError field={`item:${item.id}`} errors={errors} />
        {line && <LineDetails item={item} line={line} portal={portal} draft={draft} errors={errors} set={setLine} />}
      </div>
    </li>
  );
}

export function ItemsStep({ portal, draft, update, errors, setErrors, next, back }: StepProps) {
  const lookup = draft.lookup;
  if (!lookup) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    const problems = checkItems(draft, portal);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return focusFirstInvalid();
    next();
  };
  const targets = Object.fromEntries(
    Object.keys(errors).map((key) => {
      const [kind, id] = key.split(':');
      const prefix = { quantity: 'qty', reason: 'reason', comment: 'comment', item: 'select', photos: 'photos' }[kind ?? ''];
      return [key, prefix && id ? `${prefix}-${id}` : ''];
    }),
  );
  return (
    <form class="form" noValidate onSubmit={submit}>
      <StepHeading>{t(draft.mode === 'withdrawal' ? 'itemsTitleWithdrawal' : 'itemsTitle')}</StepHeading>
      <p class="lead">{t('orderSummary', { orderNumber: lookup.order.orderNumber, date: formatDate(lookup.order.placedAt) })}</p>
      {lookup.returnDeadline && (
        <p class="deadline">
          <strong>{t('deadline', { date: formatDay(lookup.returnDeadline) })}</strong>
        </p>
      )}
      <ErrorSummary errors={errors} targets={targets} />
      <fieldset class="items-fieldset" aria-describedby={errors.items ? 'error-items' : undefined}>
        <legend class="sr-only">{t('itemsLegend')}</legend>
        <ul class="items">
          {lookup.order.items.map((item) => (
            <ItemRow key={item.id} item={item} portal={portal} draft={draft} errors={errors} update={update} />
          ))}
        </ul>
      </fieldset>
      <FieldError field="items" errors={errors} />
      <Actions>
        <Button>{t('continue')}</Button>
        <BackButton onClick={back} />
      </Actions>
    </form>
  );
}
