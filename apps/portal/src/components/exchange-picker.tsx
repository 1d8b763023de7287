// Exchanges in the portal (issue #14): per returned item, the same product's sizes and colours
// with their stock (out of stock: shown, not selectable), a search for another product where the
// shop allows it, and the quote of the difference before the shopper submits.
import type { ExchangeOptions, ExchangeQuote } from '@retour/contracts/catalogue';
import type { PublicPortal } from '@retour/contracts/portal';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { chosenExchanges, type Draft, exchangeableItems, isFree, type Line, type OrderItem } from '../flow.ts';
import { formatMoney, t } from '../i18n.ts';

type Variant = ExchangeOptions['products'][number]['variants'][number];

function differenceText(v: Variant): string {
  if (isFree(v.priceDifference)) return t('exchangeSamePrice');
  const amount = formatMoney({ ...v.priceDifference, value: v.priceDifference.value.replace('-', '') });
  return v.priceDifference.value.startsWith('-') ? t('exchangeYouGetBack', { amount }) : t('exchangeYouPay', { amount });
}

type ItemProps = {
  slug: string;
  token: string;
  item: OrderItem;
  line: Line;
  otherProducts: boolean;
  chosen: string;
  choose: (id: string) => void;
};

function ItemExchange({ slug, token, item, line, otherProducts, chosen, choose }: ItemProps) {
  const [options, setOptions] = useState<ExchangeOptions | null>(null);
  const [query, setQuery] = useState('');
  const [failed, setFailed] = useState(false);
  const load = (q?: string) => {
    setFailed(false);
    api
      .exchangeOptions(slug, token, { item: item.id, quantity: String(line.quantity), ...(q ? { q } : {}) })
      .then(setOptions, () => setFailed(true));
  };
  // Loaded again when the item or its quantity changes.
  useEffect(() => load(), [item.id, line.quantity]);
  const products = options?.products ?? [];
  return (
    <fieldset class="options exchange" id={`exchange-${item.id}`}>
      <legend>{t('exchangeFor', { item: item.name })}</legend>
      {!options && !failed && <p class="muted">{t('loading')}</p>}
      {failed && <p class="muted">{t('exchangeUnavailable')}</p>}
      <label class={`option${chosen === '' ? ' chosen' : ''}`}>
        <input type="radio" name={`exchange-${item.id}`} value="" checked={chosen === ''} onChange={() => choose('')} />
        <span class="option-body">
          <span class="option-title">{t('exchangeNone')}</span>
        </span>
      </label>
      {products.map((p) => (
        <div key={p.id} class="exchange-product">
          {!p.sameProduct && <p class="option-title">{p.title}</p>}
          {p.variants.map((v) => (
            <label key={v.id} class={`option${chosen === v.id ? ' chosen' : ''}${v.selectable ? '' : ' disabled'}`}>
              <input
                type="radio"
                name={`exchange-${item.id}`}
                value={v.id}
                checked={chosen === v.id}
                disabled={!v.selectable}
                onChange={() => choose(v.id)}
              />
              <span class="option-body">
                <span class="option-title">{v.title}</span>
                <span class="option-text">{v.selectable ? differenceText(v) : t('exchangeOutOfStock')}</span>
              </span>
            </label>
          ))}
        </div>
      ))}
      {options && products.length === 0 && <p class="muted">{t('exchangeNoOptions')}</p>}
      {otherProducts && (
        <div class="field">
          <label for={`exchange-search-${item.id}`}>{t('exchangeSearch')}</label>
          <input
            id={`exchange-search-${item.id}`}
            class="input"
            type="search"
            maxLength={100}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                load(query.trim() || undefined);
              }
            }}
          />
          <button type="button" class="button secondary" onClick={() => load(query.trim() || undefined)}>
            {t('exchangeSearchButton')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

type PickerProps = { slug: string; portal: PublicPortal; draft: Draft; update: (patch: Partial<Draft>) => void };

/** One exchange choice per returned item whose reason allows an exchange. */
export function ExchangePicker({ slug, portal, draft, update }: PickerProps) {
  const token = draft.lookup?.token;
  const items = exchangeableItems(draft, portal);
  if (!token || items.length === 0) return null;
  return (
    <div class="exchanges">
      {items.map(({ item, line }) => (
        <ItemExchange
          key={item.id}
          slug={slug}
          token={token}
          item={item}
          line={line}
          otherProducts={portal.exchanges?.otherProducts ?? false}
          chosen={draft.exchanges[item.id] ?? ''}
          choose={(id) => {
            const { [item.id]: _old, ...rest } = draft.exchanges;
            update({ exchanges: id ? { ...rest, [item.id]: id } : rest });
          }}
        />
      ))}
      <ExchangeQuoteView slug={slug} portal={portal} draft={draft} />
    </div>
  );
}

/** The quote of the chosen exchanges: what is paid before the label or refunded later, and the bonus credit. */
export function ExchangeQuoteView({ slug, portal, draft }: { slug: string; portal: PublicPortal; draft: Draft }) {
  const [quote, setQuote] = useState<ExchangeQuote | null>(null);
  const token = draft.lookup?.token;
  const exchanges = chosenExchanges(draft, portal);
  const items = exchangeableItems(draft, portal);
  const key = JSON.stringify([exchanges, items.map(({ item, line }) => [item.id, line.quantity, line.reason])]);
  useEffect(() => {
    if (!token || Object.keys(exchanges).length === 0) return setQuote(null);
    const body = {
      resolution: 'exchange',
      items: items.map(({ item, line }) => ({
        orderItemId: item.id,
        quantity: line.quantity,
        reason: line.reason,
        ...(exchanges[item.id] ? { exchange: { variantId: exchanges[item.id] } } : {}),
      })),
    };
    api.exchangeQuote(slug, token, body).then(setQuote, () => setQuote(null));
  }, [key, token, slug]);
  if (!quote) return null;
  return (
    <div class="exchange-quote" role="status">
      {!isFree(quote.toPay) && <p>{t('exchangeQuotePay', { amount: formatMoney(quote.toPay) })}</p>}
      {!isFree(quote.toRefund) && <p>{t('exchangeQuoteRefund', { amount: formatMoney(quote.toRefund) })}</p>}
      {isFree(quote.toPay) && isFree(quote.toRefund) && <p>{t('exchangeQuoteFree')}</p>}
      {!isFree(quote.bonusCredit) && <p>{t('exchangeQuoteBonus', { amount: formatMoney(quote.bonusCredit) })}</p>}
    </div>
  );
}
