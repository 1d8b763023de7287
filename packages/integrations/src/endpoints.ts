// Where the shop and payment provider APIs live. Production talks to the providers' own hosts;
// tests and the end-to-end journeys point them at local servers that answer like the providers.
export interface ProviderEndpoints {
  /** Mollie API root, default https://api.mollie.com/v2/ (RETOUR_MOLLIE_API_URL). */
  mollieApiUrl: string;
  /** Origin of a Shopify shop's Admin API, default https://{shop} (RETOUR_SHOPIFY_ORIGIN replaces it for every shop). */
  shopifyOrigin: (shopDomain: string) => string;
  /** Accept http:// shop URLs (WooCommerce over loopback in tests); never in production (RETOUR_ALLOW_HTTP_PROVIDERS=1). */
  allowInsecureHttp: boolean;
  /** Per-request timeout of provider calls. */
  timeoutMs: number;
  /** A background job's signal: provider calls made for the job stop when it aborts. */
  signal?: AbortSignal;
  /**
   * Carrier API roots (RETOUR_SENDCLOUD_API_URL, RETOUR_POSTNL_API_URL, RETOUR_DHL_PARCEL_API_URL,
   * RETOUR_UPS_API_URL), set only to point tests at local servers; unset, each adapter's own
   * `<PROVIDER>_BASE_URL` (the carrier's production host) is used.
   */
  carrierApiUrls?: Partial<Record<'sendcloud' | 'postnl' | 'dhl_parcel' | 'ups', string>>;
}

export function providerEndpoints(env: NodeJS.ProcessEnv = {}): ProviderEndpoints {
  const shopifyOrigin = env.RETOUR_SHOPIFY_ORIGIN?.replace(/\/$/, '');
  return {
    mollieApiUrl: env.RETOUR_MOLLIE_API_URL || 'https://api.mollie.com/v2/',
    shopifyOrigin: shopifyOrigin ? () => shopifyOrigin : (shop) => `https://${shop}`,
    allowInsecureHttp: env.RETOUR_ALLOW_HTTP_PROVIDERS === '1',
    timeoutMs: Number(env.RETOUR_PROVIDER_TIMEOUT_MS || 15_000),
    carrierApiUrls: Object.fromEntries(
      (
        [
          ['sendcloud', env.RETOUR_SENDCLOUD_API_URL],
          ['postnl', env.RETOUR_POSTNL_API_URL],
          ['dhl_parcel', env.RETOUR_DHL_PARCEL_API_URL],
          ['ups', env.RETOUR_UPS_API_URL],
        ] as const
      ).filter(([, url]) => url),
    ),
  };
}

/** The signal of one provider request: its own timeout, and the job's signal when there is one. */
export function requestSignal(endpoints: { timeoutMs: number; signal?: AbortSignal | undefined }): AbortSignal {
  const timeout = AbortSignal.timeout(endpoints.timeoutMs);
  return endpoints.signal ? AbortSignal.any([timeout, endpoints.signal]) : timeout;
}
