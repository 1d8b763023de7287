// The drop-off point finder: points of the chosen carrier near a postal code, nearest first.
// Choosing one is optional (any point of the carrier takes the parcel); it goes on the return.
import type { ServicePointView } from '@retour/contracts/service-points';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';
import type { Draft } from '../flow.ts';
import { formatDistance, t } from '../i18n.ts';
import { Status } from './ui.tsx';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function todayHours(point: ServicePointView): string {
  const hours = point.openingHours[DAYS[new Date().getDay()] ?? ''];
  if (!hours || hours === 'closed') return t('closedToday');
  // "08:00-12:30,13:30-19:00": every range with a dash, ranges apart.
  const ranges = hours.split(',').map((range) => range.trim().replace('-', '–'));
  return t('openToday', { hours: ranges.join(', ') });
}

type Props = { slug: string; draft: Draft; carrier: string; update: (patch: Partial<Draft>) => void };

export function ServicePointFinder({ slug, draft, carrier, update }: Props) {
  const [postalCode, setPostalCode] = useState(draft.postalCode);
  const [points, setPoints] = useState<ServicePointView[] | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'error' | 'unavailable'>('idle');
  const country = draft.lookup?.order.country ?? '';

  const search = async () => {
    if (state === 'busy' || !postalCode.trim()) return;
    setState('busy');
    try {
      const found = await api.servicePoints(slug, { carrier, country, postalCode: postalCode.trim() });
      setPoints(found.data);
      setState('idle');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setPoints(null);
      setState(error.status === 404 || error.status === 422 ? 'unavailable' : 'error');
    }
  };

  return (
    <section class="finder" aria-labelledby="finder-heading">
      <h2 id="finder-heading">{t('finderTitle')}</h2>
      <p class="hint">{t('finderHint')}</p>
      <div class="finder-search">
        <div class="field">
          <label for="finder-postal">{t('postalCode')}</label>
          <input
            id="finder-postal"
            class="input short"
            autoComplete="postal-code"
            value={postalCode}
            onInput={(e) => setPostalCode(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void search();
            }}
          />
        </div>
        <button type="button" class="button secondary" onClick={() => void search()} aria-disabled={state === 'busy' ? 'true' : undefined}>
          {t('finderSearch')}
        </button>
      </div>
      <Status>
        {state === 'busy'
          ? t('searching')
          : state === 'error'
            ? t('finderError')
            : state === 'unavailable'
              ? t('finderUnavailable')
              : points
                ? t('finderResults', { count: points.length })
                : ''}
      </Status>
      {points && points.length > 0 && (
        <fieldset class="points">
          <legend class="sr-only">{t('finderLegend')}</legend>
          {points.map((point) => (
            <label key={point.id} class={`option point${draft.servicePoint?.id === point.id ? ' chosen' : ''}`}>
              <input
                type="radio"
                name="service-point"
                value={point.id}
                checked={draft.servicePoint?.id === point.id}
                onChange={() => update({ servicePoint: point })}
              />
              <span class="option-body">
                <span class="option-title">{point.name}</span>
                <span class="option-text">
                  {`${point.street} ${point.houseNumber}, ${point.postalCode} ${point.city}`}
                  {point.distanceMeters !== null && ` · ${formatDistance(point.distanceMeters)}`}
                </span>
                <span class="option-text">{todayHours(point)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
