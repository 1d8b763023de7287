// The catalogue the exchange journeys put in place through PUT /api/v1/products (same ids, so
// running them together or twice is harmless).
const eur = (value: string) => ({ value, currency: 'EUR' });

/** The linen shirt the demo orders hold (SKU SK-RED-S, €49.50) in three sizes; M is out of stock. */
export const LINEN = {
  id: 'e2e-linen-shirt-red',
  title: 'Linen shirt, red',
  variants: [
    {
      id: 'linen-s',
      sku: 'SK-RED-S',
      options: [{ name: 'Size', value: 'S' }],
      price: eur('49.50'),
      stock: [{ locationId: 'wh', available: 2 }],
    },
    {
      id: 'linen-m',
      sku: 'SK-RED-M',
      options: [{ name: 'Size', value: 'M' }],
      price: eur('49.50'),
      stock: [{ locationId: 'wh', available: 0 }],
    },
    {
      id: 'linen-l',
      sku: 'SK-RED-L',
      options: [{ name: 'Size', value: 'L' }],
      price: eur('49.50'),
      stock: [{ locationId: 'wh', available: 5 }],
    },
  ],
};
