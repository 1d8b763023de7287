// Merchant API: returns and their state-machine events.
import { ReturnFilterQuerySchema } from '@retour/contracts/backoffice';
import { ErrorSchema, pageOf } from '@retour/contracts/common';
import {
  EmptyBodySchema,
  LabelFormatSchema,
  ManualReturnBodySchema,
  MerchantReturnSchema,
  NoteBodySchema,
  ReasonBodySchema,
  ReceiveBodySchema,
  RefundBodySchema,
  ReplacementBodySchema,
  StoreCreditBodySchema,
  TrackingEventBodySchema,
} from '@retour/contracts/returns';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { authOf } from '../http/auth.ts';
import { idempotent } from '../http/idempotency.ts';
import { loadMerchantReturn } from '../presenters/return-view.ts';
import { addNote } from '../use-cases/returns/add-note.ts';
import { approveReturn } from '../use-cases/returns/approve-return.ts';
import { cancelReturn } from '../use-cases/returns/cancel-return.ts';
import { createManualReturn } from '../use-cases/returns/create-manual-return.ts';
import { issueRefund } from '../use-cases/returns/issue-refund.ts';
import { issueStoreCredit } from '../use-cases/returns/issue-store-credit.ts';
import { listMerchantReturns } from '../use-cases/returns/list-returns.ts';
import { receiveReturn } from '../use-cases/returns/receive-return.ts';
import { recordReplacement } from '../use-cases/returns/record-replacement.ts';
import { recordTrackingEvent } from '../use-cases/carriers/record-tracking-event.ts';
import { rejectReturn } from '../use-cases/returns/reject-return.ts';
import { resendLabel } from '../use-cases/returns/resend-label.ts';
import { resolveReturn } from '../use-cases/returns/resolve-return.ts';
import { getStaffDocument } from '../use-cases/returns/get-return-document.ts';
import { sendDocument } from '../http/send-document.ts';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['returns'];

type Action = {
  path: string;
  summary: string;
  body: z.ZodType;
  status: 200 | 201;
  run: (ctx: Ctx, m: string, id: string, actor: string, body: never) => Promise<unknown>;
};

// Bodies marked nullish may be left out: Fastify validates a request without a body as null.
const ACTIONS: Action[] = [
  {
    path: 'approve',
    summary: 'Approve a requested return',
    body: EmptyBodySchema.nullish(),
    status: 200,
    run: (c, m, id, a) => approveReturn(c, m, id, a),
  },
  {
    path: 'reject',
    summary: 'Reject a requested return',
    body: ReasonBodySchema.nullish(),
    status: 200,
    run: (c, m, id, a, b: { reason?: string | null } | undefined) => rejectReturn(c, m, id, a, b?.reason ?? null),
  },
  {
    path: 'cancel',
    summary: 'Cancel a return',
    body: ReasonBodySchema.nullish(),
    status: 200,
    run: (c, m, id, a, b: { reason?: string | null } | undefined) => cancelReturn(c, m, id, a, b?.reason ?? null),
  },
  {
    path: 'receive',
    summary: 'Record received items (quantity, condition, restocked)',
    body: ReceiveBodySchema,
    status: 200,
    run: (c, m, id, a, b) => receiveReturn(c, m, id, a, b),
  },
  {
    path: 'resolve',
    summary: 'Complete a received return',
    body: EmptyBodySchema.nullish(),
    status: 200,
    run: (c, m, id, a) => resolveReturn(c, m, id, a),
  },
  {
    path: 'notes',
    summary: 'Add a staff note',
    body: NoteBodySchema,
    status: 201,
    run: (c, m, id, a, b: { message: string }) => addNote(c, m, id, a, b.message),
  },
  {
    path: 'refunds',
    summary: 'Refund (proposed amount, or another with a note)',
    body: RefundBodySchema,
    status: 201,
    run: (c, m, id, a, b) => issueRefund(c, m, id, a, b),
  },
  {
    path: 'store-credits',
    summary: 'Give store credit',
    body: StoreCreditBodySchema,
    status: 201,
    run: (c, m, id, a, b) => issueStoreCredit(c, m, id, a, b),
  },
  {
    path: 'replacements',
    summary: 'Record a replacement shipment',
    body: ReplacementBodySchema,
    status: 201,
    run: (c, m, id, a, b) => recordReplacement(c, m, id, a, b),
  },
  {
    path: 'resend-label',
    summary: 'Send the label email again',
    body: EmptyBodySchema.nullish(),
    status: 200,
    run: (c, m, id, a) => resendLabel(c, m, id, a),
  },
];

export function merchantReturnRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/returns',
      {
        schema: {
          tags,
          summary: 'List returns',
          querystring: ReturnFilterQuerySchema,
          response: { 200: pageOf(MerchantReturnSchema), 400: ErrorSchema, 401: ErrorSchema },
        },
      },
      async (req) => listMerchantReturns(ctx, authOf(req).merchantId, req.query),
    );

    app.get(
      '/returns/:id',
      {
        schema: {
          tags,
          summary: 'One return with timeline, refunds and label',
          params: Params,
          response: { 200: MerchantReturnSchema, 401: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req) => loadMerchantReturn(ctx.db, authOf(req).merchantId, req.params.id),
    );

    app.post(
      '/returns',
      {
        config: { idempotencyKey: true },
        schema: {
          tags,
          summary: 'Create a return by staff (manual return)',
          body: ManualReturnBodySchema,
          response: { 201: MerchantReturnSchema, ...errors },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, async () => ({
          status: 201,
          body: await createManualReturn(ctx, auth.merchantId, auth.actor, req.body),
        }));
      },
    );

    for (const action of ACTIONS) {
      app.post(
        `/returns/:id/${action.path}`,
        {
          config: { idempotencyKey: action.status === 201 },
          schema: {
            tags,
            summary: action.summary,
            params: Params,
            body: action.body,
            response: { 200: MerchantReturnSchema, 201: MerchantReturnSchema, ...errors },
          },
        },
        async (req, reply) => {
          const auth = authOf(req);
          const perform = async () => {
            await action.run(ctx, auth.merchantId, req.params.id, auth.actor, req.body as never);
            return { status: action.status, body: await loadMerchantReturn(ctx.db, auth.merchantId, req.params.id) };
          };
          if (action.status === 201) return idempotent(ctx, req, reply, `merchant:${auth.merchantId}`, perform);
          return (await perform()).body;
        },
      );
    }

    app.post(
      '/returns/:id/events',
      {
        schema: {
          tags,
          summary: 'Record a carrier tracking event (late, duplicate and out-of-order events are handled)',
          params: Params,
          body: TrackingEventBodySchema,
          response: { 200: MerchantReturnSchema, 201: MerchantReturnSchema, ...errors },
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        const stored = await recordTrackingEvent(ctx, auth.merchantId, req.params.id, auth.actor, req.body);
        return reply.status((stored ? 201 : 200) as 201).send(await loadMerchantReturn(ctx.db, auth.merchantId, req.params.id));
      },
    );

    const docErrors = { 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema };
    app.get(
      '/returns/:id/label',
      {
        schema: {
          tags,
          summary: 'The return label: PDF (a6, a4, 4x6) or ZPL',
          params: Params,
          querystring: z.object({ format: LabelFormatSchema.default('a4') }),
          response: docErrors,
        },
      },
      async (req, reply) =>
        sendDocument(
          reply,
          await getStaffDocument(ctx, authOf(req).merchantId, req.params.id, { kind: 'label', format: req.query.format }),
        ),
    );
    app.get(
      '/returns/:id/qr',
      { schema: { tags, summary: 'PNG QR code of a label-less return', params: Params, response: docErrors } },
      async (req, reply) => sendDocument(reply, await getStaffDocument(ctx, authOf(req).merchantId, req.params.id, { kind: 'qr' })),
    );
    app.get(
      '/returns/:id/customs',
      { schema: { tags, summary: 'CN23 customs declaration', params: Params, response: docErrors } },
      async (req, reply) => sendDocument(reply, await getStaffDocument(ctx, authOf(req).merchantId, req.params.id, { kind: 'customs' })),
    );
  };
}
