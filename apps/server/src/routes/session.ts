// The back office's session: sign in (sets the HttpOnly cookie), who am I, sign out, password.
import { ErrorSchema } from '@retour/contracts/common';
import { LoginBodySchema, PasswordChangeBodySchema, SessionSchema, SessionUserPatchBodySchema } from '@retour/contracts/backoffice';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { assertCsrf } from '../http/session-auth.ts';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from '../http/session-cookie.ts';
import { changePassword } from '../use-cases/users/change-password.ts';
import { findLiveSession } from '../use-cases/users/find-live-session.ts';
import { sessionView } from '../use-cases/users/session-view.ts';
import { signIn } from '../use-cases/users/sign-in.ts';
import { signOut } from '../use-cases/users/sign-out.ts';
import { setUserLanguage } from '../use-cases/users/set-user-language.ts';

const tags = ['session'];

async function requireSession(ctx: Ctx, request: FastifyRequest) {
  const token = readSessionCookie(request);
  const found = token ? await findLiveSession(ctx, token) : null;
  if (!found) fail('unauthorized', 'You are not signed in (or your session has ended); sign in again.');
  return found;
}

export function sessionRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    app.post(
      '/api/session',
      {
        schema: {
          tags,
          summary: 'Sign in to the back office (sets the session cookie)',
          body: LoginBodySchema,
          response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (req, reply) => {
        const { token, session } = await signIn(ctx, req.body, req.ip);
        reply.header('set-cookie', sessionCookie(token, ctx.publicUrl));
        return session;
      },
    );

    app.get(
      '/api/session',
      { schema: { tags, summary: 'The signed-in user', response: { 200: SessionSchema, 401: ErrorSchema } } },
      async (req) => sessionView(await requireSession(ctx, req)),
    );

    app.delete(
      '/api/session',
      { schema: { tags, summary: 'Sign out', response: { 204: z.null(), 401: ErrorSchema, 403: ErrorSchema } } },
      async (req, reply) => {
        const found = await requireSession(ctx, req);
        assertCsrf(req, found.session.csrfToken);
        await signOut(ctx, found.session.merchantId, found.session.id);
        reply.header('set-cookie', clearedSessionCookie(ctx.publicUrl));
        return reply.status(204).send(null);
      },
    );

    app.patch(
      '/api/session/user',
      {
        schema: {
          tags,
          summary: 'Change your own preferences (the back-office language; null follows the browser)',
          body: SessionUserPatchBodySchema,
          response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => {
        const found = await requireSession(ctx, req);
        assertCsrf(req, found.session.csrfToken);
        return setUserLanguage(ctx, found, req.body);
      },
    );

    app.post(
      '/api/session/password',
      {
        schema: {
          tags,
          summary: 'Change your password (your other sessions end)',
          body: PasswordChangeBodySchema,
          response: { 204: z.null(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
        },
      },
      async (req, reply) => {
        const found = await requireSession(ctx, req);
        assertCsrf(req, found.session.csrfToken);
        await changePassword(
          ctx,
          { merchantId: found.session.merchantId, userId: found.user.id, sessionId: found.session.id },
          req.body,
          req.ip,
        );
        return reply.status(204).send(null);
      },
    );
  };
}
