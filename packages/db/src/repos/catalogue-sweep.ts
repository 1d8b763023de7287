// Keeping the catalogue true after a full import from a shop (issue #14 item 1): what the import
// did not see is gone from the shop. Split from catalogue.ts, whose rules it follows: a variant a
// shopper's exchange names stays (without stock), the rest goes.
import type { Executor } from '../database.ts';
import { notNamedByExchange, type ProductSource } from './catalogue.ts';

export type RetiredCatalogue = { deletedProducts: number; deletedVariants: number; unavailableVariants: number };

/**
 * After a COMPLETE full import of `source` (issue #14 item 1): its products not saved since the
 * import started (`importStartedAt`; every product the import read was saved after it) are gone
 * from the shop. Their variants that a shopper's exchange names stay, without any stock (so no
 * shopper can pick them, while the return and its replacement order still find them); the others
 * go with their stock, and the product once none of its variants is left. Callers wrap this in a
 * transaction, and call it only when the whole import succeeded.
 */
export async function retireProductsNotImportedSince(
  db: Executor,
  merchantId: string,
  source: Exclude<ProductSource, 'api'>,
  importStartedAt: string,
): Promise<RetiredCatalogue> {
  // Subqueries rather than id lists: a first import after moving shops may retire thousands.
  const stale = db
    .selectFrom('products')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('source', '=', source)
    .where('updatedAt', '<', importStartedAt);
  const staleVariants = db.selectFrom('productVariants').select('id').where('merchantId', '=', merchantId).where('productId', 'in', stale);
  const referenced = await db
    .selectFrom('productVariants as v')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('v.merchantId', '=', merchantId)
    .where('v.productId', 'in', stale)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('returnExchanges as x')
          .select('x.id')
          .whereRef('x.merchantId', '=', 'v.merchantId')
          .whereRef('x.variantId', '=', 'v.id'),
      ),
    )
    .executeTakeFirstOrThrow();
  await db.deleteFrom('variantStock').where('merchantId', '=', merchantId).where('variantId', 'in', staleVariants).execute();
  const deletedVariants = await db
    .deleteFrom('productVariants')
    .where('merchantId', '=', merchantId)
    .where('productId', 'in', stale)
    .where((eb) => notNamedByExchange(eb, merchantId))
    .executeTakeFirst();
  const deletedProducts = await db
    .deleteFrom('products')
    .where('merchantId', '=', merchantId)
    .where('source', '=', source)
    .where('updatedAt', '<', importStartedAt)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('productVariants as v')
            .select('v.id')
            .where('v.merchantId', '=', merchantId)
            .whereRef('v.productId', '=', 'products.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return {
    deletedProducts: Number(deletedProducts.numDeletedRows),
    deletedVariants: Number(deletedVariants.numDeletedRows),
    unavailableVariants: Number(referenced.n),
  };
}
