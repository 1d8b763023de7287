// Settings → Background work: what waits in the outbox and why (the next try and the last
// error), and the jobs that ran out of tries, each with a Retry button. Both lists come from
// GET /api/v1/jobs; Retry is POST /api/v1/jobs/{id}/retry.
import { useEffect, useState } from 'preact/hooks';
import { type Answer, call, formatDate } from '../api.ts';
import { type MessageKey, t } from '../i18n.ts';
import { templateName } from '../labels.ts';
import { Alert, errorText, Link, StatusBadge } from '../ui.tsx';

type Job = Answer<'GET /api/v1/jobs'>['data'][number];

const TOPICS: Record<string, MessageKey> = {
  'carrier.announce': 'topicCarrierAnnounce',
  'tracking.poll': 'topicTrackingPoll',
  'return.event': 'topicReturnEvent',
  'webhook.deliver': 'topicWebhookDeliver',
  'payment.refund': 'topicPaymentRefund',
  'payment.refund_check': 'topicPaymentRefundCheck',
  'payment.settle_hold': 'topicPaymentSettleHold',
  'shopify.backfill': 'topicShopifyBackfill',
  'shopify.mirror': 'topicShopifyMirror',
  'woocommerce.backfill': 'topicWooBackfill',
  'woocommerce.refund': 'topicWooRefund',
};
const describe = (topic: string) => {
  const key = Object.hasOwn(TOPICS, topic) ? TOPICS[topic] : undefined;
  if (key) return t(key);
  return topic.startsWith('email.') ? t('topicEmail', { template: templateName(topic.slice(6)) }) : topic;
};

function JobTable(props: { jobs: Job[]; caption: string; onRetry: (job: Job) => void }) {
  const dead = props.jobs[0]?.state === 'dead';
  return (
    <table class="list">
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('jobWork')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('jobTries')}</th>
          <th scope="col">{dead ? t('jobGaveUp') : t('jobNextTry')}</th>
          <th scope="col">{t('jobWhy')}</th>
          <th scope="col">
            <span class="sr-only">{t('actions')}</span>
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
                <StatusBadge status="rejected" label={t('jobOutOfTries')} />
              ) : job.running ? (
                <StatusBadge status="open" label={t('jobRunning')} />
              ) : (
                <StatusBadge status="requested" label={job.lastError ? t('jobRetrying') : t('jobQueued')} />
              )}
            </td>
            <td>{t('jobTriesOf', { attempts: job.attempts, max: job.maxAttempts })}</td>
            <td>{formatDate(job.state === 'dead' ? job.deadAt : job.nextAttemptAt)}</td>
            <td>{job.lastError ?? job.waitingFor ?? t('none')}</td>
            <td>
              {!job.running && (
                <button
                  type="button"
                  aria-label={t('retryNowNamed', { work: describe(job.topic), id: job.id })}
                  onClick={() => props.onRetry(job)}
                >
                  {t('retryNow')}
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
        call('GET /api/v1/jobs', { query: { state: 'waiting', limit: 200 } }),
        call('GET /api/v1/jobs', { query: { state: 'dead', limit: 200 } }),
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
      await call('POST /api/v1/jobs/:id/retry', { params: { id: job.id } });
      setNotice(t('jobQueuedNow', { work: describe(job.topic) }));
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <p class="hint">{t('jobsHelp')}</p>
      <div aria-live="polite">
        {notice && <Alert kind="success">{notice}</Alert>}
        {error !== null && <Alert>{errorText(error)}</Alert>}
      </div>
      <h2>{t('jobOutOfTries')}</h2>
      {dead === null ? (
        <p class="hint">{t('loading')}</p>
      ) : dead.length === 0 ? (
        <p class="hint">{t('nothingGaveUp')}</p>
      ) : (
        <JobTable jobs={dead} caption={t('jobsDeadCaption')} onRetry={retry} />
      )}
      <h2>{t('jobsWaiting')}</h2>
      {waiting === null ? (
        <p class="hint">{t('loading')}</p>
      ) : waiting.length === 0 ? (
        <p class="hint">{t('nothingWaiting')}</p>
      ) : (
        <JobTable jobs={waiting} caption={t('jobsWaitingCaption')} onRetry={retry} />
      )}
      <button type="button" onClick={() => void load()}>
        {t('refresh')}
      </button>
    </div>
  );
}
