// The gift cards of the local Shopify, kept as state. Follows the published Admin GraphQL schema
// 2026-10 (@shopify/dev-mcp dist/data/admin_2026-10.json.gz: GiftCardCreateInput, GiftCardCreatePayload,
// GiftCardUserError/GiftCardErrorCode, QueryRoot.giftCards) and shopify.dev/docs/api/admin-graphql/latest/mutations/giftCardCreate:
// - `code` is optional, 8–20 letters and digits, case-insensitive, unique in the shop (TAKEN);
//   without one a random 16-character code is made; the full code is only in `giftCardCode`;
// - an initial value (`initialValue` or `initialAmount`) is required and must be above zero;
// - `expiresOn` must be a future date; `customerId` must name a known customer (CUSTOMER_NOT_FOUND);
// - `giftCards(query:)` searches case-insensitively, the default term matching gift card codes.
// The document itself is validated against the schema by FakeShopify before a handler runs.
import type { FakeShopify } from './fake-shopify.ts';

export type FakeGiftCard = {
  id: string;
  code: string;
  note: string | null;
  expiresOn: string | null;
  customerId: string | null;
  amount: string;
  currencyCode: string;
};

const err = (field: string[], code: string, message: string) => ({ field, code, message });

export class FakeShopifyGiftCards {
  readonly cards: FakeGiftCard[] = [];
  readonly customers = new Set<string>(['gid://shopify/Customer/1']);
  currencyCode = 'EUR';
  today = '2026-12-04';
  private seq = 0;

  private fake: FakeShopify;

  constructor(fake: FakeShopify) {
    this.fake = fake;
  }

  install(): this {
    this.fake.handle('giftCards', (v) => {
      const term = String(v.query ?? '')
        .trim()
        .toLowerCase();
      const nodes = this.cards.filter((c) => term === '' || c.code.toLowerCase() === term || (c.note ?? '').toLowerCase().includes(term));
      return { giftCards: { nodes: nodes.slice(0, 10).map((c) => this.view(c)) } };
    });
    this.fake.handle('giftCardCreate', (v) => ({ giftCardCreate: this.create(v.input ?? {}) }));
    return this;
  }

  private create(input: Record<string, any>) {
    const userErrors: { field: string[]; code: string; message: string }[] = [];
    const code = input.code === undefined || input.code === null ? this.randomCode() : String(input.code);
    if (code.length < 8) userErrors.push(err(['input', 'code'], 'TOO_SHORT', 'Code is too short (minimum is 8 characters)'));
    else if (code.length > 20) userErrors.push(err(['input', 'code'], 'TOO_LONG', 'Code is too long (maximum is 20 characters)'));
    else if (!/^[A-Za-z0-9]+$/.test(code)) userErrors.push(err(['input', 'code'], 'INVALID', 'Code can only contain letters and numbers'));
    else if (this.cards.some((c) => c.code.toLowerCase() === code.toLowerCase()))
      userErrors.push(err(['input', 'code'], 'TAKEN', 'Code has already been taken'));
    const value = input.initialValue ?? input.initialAmount?.amount;
    if (value === undefined || value === null)
      userErrors.push(err(['input', 'initialValue'], 'MISSING_ARGUMENT', 'Initial value is required'));
    else if (!(Number(value) > 0)) userErrors.push(err(['input', 'initialValue'], 'GREATER_THAN', 'Initial value must be greater than 0'));
    if (input.expiresOn && !(String(input.expiresOn) > this.today))
      userErrors.push(err(['input', 'expiresOn'], 'INVALID', 'Expires on must be in the future'));
    if (input.customerId && !this.customers.has(input.customerId))
      userErrors.push(err(['input', 'customerId'], 'CUSTOMER_NOT_FOUND', 'Customer could not be found'));
    if (userErrors.length > 0) return { giftCard: null, giftCardCode: null, userErrors };
    const card: FakeGiftCard = {
      id: `gid://shopify/GiftCard/${++this.seq}`,
      code: code.toLowerCase(),
      note: input.note ?? null,
      expiresOn: input.expiresOn ?? null,
      customerId: input.customerId ?? null,
      amount: Number(value).toFixed(2),
      currencyCode: input.initialAmount?.currencyCode ?? this.currencyCode,
    };
    this.cards.push(card);
    return { giftCard: this.view(card), giftCardCode: card.code, userErrors: [] };
  }

  private view(c: FakeGiftCard) {
    const money = { amount: c.amount, currencyCode: c.currencyCode };
    return {
      id: c.id,
      lastCharacters: c.code.slice(-4),
      note: c.note,
      expiresOn: c.expiresOn,
      enabled: true,
      initialValue: money,
      balance: money,
    };
  }

  private randomCode(): string {
    return `fake${String(++this.seq).padStart(12, '0')}`;
  }
}
