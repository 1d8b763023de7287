// The signed-in user's back-office language (null = follow the browser); returns the new session view.
import type { Session } from '@retour/contracts/backoffice';
import type { Language } from '@retour/domain/reasons';
import { type SessionWithUser, updateUser } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { sessionView } from './session-view.ts';

export async function setUserLanguage(ctx: Ctx, found: SessionWithUser, input: { language: Language | null }): Promise<Session> {
  await updateUser(ctx.db, found.session.merchantId, found.user.id, { language: input.language });
  return sessionView({ ...found, user: { ...found.user, language: input.language } });
}
