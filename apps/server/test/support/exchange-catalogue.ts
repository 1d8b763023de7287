// The catalogue of the portal exchange tests (portal-exchanges.test.ts), as PUT /api/v1/products takes it.
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
