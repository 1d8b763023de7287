// The catalogues and exchange settings of the exchange tests, as PUT /api/v1/products and the portal settings take them.
import { eur } from './fixtures.ts';

/** The T-shirt of the order fixture (TS-M at €29.95) in four sizes, and a dearer hoodie. */
export const CATALOGUE = {
  products: [
    {
      id: 'tee',
      title: 'T-shirt',
      variants: [
        {
          id: 'tee-s',
          sku: 'TS-S',
          options: [{ name: 'Size', value: 'S' }],
          price: eur('29.95'),
          stock: [{ locationId: 'wh', available: 0 }],
        },
        {
          id: 'tee-m',
          sku: 'TS-M',
          options: [{ name: 'Size', value: 'M' }],
          price: eur('29.95'),
          stock: [{ locationId: 'wh', available: 4 }],
        },
        {
          id: 'tee-l',
          sku: 'TS-L',
          options: [{ name: 'Size', value: 'L' }],
          price: eur('29.95'),
          stock: [{ locationId: 'wh', available: 1 }],
        },
        {
          id: 'tee-xl',
          sku: 'TS-XL',
          options: [{ name: 'Size', value: 'XL' }],
          price: eur('24.95'),
          stock: [{ locationId: 'wh', available: 5 }],
        },
      ],
    },
    {
      id: 'hoodie',
      title: 'Hoodie',
      variants: [
        {
          id: 'hoodie-m',
          sku: 'HD-M',
          options: [{ name: 'Size', value: 'M' }],
          price: eur('49.95'),
          stock: [{ locationId: 'wh', available: 3 }],
        },
      ],
    },
  ],
};

/** Same-price size exchanges offered for every reason, no other products, no bonus (the exchange tests' portal setting). */
export const SIZE_EXCHANGES = {
  offered: true,
  reasons: [],
  priceBand: { lowerPercent: 100, upperPercent: 100 },
  otherProducts: false,
  bonusCredit: null,
};

/** A T-shirt in M and L at one price, by the shop's ids (product, M variant, L variant), with the given stock. */
export function teeCatalogue(ids: { product: string; m: string; l: string }, price: string, stock = { m: 2, l: 3 }) {
  const variant = (id: string, size: 'M' | 'L', available: number) => ({
    id,
    sku: `TS-${size}`,
    options: [{ name: 'Size', value: size }],
    price: eur(price),
    stock: [{ locationId: 'wh', available }],
  });
  return {
    products: [{ id: ids.product, title: 'T-shirt', variants: [variant(ids.m, 'M', stock.m), variant(ids.l, 'L', stock.l)] }],
  };
}
