// Sendcloud prices: `{ value, currency }` with the value a number (Returns API `label_cost`) or a
// decimal string (shipping-option quotes) → minor units.
export function priceOf(
  price: { value?: unknown; currency?: unknown } | null | undefined,
): { amountMinor: number; currency: string } | null {
  if (!price || typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency)) return null;
  const value = typeof price.value === 'number' ? price.value : typeof price.value === 'string' ? Number(price.value) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) return null;
  const decimals = price.currency === 'JPY' ? 0 : 2;
  return { amountMinor: Math.round(value * 10 ** decimals), currency: price.currency };
}
