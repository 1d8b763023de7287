// One order with its items, shipments and returns.
import type { MerchantReturn } from '@retour/contracts/returns';
import type { Order } from '@retour/contracts/orders';
import { integrationNames } from '@retour/db/repos/config';
import { getOrder } from '@retour/db/repos/orders';
import { getReturn, returnsOfOrder } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { toOrderView } from '../../presenters/order-view.ts';
import { toMerchantReturn, viewExtras } from '../../presenters/return-view.ts';

export async function getOrderDetail(ctx: Ctx, merchantId: string, id: string): Promise<Order & { returns: MerchantReturn[] }> {
  const agg = await getOrder(ctx.db, merchantId, id);
  if (!agg) fail('order_not_found', 'There is no order with this id for your account.');
  const names = await integrationNames(ctx.db, merchantId, [agg.order.integrationId]);
  const returns: MerchantReturn[] = [];
  for (const r of await returnsOfOrder(ctx.db, merchantId, id)) {
    const ret = await getReturn(ctx.db, merchantId, r.id);
    if (ret) returns.push(toMerchantReturn(ret, { ...(await viewExtras(ctx.db, ret)), orderNumber: agg.order.orderNumber }));
  }
  return { ...toOrderView(agg, names.get(agg.order.integrationId) ?? ''), returns };
}
