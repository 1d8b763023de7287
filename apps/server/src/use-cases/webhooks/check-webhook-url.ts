// A webhook endpoint's URL must be one Retour may post to (webhookUrlProblem in the domain).
import { webhookUrlProblem } from '@retour/domain/webhook-url';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';

export function checkWebhookUrl(ctx: Ctx, url: string): void {
  const problem = webhookUrlProblem(url, { allowInsecureHttp: ctx.providers.allowInsecureHttp });
  if (problem) invalid(['url'], problem);
}
