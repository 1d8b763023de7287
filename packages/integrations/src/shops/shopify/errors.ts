// Why a Shopify call failed, in terms the server maps to its own error codes.
export type ShopifyFailure =
  /** The token endpoint refused the client id/secret (or the app lost access to the shop). */
  | 'credentials'
  /** Shopify could not be reached, timed out, kept throttling or answered 5xx / unreadable data. */
  | 'unavailable'
  /** Shopify understood the call and refused it (GraphQL errors, userErrors, 4xx). */
  | 'rejected';

export class ShopifyError extends Error {
  readonly failure: ShopifyFailure;
  readonly detail: { status?: number; userErrors?: { field?: string[] | null; message: string; code?: string | null }[] };

  constructor(
    failure: ShopifyFailure,
    message: string,
    detail: { status?: number; userErrors?: { field?: string[] | null; message: string; code?: string | null }[] } = {},
  ) {
    super(message);
    this.failure = failure;
    this.detail = detail;
  }
}

export type UserError = { field?: string[] | null; message: string; code?: string | null };

/** Throws when a mutation payload carries userErrors (Shopify answers 200 for those). */
export function checkUserErrors(operation: string, payload: { userErrors?: UserError[] } | null | undefined): void {
  const errors = payload?.userErrors ?? [];
  if (errors.length > 0) {
    throw new ShopifyError('rejected', `${operation}: ${errors.map((e) => e.message).join('; ')}`, { userErrors: errors });
  }
  if (!payload) throw new ShopifyError('rejected', `${operation}: Shopify returned no result.`);
}
