// The one place that turns a connected carrier account into an adapter. The server holds the
// factories (one per provider) with each provider's production base URL — production's set is
// `apps/server/src/carrier-adapters.ts`, tests inject their own — and `providers.carrierApiUrls`
// (RETOUR_*_API_URL, see `endpoints.ts`) may point a provider at a local server instead.
import type { ProviderEndpoints } from '../endpoints.ts';
import type { AdapterFactory, CarrierAdapter, CarrierCredentials, CarrierProvider } from './adapter.ts';

export type AdapterFactories = { [P in CarrierProvider]?: AdapterFactory<P> };

/** The factories of this process and each provider's production base URL (the adapters' `<PROVIDER>_BASE_URL`). */
export interface CarrierAdapters {
  factories: AdapterFactories;
  baseUrls: Partial<Record<CarrierProvider, string>>;
}

export const NO_CARRIER_ADAPTERS: CarrierAdapters = { factories: {}, baseUrls: {} };

/** Builds the adapter of one account, or null when this installation has no factory for its provider. */
export function buildAdapter<P extends CarrierProvider>(
  adapters: CarrierAdapters,
  providers: ProviderEndpoints,
  provider: P,
  credentials: CarrierCredentials[P],
): CarrierAdapter | null {
  const factory = adapters.factories[provider] as AdapterFactory<P> | undefined;
  const baseUrl = providers.carrierApiUrls?.[provider] ?? adapters.baseUrls[provider];
  if (!factory || !baseUrl) return null;
  const { signal } = providers;
  // A background job's signal (timeout, shutdown) also ends the carrier calls made for it.
  const jobFetch: typeof fetch | undefined = signal
    ? (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal })
    : undefined;
  return factory(credentials, { baseUrl, timeoutMs: providers.timeoutMs, ...(jobFetch ? { fetch: jobFetch } : {}) });
}

export function supportedProviders(adapters: CarrierAdapters): CarrierProvider[] {
  return (Object.keys(adapters.factories) as CarrierProvider[]).filter((p) => adapters.factories[p]);
}
