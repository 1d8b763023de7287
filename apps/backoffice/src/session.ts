import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './api.ts';

/** The signed-in session, and how a page replaces it (e.g. after the user changes their language). */
export type SessionState = Session & { setSession: (session: Session) => void };

export const SessionContext = createContext<SessionState | null>(null);
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('No session');
  return s;
}
