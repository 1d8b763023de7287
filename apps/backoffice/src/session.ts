import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './api.ts';

export const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('No session');
  return s;
}
