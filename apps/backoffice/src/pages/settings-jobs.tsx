// Settings → Background work: what waits in the outbox and why (the next try and the last
// error), and the jobs that ran out of tries, each with a Retry button. Both lists come from
// GET /api/v1/jobs; Retry is POST /api/v1/jobs/{id}/retry.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, get, post } from '../api.ts';
import { m } from '../messages.ts';
import { Alert, errorText, Link, StatusBadge } from '../ui.tsx';

type Job = {
  id: string;
  topic: string;
  state: 'waiting' | 'dead';
  running: boolean;
  returnId: string | null;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  waitingFor: string | null;
  createdAt: string;
  deadAt: string | null;
};

const TOPICS: Record<string, string> = {
  'carrier.announce': 'Book the return with the carrier',
  'tracking.poll': 'Ask carriers for tracking news',
  'return.event': 'Pass a return change on',
  'webhook.deliver': 'Send a webhook',
  'payment.refund': 'Refund a return fee (Mollie)',
  'payment.refund_check': 'Follow a fee refund (Mollie)',
  'shopify.backfill': 'Import orders from Shopify',
  'shopify.mirror': 'Mirror a return into Shopify',
  'woocommerce.backfill': 'Import orders from WooCommerce',
  'woocommerce.refund': 'Refund in WooCommerce',
};
const describe = (topic: string) =>
  TOPICS[topic] ?? (topic.startsWith('email.') ? `Send the "${topic.slice(6).replace(/_/g, ' ')}" email` : topic);

function JobTable(props: { jobs: Job[]; caption: string; onRetry: (job: Job) => void }) {
  const dead = props.jobs[0]?.state === 'dead';
  return (
    <table class="list">
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Work</th>
          <th scope="col">Status</th>
          <th scope="col">Tries</th>
          <th scope="col">{dead ? 'Gave up' : 'Next try'}</th>
          <th scope="col">Why</th>
          <th scope="col">
            <span class="sr-only">{m.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.jobs.map((job) => (
          <tr key={job.id}>
            <td>
              {describe(job.topic)}
              {job.returnId && (
                <>
                  {' · '}
                  <Link to={`/returns/${encodeURIComponent(job.returnId)}`}>{job.returnId}</Link>
                </>
              )}
            </td>
            <td>
              {job.state === 'dead' ? (
                <StatusBadge status="rejected" label="Out of tries" />
              ) : job.running ? (
                <StatusBadge status="open" label="Running" />
              ) : (
                <StatusBadge status="requested" label={job.lastError ? 'Retrying' : 'Queued'} />
              )}
            </td>
            <td>
              {job.attempts} of {job.maxAttempts}
            </td>
            <td>{formatDate(job.state === 'dead' ? job.deadAt : job.nextAttemptAt)}</td>
            <td>{job.lastError ?? job.waitingFor ?? m.none}</td>
            <td>
              {!job.running && (
                <button type="button" aria-label={`Retry now: ${describe(job.topic)} (${job.id})`} onClick={() => props.onRetry(job)}>
                  Retry now
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BackgroundWork() {
  const [waiting, setWaiting] = useState<Job[] | null>(null);
  const [dead, setDead] = useState<Job[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = async () => {
    try {
      const [w, d] = await Promise.all([
        get<{ data: Job[] }>('/api/v1/jobs?state=waiting&limit=200'),
        get<{ data: Job[] }>('/api/v1/jobs?state=dead&limit=200'),
      ]);
      setWaiting(w.data);
      setDead(d.data);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const retry = async (job: Job) => {
    setError(null);
    setNotice('');
    try {
      await post(`/api/v1/jobs/${encodeURIComponent(job.id)}/retry`);
      setNotice(`${describe(job.topic)}: queued to run now.`);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <p class="hint">
        Work Retour does in the background — carrier bookings, emails, webhooks, shop and payment calls. When an outside service is down,
        the work waits here and is tried again with growing pauses; after about a day of failures it stops and waits for you.
      </p>
      <div aria-live="polite">
        {notice && <Alert kind="success">{notice}</Alert>}
        {error !== null && <Alert>{errorText(error)}</Alert>}
      </div>
      <h2>Out of tries</h2>
      {dead === null ? (
        <p class="hint">{m.loading}</p>
      ) : dead.length === 0 ? (
        <p class="hint">Nothing gave up.</p>
      ) : (
        <JobTable jobs={dead} caption="Work that ran out of tries" onRetry={retry} />
      )}
      <h2>Waiting</h2>
      {waiting === null ? (
        <p class="hint">{m.loading}</p>
      ) : waiting.length === 0 ? (
        <p class="hint">Nothing is waiting.</p>
      ) : (
        <JobTable jobs={waiting} caption="Work waiting to run" onRetry={retry} />
      )}
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>
    </div>
  );
}
