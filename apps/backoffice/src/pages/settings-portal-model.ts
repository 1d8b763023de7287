// Portal settings: the portal as the API returns it, and what every section of the editor receives.
import type { Money } from '../api.ts';

export const LANGUAGES = ['en', 'nl', 'fr', 'de', 'it'] as const;

export type Portal = {
  id: string;
  slug: string;
  url: string;
  embedSnippet: string;
  warnings: { code: string; message: string }[];
  brandId: string;
  enabled: boolean;
  returnAddressId: string | null;
  returnWindowDays: number;
  transitAllowanceDays: number;
  timezone: string;
  allowReturnsWithoutOutboundShipment: boolean;
  approval: 'automatic' | 'manual';
  methods: string[];
  carriers: Record<string, string[]>;
  returnFee: { amount: Money; payment: 'upfront' | 'deduct_from_refund' } | null;
  resolutions: string[];
  reasons: { code: string; labels: Record<string, string> }[];
  notificationEmail: string | null;
  policyUrl: string | null;
  instructionsHtml: string | null;
  appearance: { layout: 'standard' | 'background'; backgroundImageUrl?: string | null; showHeader: boolean; showFooter: boolean };
  languages: string[];
  defaultLanguage: string;
  withdrawalFunction: boolean;
  allowedFrameAncestors: string[];
  lookupFields?: string[];
  giftReturns?: boolean;
  labelReminderDays?: number | null;
  deepLinks: { enabled: boolean };
};

/** What each fieldset of the portal editor works on: the draft, a setter and the field errors. */
export type PortalSectionProps = {
  draft: Portal;
  set: <K extends keyof Portal>(key: K, value: Portal[K]) => void;
  f: Record<string, string>;
  issuesUnder: (prefix: string) => string | undefined;
};

export const toggleIn = (list: string[], value: string, on: boolean) =>
  on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
