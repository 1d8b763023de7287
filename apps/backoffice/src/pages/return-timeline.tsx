// The timeline of one return: its events and the emails sent about it, newest first, with who did what.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, get } from '../api.ts';
import { m, statusLabel } from '../messages.ts';
import { useSession } from '../session.ts';
import type { MerchantReturn } from './return-detail.tsx';

export type Email = {
  id: string;
  returnId: string | null;
  template: string;
  recipient: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
};
type Entry = { at: string; title: string; message?: string | undefined; who: string; kind: string };

function timelineText(entry: MerchantReturn['timeline'][number]): string {
  const parts = [entry.type.replace(/_/g, ' ')];
  if (entry.status) parts.push(`→ ${statusLabel[entry.status] ?? entry.status}`);
  return parts.join(' ');
}

/** Who did it, in words: user ids become names (owners can list users; staff see themselves). */
export function useActorNames(): (actor: string) => string {
  const session = useSession();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (session.user.role !== 'owner') return;
    get<{ data: { id: string; name: string | null; email: string }[] }>('/api/v1/users')
      .then((r) => setNames(Object.fromEntries(r.data.map((u) => [u.id, u.name ?? u.email]))))
      .catch(() => undefined);
  }, []);
  return (actor) => {
    if (actor.startsWith('user:')) {
      const id = actor.slice(5);
      if (id === session.user.id) return `${session.user.name ?? session.user.email} (${m.you})`;
      return names[id] ?? m.staffMember;
    }
    if (actor.startsWith('api_key:')) return m.apiKeyActor;
    return m.actors[actor] ?? actor;
  };
}

export function ReturnTimeline(props: { ret: MerchantReturn; emails: Email[]; actorName: (actor: string) => string }) {
  const { ret, emails, actorName } = props;
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{m.timeline}</h2>
      <ol class="timeline">
        {[
          ...[...ret.timeline]
            .reverse()
            .map((t): Entry => ({ at: t.at, title: timelineText(t), message: t.message, who: m.by(actorName(t.actor)), kind: t.type })),
          ...emails.map(
            (e): Entry => ({
              at: e.sentAt ?? e.createdAt,
              title: m.emailEntry(e.template.replace(/_/g, ' ')),
              message: `${e.recipient} (${m.emailStatus[e.status] ?? e.status})`,
              who: m.by(m.actors.system ?? 'Retour'),
              kind: 'email',
            }),
          ),
        ]
          .sort((a, b) => b.at.localeCompare(a.at))
          .map((t, index) => (
            <li key={`${t.at}-${index}`} class={`tl-${t.kind}`}>
              <p>
                <strong>{t.title}</strong>
                {t.message && <span> — {t.message}</span>}
              </p>
              <p class="muted small">
                <time dateTime={t.at}>{formatDate(t.at)}</time> · {t.who}
              </p>
            </li>
          ))}
      </ol>
    </section>
  );
}
