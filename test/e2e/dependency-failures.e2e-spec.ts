import { Client } from 'pg';
import type { HttpAnswer } from '../support/http-client';
import { PrivatePostgres } from '../support/private-postgres';
import { PrivateRedis } from '../support/private-redis';
import { eventually } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

const CONTRACT_MS = 5000;

/** Runs `send` and returns its answer with how long it took. */
async function timed(send: () => Promise<HttpAnswer>): Promise<HttpAnswer & { ms: number }> {
  const started = Date.now();
  const res = await send();
  return { ...res, ms: Date.now() - started };
}

const expectUnavailable = (res: HttpAnswer & { ms: number }) => {
  expect({ status: res.status, code: res.body?.code, retryAfter: res.headers['retry-after'] }).toEqual({
    status: 503,
    code: 'DEPENDENCY_UNAVAILABLE',
    retryAfter: expect.stringMatching(/^\d+$/),
  });
  expect(res.ms).toBeLessThan(CONTRACT_MS);
};

describe('a paused Redis', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
    token = (await createUser(t)).token;
  });
  afterAll(async () => {
    await eventually(async () => (await redis.command('PING')) === 'PONG', { timeoutMs: 15_000 });
    await t.close();
    await redis.stop();
  });

  it('answers reads and logins 503 with Retry-After within 5 s, not after the pause', async () => {
    expect((await t.http.get('/v1/feed', { token })).status).toBe(200);
    await redis.command('CLIENT', 'PAUSE', '7000', 'ALL');
    const [feed, login] = await Promise.all([
      timed(() => t.http.get('/v1/feed', { token })),
      timed(() => t.http.post('/v1/auth/login', { email: 'someone@example.test', password: 'whatever-password' })),
    ]);
    expectUnavailable(feed);
    expectUnavailable(login);
  });
});

describe('a Redis that refuses writes (CLIENT PAUSE WRITE)', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await redis.command('CLIENT', 'UNPAUSE').catch(() => undefined);
    await t.close();
    await redis.stop();
  });

  it('still answers signed-in reads at once: reading the reader state and the feed writes nothing', async () => {
    const { token } = await createUser(t);
    const paths = ['/v1/feed?mode=ranked', '/v1/feed?mode=latest', '/v1/me/follows', '/v1/me'];
    // Twice: the first reads build the feed and the reader state; the second are warm.
    for (let i = 0; i < 2; i++) for (const path of paths) expect((await t.http.get(path, { token })).status).toBe(200);
    await redis.command('CLIENT', 'PAUSE', '6000', 'WRITE');
    try {
      for (const path of paths) {
        const res = await timed(() => t.http.get(path, { token }));
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.ms).toBeLessThan(1000);
      }
    } finally {
      await redis.command('CLIENT', 'UNPAUSE');
    }
  });
});

describe('a locked users table', () => {
  let t: TestApp;
  let token: string;
  let locker: Client;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await createUser(t)).token;
    locker = new Client({ connectionString: t.config.DATABASE_URL });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await t.close();
  });

  it('answers 503 with Retry-After within 5 s, even with more requests waiting than the pool has connections', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    try {
      const answers = await Promise.all(Array.from({ length: 25 }, () => timed(() => t.http.get('/v1/me', { token }))));
      for (const res of answers) expectUnavailable(res);
    } finally {
      await locker.query('ROLLBACK');
    }
    expect((await t.http.get('/v1/me', { token })).status).toBe(200);
  });
});

describe('a Postgres restart', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    t = await startTestApp({ env: { DATABASE_URL: `${pg.baseUrl}/mynews_restart` } });
    token = (await createUser(t)).token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    pg?.destroy();
  });

  it('answers the requests it cut off ("terminating connection due to administrator command") 503, never 500, and recovers', async () => {
    const locker = new Client({ connectionString: t.config.DATABASE_URL });
    await locker.connect();
    locker.on('error', () => undefined);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    // These wait on the lock inside Postgres when the restart ends their connections.
    const cutOff = Promise.all(Array.from({ length: 5 }, () => timed(() => t.http.get('/v1/me', { token }))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    pg.restart();
    for (const res of await cutOff) expectUnavailable(res);
    await locker.end().catch(() => undefined);
    await eventually(async () => (await t.http.get('/v1/me', { token })).status === 200, { timeoutMs: 15_000, intervalMs: 200 });
  });
});
