// A payment provider as Retour uses it: take a return's up-front fee through a hosted checkout,
// read a payment back (webhooks carry only its id) and refund it. Amounts are integer minor units.

/** Mollie's payment statuses; `paid`, `failed`, `canceled` and `expired` are final. */
export type ProviderPaymentStatus = 'open' | 'pending' | 'authorized' | 'paid' | 'failed' | 'canceled' | 'expired';

export type ProviderPayment = {
  id: string;
  status: ProviderPaymentStatus;
  amount: number;
  currency: string;
  /** Where the shopper pays (present while the payment is open). */
  checkoutUrl: string | null;
  metadata: Record<string, unknown> | null;
  /** A manual-capture payment once authorised: the instant until which a capture is guaranteed. */
  captureBefore?: string | null;
};

export type ProviderRefund = { id: string; status: string; amount: number; currency: string };

export type CreatePaymentInput = {
  amount: number;
  currency: string;
  description: string;
  redirectUrl: string;
  webhookUrl: string;
  metadata: Record<string, string>;
  /** Shopper language (en, nl, fr, de, it). */
  language: string;
  /** Sent as Idempotency-Key: a repeated create returns the first payment. */
  idempotencyKey: string;
  /** `manual`: only authorise (status `authorized`); the amount is captured or released later. */
  captureMode?: 'manual';
};

/** A capture of an authorised payment (Mollie: pending, succeeded or failed). */
export type ProviderCapture = { id: string; status: string; amount: number; currency: string };
export type CreateCaptureInput = { amount: number; currency: string; description: string; idempotencyKey: string };

export type CreateRefundInput = { amount: number; currency: string; description: string; idempotencyKey: string };

export interface PaymentProvider {
  /** An authenticated read that proves the credentials work. */
  verifyCredentials(): Promise<void>;
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  /** Null when the provider does not know the payment. */
  getPayment(id: string): Promise<ProviderPayment | null>;
  createRefund(paymentId: string, input: CreateRefundInput): Promise<ProviderRefund>;
  /** The refund as it stands now; null when the provider does not know it. */
  getRefund(paymentId: string, refundId: string): Promise<ProviderRefund | null>;
  /** Captures (part of) an authorised manual-capture payment. */
  createCapture(paymentId: string, input: CreateCaptureInput): Promise<ProviderCapture>;
  /** Releases what is left of an authorisation (accepted: the bank decides when the hold goes). */
  releaseAuthorization(paymentId: string): Promise<void>;
}

/**
 * A call the provider refused or could not answer. `credentials`: the key was refused (401/403);
 * `rejected`: the request was refused (4xx, e.g. an amount below the method's minimum);
 * `unavailable`: 5xx, rate limited beyond our patience, timeout or network failure — try later.
 */
export class PaymentProviderError extends Error {
  readonly kind: 'credentials' | 'rejected' | 'unavailable';
  readonly status: number | null;
  readonly field: string | null;

  constructor(
    kind: 'credentials' | 'rejected' | 'unavailable',
    message: string,
    status: number | null = null,
    field: string | null = null,
  ) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.field = field;
  }
}
