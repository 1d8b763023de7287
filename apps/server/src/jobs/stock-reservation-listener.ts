// Listens to changes of returns and ends the stock reservations of their exchanges (migration
// 0020) when the return ends without a replacement order: cancelled (also when an unpaid return
// expires), rejected, expired (its label never used), or completed for a shop Retour makes no replacement orders in. Reservations of
// returns whose replacement order is made are consumed by that job (create-replacement-order.ts).
import { settleReservations } from '@retour/db/repos/return-exchanges';
import { shopIntegrationOfReturn } from '@retour/db/repos/shop-connections';
import type { Ctx } from '../context.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';

export async function stockReservationListener(ctx: Ctx, merchantId: string, event: ReturnDomainEvent): Promise<void> {
  if (event.from === event.to) return;
  const ended = event.to === 'cancelled' || event.to === 'rejected' || event.to === 'expired';
  const completedWithoutShop = event.to === 'completed' && !(await shopIntegrationOfReturn(ctx.db, merchantId, event.returnId));
  if (ended || completedWithoutShop) await settleReservations(ctx.db, merchantId, event.returnId, 'released');
}
