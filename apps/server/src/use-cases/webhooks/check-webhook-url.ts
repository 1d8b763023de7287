import { webhookUrlProblem } from '@retour/domain/webhook-url';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';

export function checkUrl(ctx: Ctx, url: string): void {
  const problem = webhookUrlProblem(url, { allowInsecureHttp: ctx.providers.allowInsecureHttp });
  if (problem) invalid(['url'], problem);
}
