// The outbox as a queue shared by processes: dead letters after a topic's tries (with the API that
// lists and retries them), handler timeouts that abort the handler's own calls, shutdown that hands
// running jobs back, and a restarted worker taking back its own leases at once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { acquireLease } from '@retour/db/repos/leases';
import { claimJobs, getJob } from '@retour/db/repos/outbox';
import { LABEL_FAILED_AFTER_ATTEMPTS, maxJobAttempts } from '@retour/domain/job-retries';
import type { AnnounceRequest, Announcement, Carrier } from '@retour/integrations/carriers/port';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { isValidSandboxTrackingNumber, sandboxCarrier, sandboxCourier } from '@retour/integrations/carriers/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, drainJobs } from '../src/jobs/run-jobs.ts';
import { startWorker } from '../src/jobs/worker.ts';
import { claimWorkerIdentity } from '../src/jobs/worker-identity.ts';
import { createPortalReturn, orderPayload, type Shop, setupShop } from './support/fixtures.ts';
import { type Harness, json, newMerchant, startHarness } from './support/harness.ts';

function switchableCarrier() {
  const state = { mode: 'ok' as 'ok' | 'fail' | 'block', calls: 0, release: null as (() => void) | null, started: 0 };
  const carrier: Carrier = {
    info: sandboxCarrier.info,
    async announce(request: AnnounceRequest): Promise<Announcement> {
      state.calls++;
      if (state.mode === 'fail') throw new Error('Sandbox Post is down (503)');
      if (state.mode === 'block') {
        state.started++;
        await new Promise<void>((resolve) => (state.release = resolve));
      }
      return sandboxCarrier.announce(request);
    },
  };
  return { state, carrier };
}

const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
};

describe('job queue', () => {
  let h: Harness;
  let shop: Shop;
  let carrier: ReturnType<typeof switchableCarrier>;

  beforeEach(async () => {
    h = await startHarness();
    carrier = switchableCarrier();
    h.ctx.carriers = createCarrierRegistry([carrier.carrier, sandboxCourier]);
    shop = await setupShop(h, { notificationEmail: 'returns@acme.test' });
  });
  afterEach(async () => h.close());

  const newReturn = async () => {
    const order = orderPayload(h);
    await shop.importOrders(order);
    const res = await createPortalReturn(h, shop.slug, order);
    expect(res.statusCode, res.body).toBe(201);
    return json(res);
  };
  const announceJobOf = async (returnId: string) => {
    const rows = await h.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('merchantId', '=', shop.merchant.id)
      .where('topic', '=', 'carrier.announce')
      .execute();
    const row = rows.find((r) => JSON.parse(r.payload).returnId === returnId);
    if (!row) throw new Error('no carrier.announce job');
    return row;
  };
  const listJobs = async (state: 'waiting' | 'dead') => {
    const res = await shop.merchant.call('GET', `/api/v1/jobs?state=${state}`);
    expect(res.statusCode, res.body).toBe(200);
    return json(res).data as Record<string, any>[];
  };

  it('a booking that keeps failing marks the label failed at 8 tries, is dead after its last try, and a retry books it', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    const max = maxJobAttempts('carrier.announce');
    expect(max).toBeGreaterThan(LABEL_FAILED_AFTER_ATTEMPTS);
    for (let attempt = 2; attempt <= max; attempt++) {
      h.clock.advance(backoffMs(attempt - 1));
      expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    }
    const job = await announceJobOf(ret.id);
    expect(job).toMatchObject({ attempts: max, lastError: 'Sandbox Post is down (503)', doneAt: null, deadAt: h.clock.now.toISOString() });
    const view = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(view.label.status).toBe('failed');
    expect(view.timeline.filter((t: { type: string }) => t.type === 'label_failed')).toHaveLength(1);
    // Dead: not tried again, however long we wait.
    h.clock.advance(7 * 24 * 3_600_000);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);
    expect(carrier.state.calls).toBe(max);

    const dead = await listJobs('dead');
    expect(dead).toEqual([
      expect.objectContaining({
        id: job.id,
        topic: 'carrier.announce',
        state: 'dead',
        running: false,
        returnId: ret.id,
        payload: { returnId: ret.id },
        attempts: max,
        maxAttempts: max,
        nextAttemptAt: null,
        lastError: 'Sandbox Post is down (503)',
        deadAt: job.deadAt,
      }),
    ]);
    expect((await listJobs('waiting')).map((j) => j.id)).not.toContain(job.id);
    // Another merchant sees none of it and cannot retry it.
    const other = await newMerchant(h, 'Other');
    expect(json(await other.call('GET', '/api/v1/jobs?state=dead')).data).toEqual([]);
    const foreign = await other.call('POST', `/api/v1/jobs/${job.id}/retry`);
    expect(foreign.statusCode).toBe(404);
    expect(json(foreign).error.code).toBe('job_not_found');

    carrier.state.mode = 'ok';
    const retried = await shop.merchant.call('POST', `/api/v1/jobs/${job.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(json(retried)).toMatchObject({ state: 'waiting', attempts: 0, nextAttemptAt: h.clock.now.toISOString(), deadAt: null });
    expect(await listJobs('dead')).toEqual([]);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    const booked = json(await shop.merchant.call('GET', `/api/v1/returns/${ret.id}`));
    expect(isValidSandboxTrackingNumber(booked.label.trackingNumber)).toBe(true);
    expect(booked.label.status).toBe('ready');
    expect((await shop.merchant.call('POST', `/api/v1/jobs/${job.id}/retry`)).statusCode).toBe(404); // done now
  });

  it('lists waiting jobs with their next try and error; a retry makes one due now; a running one cannot be retried', async () => {
    carrier.state.mode = 'fail';
    const ret = await newReturn();
    const job = await announceJobOf(ret.id);
    const waiting = (await listJobs('waiting')).find((j) => j.id === job.id);
    expect(waiting).toMatchObject({
      state: 'waiting',
      running: false,
      attempts: 1,
      lastError: 'Sandbox Post is down (503)',
      nextAttemptAt: job.availableAt,
    });
    expect(Date.parse(waiting?.nextAttemptAt)).toBeGreaterThan(h.clock.now.getTime());
    // Emails wait without a mail server, and say so.
    const email = (await listJobs('waiting')).find((j) => j.topic === 'email.new_return');
    expect(email).toMatchObject({ returnId: ret.id, attempts: 0, lastError: null, waitingFor: expect.stringContaining('SMTP_URL') });
    expect(email?.payload).toMatchObject({ returnId: ret.id, to: 'returns@acme.test' });
    const retried = json(await shop.merchant.call('POST', `/api/v1/jobs/${job.id}/retry`));
    expect(retried).toMatchObject({ attempts: 1, nextAttemptAt: h.clock.now.toISOString() });

    carrier.state.mode = 'block';
    const running = drainJobs(h.ctx, 50, ['return.event']);
    await until(() => carrier.state.started === 1, 'the booking to start');
    expect((await listJobs('waiting')).find((j) => j.id === job.id)).toMatchObject({ running: true });
    const refused = await shop.merchant.call('POST', `/api/v1/jobs/${job.id}/retry`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.code).toBe('job_running');
    carrier.state.release?.();
    expect(await running).toBe(1);
    expect((await listJobs('waiting')).find((j) => j.id === job.id)).toBeUndefined();
    expect((await shop.merchant.call('GET', '/api/v1/jobs?state=sleeping')).statusCode).toBe(400);
  });

  it('aborts a handler past its timeout: the job is released for a retry and the provider request is cut off', async () => {
    // A webhook endpoint that never answers, and a provider timeout far beyond the job's.
    const closed: string[] = [];
    const server = createServer((req) => {
      req.resume();
      req.socket.on('close', () => closed.push(req.url ?? ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      h.ctx.providers = { ...h.ctx.providers, allowInsecureHttp: true, timeoutMs: 600_000 };
      h.ctx.jobTimeoutMs = 300;
      const endpoint = await shop.merchant.call('POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        events: ['return.created'],
      });
      expect(endpoint.statusCode, endpoint.body).toBe(201);
      await newReturn();
      for (let i = 0; i < 5; i++) await drainJobs(h.ctx, 50, ['carrier.announce']);
      const [delivery] = await h.ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('merchantId', '=', shop.merchant.id)
        .where('topic', '=', 'webhook.deliver')
        .execute();
      expect(delivery).toMatchObject({ attempts: 1, doneAt: null, deadAt: null, lockedUntil: null, lastError: 'timed out after 0.3 s' });
      expect(Date.parse(delivery?.availableAt ?? '')).toBe(h.clock.now.getTime() + backoffMs(1));
      // The request itself was aborted with the job (not left open for ten minutes).
      await until(() => closed.includes('/hook'), 'the webhook request to be cut off');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('stop(grace) lets a running job finish within the grace, and hands back one that does not (due at once, attempt not counted)', async () => {
    carrier.state.mode = 'fail';
    const first = await newReturn();
    const second = await newReturn();
    h.clock.advance(backoffMs(1));
    carrier.state.mode = 'block';
    // Finishes within the grace.
    let worker = startWorker(h.ctx, () => {}, 5);
    await until(() => carrier.state.started === 1, 'a booking to start');
    const stopping = worker.stop(60_000);
    carrier.state.release?.();
    await stopping;
    const one = await announceJobOf(first.id);
    const two = await announceJobOf(second.id);
    const [finished, handedBack] = one.doneAt ? [one, two] : [two, one];
    expect(finished.doneAt).not.toBeNull();
    // The other one was claimed in the same batch but not started: back in the queue at once.
    expect(handedBack).toMatchObject({ doneAt: null, lockedUntil: null, lockedBy: null, attempts: 1 });

    // Does not finish within the grace: cut off and handed back.
    worker = startWorker(h.ctx, () => {}, 5);
    await until(() => carrier.state.started === 2, 'the second booking to start');
    await worker.stop(50);
    expect(await getJob(h.ctx.db, shop.merchant.id, handedBack.id)).toMatchObject({
      doneAt: null,
      lockedUntil: null,
      attempts: 1,
      lastError: 'Sandbox Post is down (503)',
    });
    carrier.state.mode = 'ok';
    // Due at once (with the poll and sweep the worker queued and handed back too).
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBeGreaterThanOrEqual(1);
    expect((await getJob(h.ctx.db, shop.merchant.id, handedBack.id))?.doneAt).not.toBeNull();
  });

  it('gives back a job whose lease was used up by slow jobs before it in the same batch, instead of running it', async () => {
    carrier.state.mode = 'fail';
    const first = await newReturn();
    const second = await newReturn();
    carrier.state.mode = 'ok';
    h.clock.advance(backoffMs(1));
    // The first booking takes 40 s of the batch's 60 s lease: too little is left for the second.
    const slow: Carrier = {
      info: sandboxCarrier.info,
      async announce(request) {
        carrier.state.calls++;
        h.clock.advance(40_000);
        return sandboxCarrier.announce(request);
      },
    };
    h.ctx.carriers = createCarrierRegistry([slow, sandboxCourier]);
    const callsBefore = carrier.state.calls;
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(2);
    expect(carrier.state.calls - callsBefore).toBe(1);
    const jobs = [await announceJobOf(first.id), await announceJobOf(second.id)];
    const given = jobs.find((j) => j.doneAt === null);
    expect(jobs.filter((j) => j.doneAt !== null)).toHaveLength(1);
    expect(given).toMatchObject({ lockedUntil: null, lockedBy: null, attempts: 1 });
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect(carrier.state.calls - callsBefore).toBe(2);
  });

  it('a restarted process takes back the jobs leased under its own id at once; a live holder keeps its id and its jobs', async () => {
    carrier.state.mode = 'fail';
    const a = await newReturn();
    const b = await newReturn();
    const jobA = await announceJobOf(a.id);
    const jobB = await announceJobOf(b.id);
    h.clock.advance(backoffMs(1));
    const now = h.clock.now.toISOString();
    const lease = new Date(h.clock.now.getTime() + 60_000).toISOString();
    const claim = (id: string, workerId: string) =>
      claimJobs(h.ctx.db, h.ctx.dialect, {
        topics: ['carrier.announce'],
        limit: 1,
        now,
        leaseUntil: lease,
        workerId,
        only: { merchantId: shop.merchant.id, id },
      });
    // The previous run of "box/serve" (same host, a process that is gone) died holding job A;
    // a live process elsewhere holds "other/serve" and job B.
    await acquireLease(h.ctx.db, 'worker:box/serve', `${hostname()}#999999999#dead`, now, lease);
    await acquireLease(h.ctx.db, 'worker:other/serve', 'elsewhere#42#live', now, lease);
    expect(await claim(jobA.id, 'box/serve')).toHaveLength(1);
    expect(await claim(jobB.id, 'other/serve')).toHaveLength(1);
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(0);

    const restarted = await claimWorkerIdentity(h.ctx, 'box/serve');
    expect(restarted).toMatchObject({ id: 'box/serve', reclaimed: 1 });
    // Not a process with the same id elsewhere: it runs under a fresh id and takes nothing.
    const clash = await claimWorkerIdentity(h.ctx, 'other/serve');
    expect(clash.id).toMatch(/^other\/serve#[0-9a-f]{8}$/);
    expect(clash.reclaimed).toBe(0);
    // Job A runs again now, not 60 s later; job B stays with its live holder.
    carrier.state.mode = 'ok';
    h.ctx.workerId = restarted.id;
    expect(await drainJobs(h.ctx, 50, ['return.event'])).toBe(1);
    expect((await getJob(h.ctx.db, shop.merchant.id, jobA.id))?.doneAt).not.toBeNull();
    expect(await getJob(h.ctx.db, shop.merchant.id, jobB.id)).toMatchObject({ doneAt: null, lockedBy: 'other/serve', lockedUntil: lease });
    await restarted.release();
    await clash.release();
  });
});
