// Downloads of a return's documents: by the shopper (with the access code) or by staff.
import { getReturn } from '@retour/db/repos/returns';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadShopperReturn } from '../portal/get-shopper-return.ts';
import { type DocumentRequest, type RenderedDocument, renderReturnDocument } from './render-return-document.ts';

export async function getShopperDocument(
  ctx: Ctx,
  slug: string,
  id: string,
  access: string,
  request: DocumentRequest,
): Promise<RenderedDocument> {
  return renderReturnDocument(ctx, await loadShopperReturn(ctx, slug, id, access), request);
}

export async function getStaffDocument(ctx: Ctx, merchantId: string, id: string, request: DocumentRequest): Promise<RenderedDocument> {
  const agg = await getReturn(ctx.db, merchantId, id);
  if (!agg) fail('return_not_found', 'There is no return with this id for your account.');
  return renderReturnDocument(ctx, agg, request);
}
