// Portal settings: the portal as the API returns it, and what every section of the editor receives.
import type { Answer } from '../api.ts';

export { LANGUAGES } from '../i18n.ts';

export type Portal = Answer<'GET /api/v1/portals/:id'>;

/** What each fieldset of the portal editor works on: the draft, a setter and the field errors. */
export type PortalSectionProps = {
  draft: Portal;
  set: <K extends keyof Portal>(key: K, value: Portal[K]) => void;
  f: Record<string, string>;
  issuesUnder: (prefix: string) => string | undefined;
};

export const toggleIn = <T extends string>(list: T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
