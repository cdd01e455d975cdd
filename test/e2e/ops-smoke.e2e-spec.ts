import { DataSource } from 'typeorm';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every /v1 route of the contract (docs/api.md): method, path, whether it takes a body, its own error answers. */
const CONTRACT: [Method, string, { body?: boolean; errors: number[] }][] = [
  ['post', '/v1/auth/register', { body: true, errors: [400, 409, 429] }],
  ['post', '/v1/auth/login', { body: true, errors: [400, 401, 429] }],
  ['post', '/v1/auth/refresh', { body: true, errors: [400, 401] }],
  ['post', '/v1/auth/logout', { body: true, errors: [400] }],
  ['patch', '/v1/admin/users/{id}', { body: true, errors: [400, 401, 403, 404] }],
  ['get', '/v1/me', { errors: [401] }],
  ['patch', '/v1/me', { body: true, errors: [400, 401] }],
  ['delete', '/v1/me', { errors: [401] }],
  ['get', '/v1/me/follows', { errors: [401] }],
  ['put', '/v1/me/follows/{slug}', { errors: [401, 404, 409] }],
  ['delete', '/v1/me/follows/{slug}', { errors: [401] }],
  ['get', '/v1/me/mutes', { errors: [401] }],
  ['put', '/v1/me/mutes/{slug}', { errors: [401, 404] }],
  ['delete', '/v1/me/mutes/{slug}', { errors: [401] }],
  ['put', '/v1/me/saved/{articleId}', { errors: [401, 404] }],
  ['delete', '/v1/me/saved/{articleId}', { errors: [401] }],
  ['get', '/v1/me/saved', { errors: [400, 401] }],
  ['get', '/v1/me/history', { errors: [400, 401] }],
  ['delete', '/v1/me/history', { errors: [401] }],
  ['get', '/v1/topics', { errors: [400] }],
  ['get', '/v1/topics/{slug}', { errors: [404] }],
  ['get', '/v1/topics/{slug}/articles', { errors: [400, 404] }],
  ['post', '/v1/topics', { body: true, errors: [400, 401, 403, 409] }],
  ['patch', '/v1/topics/{slug}', { body: true, errors: [400, 401, 403, 404] }],
  ['post', '/v1/articles', { body: true, errors: [400, 401, 403] }],
  ['get', '/v1/articles/{id}', { errors: [404] }],
  ['patch', '/v1/articles/{id}', { body: true, errors: [400, 401, 403, 404] }],
  ['delete', '/v1/articles/{id}', { errors: [401, 403, 404] }],
  ['get', '/v1/feed', { errors: [400, 401] }],
  ['get', '/v1/feed/new-count', { errors: [400, 401] }],
  ['post', '/v1/feed/events', { body: true, errors: [400, 401] }],
  ['get', '/v1/feed/stream', { errors: [401] }],
];

const PROBLEM_REF = '#/components/schemas/Problem';
const ADMIN = { ADMIN_EMAIL: 'ops-admin@example.org', ADMIN_PASSWORD: 'ops admin password' };
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

/** The value of one series in Prometheus text, labels matched exactly (in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.keys(found).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => found[k] === v)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

describe('operations smoke', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: ADMIN });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  describe('/docs-json', () => {
    let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
    beforeAll(async () => {
      const res = await t.http.get('/docs-json');
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it.each(CONTRACT)('documents %s %s with its body and error answers', (method, path, { body, errors }) => {
      const operation = doc.paths[path]?.[method];
      expect(operation).toBeDefined();
      if (body) expect(operation.requestBody?.content?.['application/json']?.schema).toBeDefined();
      for (const status of [...errors, 503]) {
        expect({ status, content: operation.responses[status]?.content?.['application/problem+json']?.schema?.$ref }).toEqual({
          status,
          content: PROBLEM_REF,
        });
      }
    });

    it('gives every error answer of every /v1 route the problem+json schema', () => {
      const bare: string[] = [];
      for (const [path, item] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/'))) {
        for (const [method, operation] of Object.entries(item)) {
          for (const [status, answer] of Object.entries(operation.responses as Record<string, any>)) {
            if (Number(status) >= 400 && answer.content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF) {
              bare.push(`${method} ${path} ${status}`);
            }
          }
        }
      }
      expect(bare).toEqual([]);
      expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'code', 'detail']);
    });
  });

  describe('/metrics', () => {
    it('exposes HTTP latency by route pattern, feed reads, fan-out lag and deliveries, queue depths after a publish and a read', async () => {
      const topic = await news.topic();
      const reader = await news.reader([topic]);
      await news.feedIds(reader.token); // builds the feed: fan-out only writes into existing ones
      const article = await news.publish([topic]);
      await waitForQueuesIdle(t);
      expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([article.id]);
      expect((await t.http.get(`/v1/topics/${topic}`)).status).toBe(200);

      const text = await eventually(async () => {
        const body = await scrape();
        return (sample(body, 'mynews_fanout_lag_seconds_count') ?? 0) >= 1 ? body : undefined;
      });
      const feed200 = { method: 'GET', route: '/v1/feed', status: '200' };
      expect(sample(text, 'mynews_http_request_duration_seconds_count', feed200)).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'mynews_http_request_duration_seconds_bucket', { ...feed200, le: '+Inf' })).toBeGreaterThanOrEqual(2);
      // The route pattern, never the raw URL: label values stay bounded.
      expect(sample(text, 'mynews_http_request_duration_seconds_count', { method: 'GET', route: '/v1/topics/:slug', status: '200' })).toBe(
        1,
      );
      expect(text).not.toContain(`route="/v1/topics/${topic}"`);
      expect(sample(text, 'mynews_feed_read_duration_seconds_count', { mode: 'ranked' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'mynews_feed_read_duration_seconds_count', { mode: 'latest' })).toBe(1);
      expect(sample(text, 'mynews_fanout_deliveries_total')).toBe(1);
      expect(sample(text, 'mynews_fanout_lag_seconds_bucket', { le: '+Inf' })).toBe(1);
      // The plan job: a fan-out this small is written by the plan itself (FANOUT_INLINE_FOLLOWERS), with no chunk job.
      expect(sample(text, 'mynews_queue_jobs', { queue: 'fanout', state: 'completed' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'mynews_queue_jobs', { queue: 'fanout', state: 'waiting' })).toBe(0);
      expect(text).toContain('# TYPE mynews_job_failures_total counter');
      expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    });

    it('measures fan-out lag from when the version became due, not from a back-dated publishedAt', async () => {
      const before = sample(await scrape(), 'mynews_fanout_lag_seconds_sum') ?? 0;
      const topic = await news.topic();
      const reader = await news.reader([topic]);
      await news.feedIds(reader.token);
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
      await news.publish([topic], { publishedAt: twoDaysAgo });
      await waitForQueuesIdle(t);
      const text = await eventually(async () => {
        const body = await scrape();
        return (sample(body, 'mynews_fanout_lag_seconds_count') ?? 0) >= 2 ? body : undefined;
      });
      // Measured from publishedAt this chunk alone would add 172,800 s.
      expect(sample(text, 'mynews_fanout_lag_seconds_sum')! - before).toBeLessThan(86_400);
      expect(sample(text, 'mynews_fanout_deliveries_total')).toBe(2);
    });

    it('counts failed job attempts by queue and job name', async () => {
      const queue = t.app.get(JobProducer).queue(QUEUE.fanout);
      await queue.add('no.such.job', {}, { attempts: 1 });
      const text = await eventually(async () => {
        const body = await scrape();
        return sample(body, 'mynews_job_failures_total', { queue: 'fanout', name: 'no.such.job' }) === 1 ? body : undefined;
      });
      expect(sample(text, 'mynews_queue_jobs', { queue: 'fanout', state: 'failed' })).toBe(1);
    });
  });

  describe('/admin/queues', () => {
    const dashboard = (headers: Record<string, string> = {}, path = '/admin/queues') => t.http.get(path, { headers });

    it('asks anonymous callers for Basic credentials, on the page, its assets, its API and unknown paths alike', async () => {
      for (const path of ['/admin/queues', '/admin/queues/static/js/main.js', '/admin/queues/api/queues', '/admin/queues/nothing']) {
        const res = await dashboard({}, path);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
        expect(res.headers['www-authenticate']).toBe('Basic realm="myNEWS ops"');
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      }
    });

    it('refuses a reader with 403, by Bearer token or by Basic password', async () => {
      const reader = await createUser(t);
      const byToken = await dashboard({ authorization: `Bearer ${reader.token}` });
      expect(byToken.status).toBe(403);
      expect(byToken.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });

      const signUp = await t.http.post('/v1/auth/register', {
        email: 'ops-reader@example.org',
        password: 'reader password',
        displayName: 'R',
      });
      expect(signUp.status).toBe(201);
      const byPassword = await dashboard({ authorization: basic('ops-reader@example.org', 'reader password') });
      expect(byPassword.status).toBe(403);
      expect(byPassword.body.code).toBe('FORBIDDEN');
    });

    it('refuses a wrong password, a bad token and a logged-out admin token with 401', async () => {
      expect((await dashboard({ authorization: basic(ADMIN.ADMIN_EMAIL, 'wrong password') })).status).toBe(401);
      expect((await dashboard({ authorization: basic('nobody@example.org', ADMIN.ADMIN_PASSWORD) })).status).toBe(401);
      expect((await dashboard({ authorization: 'Bearer not-a-token' })).status).toBe(401);
      expect((await dashboard({ authorization: 'Digest whatever' })).status).toBe(401);

      const login = await t.http.post('/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD });
      const { accessToken, refreshToken } = login.body.tokens;
      expect((await dashboard({ authorization: `Bearer ${accessToken}` })).status).toBe(200);
      expect((await t.http.post('/v1/auth/logout', { refreshToken })).status).toBe(204);
      expect((await dashboard({ authorization: `Bearer ${accessToken}` })).status).toBe(401);
    });

    it('serves an admin by Bearer token: the page, its assets and the queue API', async () => {
      const admin = await createUser(t, { role: 'admin' });
      const auth = { authorization: `Bearer ${admin.token}` };
      const page = await dashboard(auth);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<base href="/admin/queues/"');
      const asset = /src="(static\/js\/main[^"]+\.js)"/.exec(page.text)?.[1];
      expect(asset).toBeDefined();
      expect((await dashboard(auth, `/admin/queues/${asset}`)).status).toBe(200);
      expect((await dashboard({}, `/admin/queues/${asset}`)).status).toBe(401);

      const api = await dashboard(auth, '/admin/queues/api/queues');
      expect(api.status).toBe(200);
      expect(JSON.parse(api.text).queues.map((q: { name: string }) => q.name)).toContain(QUEUE.fanout);
    });

    it('serves the ADMIN_EMAIL admin by HTTP Basic, and stops at once when that account is demoted', async () => {
      const auth = { authorization: basic('OPS-Admin@Example.org', ADMIN.ADMIN_PASSWORD) };
      const page = await dashboard(auth);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/myNEWS queues|bull/i);
      expect((await dashboard(auth, '/admin/queues/api/queues')).status).toBe(200);

      await t.app.get(DataSource).query(`UPDATE users SET role = 'reader' WHERE email = $1`, [ADMIN.ADMIN_EMAIL]);
      expect((await dashboard(auth)).status).toBe(403);
      await t.app.get(DataSource).query(`UPDATE users SET role = 'admin' WHERE email = $1`, [ADMIN.ADMIN_EMAIL]);
    });
  });
});
