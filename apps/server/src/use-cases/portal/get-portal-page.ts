// What the portal web page needs from the server: the public settings in the shopper's language
// (so the page renders without a second request) and the sites allowed to frame it.
import type { PublicPortal } from '@retour/contracts/portal';
import { SUPPORTED_LANGUAGES, type Language } from '@retour/domain/reasons';
import type { Ctx } from '../../context.ts';
import { getPortalSettings } from './get-portal-settings.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';

export type PortalPage = { portal: PublicPortal; frameAncestors: string[] };

/** `?lang=` when the portal offers it, else the first offered language in Accept-Language, else the default. */
export function pageLanguage(offered: readonly Language[], asked: unknown, acceptLanguage: string | undefined): Language | null {
  const wanted = [typeof asked === 'string' ? asked : '', ...(acceptLanguage ?? '').split(',').map((p) => p.trim().slice(0, 2))];
  for (const tag of wanted) {
    const code = tag.toLowerCase() as Language;
    if ((SUPPORTED_LANGUAGES as readonly string[]).includes(code) && offered.includes(code)) return code;
  }
  return null;
}

export async function getPortalPage(ctx: Ctx, slug: string, asked: unknown, acceptLanguage: string | undefined): Promise<PortalPage> {
  const { settings } = await loadEnabledPortal(ctx, slug);
  const language = pageLanguage(settings.languages, asked, acceptLanguage);
  const portal = await getPortalSettings(ctx, slug, language);
  return { portal, frameAncestors: settings.allowedFrameAncestors ?? [] };
}
