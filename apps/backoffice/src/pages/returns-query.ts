// The returns list's query model: its tabs (stages), filters as they stand in the page's URL, and
// the GET /api/v1/returns query (and the export's) made from them.
import type { CallOptions } from '../api.ts';
import type { MessageKey } from '../i18n.ts';
import { METHODS, oneOf, RESOLUTIONS } from '../labels.ts';

export type ReturnQuery = NonNullable<CallOptions<'GET /api/v1/returns'>['query']>;

export const TABS: { key: string; label: MessageKey; statuses: string; count: string[] }[] = [
  { key: 'requested', label: 'tabRequested', statuses: 'requested', count: ['requested'] },
  {
    key: 'open',
    label: 'tabOpen',
    statuses: 'open,awaiting_payment,payment_failed',
    count: ['open', 'awaiting_payment', 'payment_failed'],
  },
  { key: 'in_transit', label: 'tabInTransit', statuses: 'in_transit', count: ['in_transit'] },
  { key: 'delivered', label: 'tabDelivered', statuses: 'delivered', count: ['delivered'] },
  { key: 'received', label: 'tabReceived', statuses: 'received', count: ['received'] },
  { key: 'completed', label: 'tabCompleted', statuses: 'completed', count: ['completed'] },
  { key: 'closed', label: 'tabClosed', statuses: 'rejected,cancelled,expired', count: ['rejected', 'cancelled', 'expired'] },
  { key: 'all', label: 'tabAll', statuses: '', count: [] },
];

const FILTERS = [
  'portal',
  'reason',
  'method',
  'carrier',
  'country',
  'resolution',
  'kept',
  'hasPhotos',
  'createdFrom',
  'createdTo',
] as const;
export type Filters = Record<(typeof FILTERS)[number] | 'q' | 'sort', string>;
export const EMPTY: Filters = {
  q: '',
  sort: '-createdAt',
  portal: '',
  reason: '',
  method: '',
  carrier: '',
  country: '',
  resolution: '',
  kept: '',
  hasPhotos: '',
  createdFrom: '',
  createdTo: '',
};

export function fromSearch(search: URLSearchParams): Filters {
  const f = { ...EMPTY };
  for (const k of Object.keys(f) as (keyof Filters)[]) f[k] = search.get(k) ?? f[k];
  return f;
}

/** The export takes the list's filters, without its paging. */
export function exportQuery({ limit: _limit, cursor: _cursor, ...filters }: ReturnQuery) {
  return filters;
}

export function apiQuery(tab: string, f: Filters, cursor?: string): ReturnQuery {
  const statuses = TABS.find((x) => x.key === tab)?.statuses ?? '';
  return {
    status: statuses || undefined,
    q: f.q.trim() || undefined,
    portal: f.portal || undefined,
    reason: f.reason || undefined,
    method: oneOf(METHODS, f.method),
    carrier: f.carrier || undefined,
    country: f.country.trim().toUpperCase() || undefined,
    resolution: oneOf(RESOLUTIONS, f.resolution),
    kept: oneOf(['exchange', 'store_credit'], f.kept),
    hasPhotos: oneOf(['true', 'false'], f.hasPhotos),
    createdFrom: f.createdFrom ? new Date(`${f.createdFrom}T00:00:00`).toISOString() : undefined,
    createdTo: f.createdTo ? new Date(`${f.createdTo}T23:59:59`).toISOString() : undefined,
    sort: oneOf(['createdAt', '-createdAt'], f.sort),
    limit: 50,
    cursor,
  };
}
