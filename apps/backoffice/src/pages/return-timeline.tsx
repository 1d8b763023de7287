// The timeline of one return: its events and the emails sent about it, newest first, with who did what.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.ts';
import { formatDate, formatMoney, t } from '../i18n.ts';
import { actorName as namedActor, emailStatusName, eventName, statusName, templateName } from '../labels.ts';
import { useSession } from '../session.ts';
import { partlyCaptured } from './return-hold.tsx';
import type { Email, MerchantReturn } from './return-model.ts';

type Money = { value: string; currency: string };

type Entry = { at: string; title: string; message?: string | undefined; who: string; kind: string; link?: string | null };

function timelineText(entry: MerchantReturn['timeline'][number]): string {
  const event = eventName(entry.type);
  return entry.status ? t('eventToStatus', { event, status: statusName(entry.status) }) : event;
}

/** A hold's release that first captured what the return owed, in the user's language. */
const holdMessage = (hold: { captured: Money; released: Money }) =>
  t('holdPartlyCaptured', { captured: formatMoney(hold.captured), released: formatMoney(hold.released) });

/** Who did it, in words: user ids become names (owners can list users; staff see themselves). */
export function useActorNames(): (actor: string) => string {
  const session = useSession();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (session.user.role !== 'owner') return;
    call('GET /api/v1/users')
      .then((r) => setNames(Object.fromEntries(r.data.map((u) => [u.id, u.name ?? u.email]))))
      .catch(() => undefined);
  }, []);
  return (actor) => {
    if (actor.startsWith('user:')) {
      const id = actor.slice(5);
      if (id === session.user.id) return `${session.user.name ?? session.user.email} (${t('you')})`;
      return names[id] ?? t('staffMember');
    }
    if (actor.startsWith('api_key:')) return t('apiKeyActor');
    return namedActor(actor);
  };
}

export function ReturnTimeline(props: { ret: MerchantReturn; emails: Email[]; actorName: (actor: string) => string }) {
  const { ret, emails, actorName } = props;
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline')}</h2>
      <ol class="timeline">
        {[
          ...[...ret.timeline].reverse().map(
            (e): Entry => ({
              at: e.at,
              title: timelineText(e),
              message: e.type === 'hold_released' && e.hold && partlyCaptured(e.hold) ? holdMessage(e.hold) : e.message,
              who: t('by', { who: actorName(e.actor) }),
              kind: e.type,
              link: e.tracking?.trackingUrl ?? null,
            }),
          ),
          ...emails.map(
            (e): Entry => ({
              at: e.sentAt ?? e.createdAt,
              title: t('emailEntry', { template: templateName(e.template) }),
              message: t('emailRecipient', { recipient: e.recipient, status: emailStatusName(e.status) }),
              who: t('by', { who: namedActor('system') }),
              kind: 'email',
            }),
          ),
        ]
          .sort((a, b) => b.at.localeCompare(a.at))
          .map((entry, index) => (
            <li key={`${entry.at}-${index}`} class={`tl-${entry.kind}`}>
              <p>
                <strong>{entry.title}</strong>
                {entry.message && <span> — {entry.message}</span>}
                {entry.link && (
                  <>
                    {' · '}
                    <a href={entry.link} target="_blank" rel="noopener noreferrer">
                      {t('trackShipment')}
                    </a>
                  </>
                )}
              </p>
              <p class="muted small">
                <time dateTime={entry.at}>{formatDate(entry.at)}</time> · {entry.who}
              </p>
            </li>
          ))}
      </ol>
    </section>
  );
}
