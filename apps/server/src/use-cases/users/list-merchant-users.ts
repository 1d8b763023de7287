// Lists a merchant's back-office users (owners only).
import type { User } from '@retour/contracts/backoffice';
import { listUsers } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { userView } from './user-view.ts';

export async function listMerchantUsers(ctx: Ctx, merchantId: string): Promise<User[]> {
  return (await listUsers(ctx.db, merchantId)).map(userView);
}
