import { buildPractice, buildUser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';

const TOKEN = 'scraper-token-0123456789abcdef';

describe('metrics and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    // mail configured (to a port nobody answers: no test here gets as far as sending one)
    t = await createTestApp('metrics', { METRICS_TOKEN: TOKEN, JOB_POLLING_SECONDS: '0.5', SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://attune.example.test' });
    const practiceId = await buildPractice(t.dataSource);
    await buildUser(t.dataSource, practiceId, 'practitioner', 'metrics.therapist@example.test');
  });
  afterAll(() => t.close());

  it('counts requests per route template and status, with the pool and the event loop, in the Prometheus format', async () => {
    const therapist = await t.signIn('metrics.therapist@example.test');
    await therapist.get('/api/cases?range=[0,9]').expect(200);
    await therapist.get('/api/cases/00000000-0000-4000-8000-000000000001').expect(404);
    await t.http.get('/api/no-such-route').expect(404);
    const res = await t.http.get('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sampleValue(text, 'attune_http_request_duration_seconds_count{method="GET",route="/api/cases",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'attune_http_request_duration_seconds_count{method="GET",route="/api/cases/:id",status="404"}')).toBe(1);
    expect(sampleValue(text, 'attune_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="200"}')).toBe(1);
    expect(sampleValue(text, 'attune_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sampleValue(text, 'attune_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^attune_nodejs_eventloop_lag_seconds \d/m);
    // route templates only: no id, no query string in any label
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toContain('range=');
  });

  it('shows the jobs waiting per queue and counts the tries that fail, with real jobs through the queue', async () => {
    const scrape = async () => (await t.http.get('/api/metrics').expect(200)).text;
    const before = await scrape();
    expect(sampleValue(before, 'attune_jobs{queue="clean-up",state="created"}')).toBe(0);
    expect(sampleValue(before, 'attune_job_failures_total{queue="deliver-message"}')).toBe(0);
    expect(sampleValue(before, 'attune_job_queue_errors_total')).toBe(0);

    const jobs = t.app.get(JobQueue);
    await jobs.start();
    // two clean-ups for later: waiting in the queue
    const later = new Date(Date.now() + 3_600_000);
    await jobs.send(JOB_QUEUES.cleanUp, null, undefined, { startAfter: later });
    await jobs.send(JOB_QUEUES.cleanUp, null, undefined, { startAfter: later });
    // a delivery whose message id is no id: its worker's query throws, and pg-boss keeps it for a retry in a minute
    const broken = await jobs.send(JOB_QUEUES.deliverMessage, { messageId: 'not-a-message-id' });
    const deadline = Date.now() + 60_000;
    while ((await jobs.stateOf(JOB_QUEUES.deliverMessage, broken)) !== 'retry') {
      if (Date.now() > deadline) throw new Error(`the broken delivery is still ${await jobs.stateOf(JOB_QUEUES.deliverMessage, broken)}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const after = await scrape();
    expect(sampleValue(after, 'attune_jobs{queue="clean-up",state="created"}')).toBe(2);
    expect(sampleValue(after, 'attune_jobs{queue="deliver-message",state="retry"}')).toBe(1);
    expect(sampleValue(after, 'attune_job_failures_total{queue="deliver-message"}')).toBe(1);
    expect(sampleValue(after, 'attune_job_failures_total{queue="clean-up"}')).toBe(0);
    expect(after).not.toContain('not-a-message-id');
  });

  it('shows the metrics to a scraper with the token or on this machine, and to nobody through a proxy', async () => {
    expect((await t.http.get('/api/metrics').set('X-Forwarded-For', '203.0.113.9')).status).toBe(404);
    expect((await t.http.get('/api/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await t.http.get('/api/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(404);
    expect((await t.http.get('/api/metrics').set('Authorization', 'Bearer wrong')).status).toBe(404);
  });

  it('is ready when the database answers and every migration is applied, and says 503 with Retry-After otherwise', async () => {
    const ready = await t.http.get('/api/ready');
    expect({ status: ready.status, body: ready.body }).toEqual({ status: 200, body: { status: 'ready', database: 'up', migrations: 'applied' } });
    const [last] = await t.dataSource.query(`SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`);
    await t.owner.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const pending = await t.http.get('/api/ready');
      expect({ status: pending.status, retryAfter: pending.headers['retry-after'], code: pending.body.code })
        .toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
      // liveness does not care about migrations
      expect((await t.http.get('/api/health')).status).toBe(200);
    } finally {
      await t.owner.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
  });
});

/** The value of one sample line (`name{labels} value`), or undefined when it is not there. */
function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
